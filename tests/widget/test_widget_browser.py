"""The chat widget in Debian's Chromium against the real server and model (browser tier)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
import pytest
from playwright.sync_api import Page, Route, expect

pytestmark = pytest.mark.browser

QUESTION = "free courses in health sciences"
HOSTILE = '<img src=x onerror="window.__pwned=1">'


# ---- helpers ----
def focused_in_widget(page: Page) -> str:
    """Class of the element focused inside the widget's shadow root, or '' if focus is elsewhere."""
    return str(
        page.evaluate(
            """() => {
                const host = document.activeElement;
                if (!host || host.id !== 'durham-advisor-widget') return '';
                const el = host.shadowRoot.activeElement;
                return el ? (el.className || el.tagName.toLowerCase()) : '';
            }"""
        )
    )


def open_by_keyboard(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    expect(page.locator(".launcher")).to_be_visible()
    page.keyboard.press("Tab")
    assert focused_in_widget(page) == "launcher", "Tab from the top of the page should reach the launcher"
    page.keyboard.press("Enter")
    expect(page.locator(".panel")).to_be_visible()
    assert focused_in_widget(page) == "input", "opening the widget should put the cursor in the message box"


def ask(page: Page, text: str) -> None:
    """Type into the focused message box, send with Enter, and wait for the next bot answer."""
    answers = page.locator(".msg.bot").count()
    page.locator("input").fill(text)
    page.locator("input").press("Enter")
    expect(page.locator(".msg.bot")).to_have_count(answers + 1)


def count_in_widget(page: Page, selector: str) -> int:
    return int(
        page.evaluate(
            "s => document.getElementById('durham-advisor-widget').shadowRoot.querySelectorAll(s).length", selector
        )
    )


def stored(page: Page, area: str = "sessionStorage") -> dict[str, Any]:
    raw = page.evaluate(
        f"() => {{ const k = Object.keys({area}).find(k => k.startsWith('durham-advisor:v2:') "
        f"&& !k.endsWith(':open')); return k ? {area}.getItem(k) : null; }}"
    )
    assert raw, f"the widget stored nothing in {area}"
    value: dict[str, Any] = json.loads(raw)
    return value


def widget_keys(page: Page, area: str) -> list[str]:
    return list(page.evaluate(f"() => Object.keys({area}).filter(k => k.startsWith('durham-advisor:'))"))


def transcript(page: Page) -> list[str]:
    return [text.strip() for text in page.locator(".log .msg").all_inner_texts()]


def assert_cards_are_safe(page: Page) -> None:
    cards = page.locator(".card")
    expect(cards.first).to_be_visible()
    for card in cards.all():
        assert card.locator("h3").inner_text().strip(), "a card without a title"
        terms = card.locator("dt").all_inner_texts()
        for term in ("Provider", "Status", "Cost"):
            assert term in terms, f"card lacks {term}: {terms}"
        for link in card.locator("a").all():
            href = link.get_attribute("href") or ""
            assert urlparse(href).scheme in {"http", "https"}, href
            assert link.get_attribute("rel") == "noopener noreferrer"
            assert link.get_attribute("target") == "_blank"


# ---- the main flow ----
def test_widget_keyboard_conversation_survives_reload(page: Page, live_server: str) -> None:
    open_by_keyboard(page, live_server)
    log = page.locator("[role=log]")
    assert log.get_attribute("aria-live") == "polite"

    ask(page, QUESTION)
    answer = page.locator(".msg.bot").last
    assert answer.locator(".bubble").first.inner_text().strip(), "the answer has no text"
    expect(page.locator(".msg.user .bubble").last).to_have_text(QUESTION)
    assert_cards_are_safe(page)

    quick = page.locator(".quick button").first
    expect(quick).to_be_visible()
    title = quick.inner_text().strip()
    answers = page.locator(".msg.bot").count()
    quick.click()
    expect(page.locator(".msg.bot")).to_have_count(answers + 1)
    expect(page.locator(".msg.user").last.locator(".bubble")).to_have_text(title)
    assert focused_in_widget(page) == "input", "after a quick reply the cursor should be back in the message box"

    before = transcript(page)
    session_id = stored(page)["sessionId"]
    assert session_id

    page.reload()
    expect(page.locator(".panel")).to_be_visible()  # it was open, so it reopens
    expect(page.locator(".log .msg")).to_have_count(len(before))
    assert transcript(page) == before
    assert stored(page)["sessionId"] == session_id

    with page.expect_request("**/chat") as request_info:
        ask(page, "what about cybersecurity")
    sent = request_info.value.post_data_json
    assert sent is not None and sent["session_id"] == session_id
    assert stored(page)["sessionId"] == session_id


def test_widget_escape_closes_and_returns_focus_to_launcher(page: Page, live_server: str) -> None:
    open_by_keyboard(page, live_server)
    page.keyboard.press("Escape")
    expect(page.locator(".panel")).to_be_hidden()
    assert focused_in_widget(page) == "launcher"
    assert page.locator(".launcher").get_attribute("aria-expanded") == "false"


def test_widget_every_control_is_reachable_and_named(page: Page, live_server: str) -> None:
    open_by_keyboard(page, live_server)
    ask(page, QUESTION)
    reached: set[str] = set()
    for _ in range(40):
        page.keyboard.press("Tab")
        name = str(
            page.evaluate(
                """() => {
                    const host = document.activeElement;
                    const el = host && host.shadowRoot && host.shadowRoot.activeElement;
                    if (!el) return '';
                    const label = el.id && host.shadowRoot.querySelector('label[for="' + el.id + '"]');
                    const visible = el.cloneNode(true);
                    visible.querySelectorAll('[aria-hidden]').forEach(n => n.remove());
                    const name = el.getAttribute('aria-label') || (label && label.textContent) || visible.textContent;
                    return name.trim();
                }"""
            )
        )
        reached.add(name)
    for control in ("Start over", "Close chat", "Type your question", "Send"):
        assert control in reached, f"{control!r} not reached by Tab; reached {sorted(reached)}"
    assert any(name.startswith("Course page") for name in reached)
    outline = page.locator(".send").evaluate("el => { el.focus(); return getComputedStyle(el).outlineStyle; }")
    assert outline == "solid", "keyboard focus must be visible"


def test_widget_start_over_erases_the_conversation_and_starts_a_new_one(page: Page, live_server: str) -> None:
    open_by_keyboard(page, live_server)
    ask(page, QUESTION)
    session_id = stored(page)["sessionId"]
    with page.expect_request(lambda r: r.method == "DELETE") as request_info:
        page.locator("header").get_by_role("button", name="Start over").click()
    assert request_info.value.url == f"{live_server}/conversations/{session_id}"
    expect(page.locator(".msg.user")).to_have_count(0)
    expect(page.locator(".card")).to_have_count(0)
    expect(page.locator(".msg.bot")).to_have_count(1)  # the welcome
    page.wait_for_load_state("networkidle")
    assert widget_keys(page, "sessionStorage") == [f"durham-advisor:v2:{live_server}:open"]
    assert httpx.get(f"{live_server}/conversations/{session_id}").status_code == 404  # erased on the server
    with page.expect_request("**/chat") as request_info:
        ask(page, "cybersecurity")
    sent = request_info.value.post_data_json
    assert sent is not None and "session_id" not in sent
    assert stored(page)["sessionId"] != session_id


# ---- what the widget keeps (review M4) ----
SIN_MESSAGE = "my SIN is 046 454 286, call me at 905-555-0123"


def test_widget_keeps_the_redacted_text_in_the_tab_only(page: Page, live_server: str) -> None:
    open_by_keyboard(page, live_server)
    notice = page.locator(".notice")
    expect(notice).to_contain_text("Kept in this tab until you close it, and on our server for 30 days")
    expect(notice.get_by_role("button", name="Delete this conversation")).to_be_visible()
    ask(page, SIN_MESSAGE)
    expect(page.locator(".msg.user .bubble").last).to_have_text("my SIN is [SIN], call me at [phone]")
    page.reload()
    expect(page.locator(".msg.user .bubble")).to_have_text(["my SIN is [SIN], call me at [phone]"])
    raw = json.dumps(stored(page))
    assert "046" not in raw and "905" not in raw and "[SIN]" in raw
    assert widget_keys(page, "localStorage") == []  # nothing outlives the tab


def test_widget_uses_local_storage_only_when_the_site_opts_in(page: Page, live_server: str) -> None:
    host_page(page, live_server, 'data-persist="local" data-retention-days="14"')
    page.locator(".launcher").click()
    expect(page.locator(".notice")).to_contain_text("Kept in this browser for 24 hours, and on our server for 14 days")
    ask(page, SIN_MESSAGE)
    raw = json.dumps(stored(page, "localStorage"))
    assert "[SIN]" in raw and "046" not in raw
    assert [k for k in widget_keys(page, "sessionStorage") if not k.endswith(":open")] == []


def test_widget_delete_erases_on_the_server_and_here(page: Page, live_server: str) -> None:
    open_by_keyboard(page, live_server)
    ask(page, QUESTION)
    session_id = stored(page)["sessionId"]
    assert httpx.get(f"{live_server}/conversations/{session_id}").status_code == 200
    with page.expect_response(lambda r: r.request.method == "DELETE") as response_info:
        page.get_by_role("button", name="Delete this conversation").click()
    assert response_info.value.status == 204
    expect(page.get_by_role("status")).to_have_text("Conversation deleted.")
    expect(page.locator(".msg")).to_have_count(1)
    assert httpx.get(f"{live_server}/conversations/{session_id}").status_code == 404
    assert widget_keys(page, "sessionStorage") == [f"durham-advisor:v2:{live_server}:open"]
    page.reload()
    expect(page.locator(".msg")).to_have_count(1)


def test_widget_delete_failure_says_so_and_keeps_the_conversation(page: Page, live_server: str) -> None:
    open_by_keyboard(page, live_server)
    ask(page, QUESTION)
    page.route("**/conversations/**", lambda route: route.abort("connectionrefused"))
    page.get_by_role("button", name="Delete this conversation").click()
    expect(page.locator(".msg.error")).to_contain_text("could not be deleted")
    assert stored(page)["sessionId"]


def test_widget_removes_what_the_old_widget_left(page: Page, live_server: str) -> None:
    old = json.dumps({"v": 1, "at": 0, "sessionId": "old-id-123", "entries": [{"who": "user", "text": "046 454 286"}]})
    page.goto(live_server + "/healthz")  # the same origin, before the widget runs
    page.evaluate(
        "([base, old]) => { localStorage.setItem('durham-advisor:v1:' + base, old); "
        "localStorage.setItem('durham-advisor:v1:https://other.example', old); "
        "sessionStorage.setItem('durham-advisor:v1:' + base + ':open', '1'); }",
        [live_server, old],
    )
    page.goto(live_server + "/")
    expect(page.locator(".launcher")).to_be_visible()
    assert widget_keys(page, "localStorage") == []
    assert widget_keys(page, "sessionStorage") == []
    page.locator(".launcher").click()
    expect(page.locator(".msg")).to_have_count(1)  # the welcome only: the old transcript is not shown


# ---- safety ----
def test_widget_shows_hostile_message_as_text(page_without_csp: Page, live_server: str) -> None:
    page = page_without_csp
    open_by_keyboard(page, live_server)
    ask(page, HOSTILE)
    expect(page.locator(".msg.user .bubble").last).to_have_text(HOSTILE)
    assert count_in_widget(page, "img") == 0
    page.wait_for_timeout(300)  # an onerror handler would have fired by now
    assert page.evaluate("() => typeof window.__pwned") == "undefined"


def test_widget_renders_hostile_server_data_as_text(page_without_csp: Page, live_server: str) -> None:
    page = page_without_csp
    reply = {
        "session_id": "s1",
        "intent": {"name": "search_credentials", "confidence": 0.9},
        "messages": [{"text": HOSTILE, "buttons": [{"title": HOSTILE, "payload": "/more_results"}]}],
        "results": [
            {
                "id": "a",
                "title": HOSTILE,
                "provider": HOSTILE,
                "area": "x",
                "cost": "Free",
                "status": "available",
                "delivery": "unknown",
                "duration": "unknown",
                "url": "javascript:window.__pwned=1",
                "score": 0.5,
            },
            {
                "id": "b",
                "title": "Data URL",
                "provider": "p",
                "area": "x",
                "cost": "Free",
                "status": "available",
                "delivery": "unknown",
                "duration": "unknown",
                "url": "data:text/html,<script>alert(1)</script>",
                "score": 0.5,
            },
        ],
        "slots": {},
    }
    page.route("**/chat", lambda route: route.fulfill(status=200, json=reply))
    open_by_keyboard(page, live_server)
    ask(page, "hello")
    expect(page.locator(".msg.bot .bubble").last).to_have_text(HOSTILE)
    expect(page.locator(".card h3").first).to_have_text(HOSTILE)
    expect(page.locator(".quick button")).to_have_text(HOSTILE)
    assert page.locator(".card a").count() == 0, "non-http(s) links must not be rendered"
    assert count_in_widget(page, "img, script, iframe, object") == 0
    assert page.evaluate("() => typeof window.__pwned") == "undefined"


# ---- errors ----
def test_widget_rate_limit_shows_wait_and_retries(page: Page, live_server: str) -> None:
    calls: list[int] = []

    def limit_once(route: Route) -> None:
        calls.append(1)
        if len(calls) == 1:
            route.fulfill(
                status=429, headers={"Retry-After": "2"}, json={"error": "Too many requests", "retry_after": 2}
            )
        else:
            route.continue_()

    page.route("**/chat", limit_once)
    open_by_keyboard(page, live_server)
    page.locator("input").fill(QUESTION)
    page.locator("input").press("Enter")
    error = page.locator(".msg.error")
    expect(error).to_contain_text("Please wait 2 seconds, then try again.")
    error.get_by_role("button", name="Try again").click()
    expect(page.locator(".card").first).to_be_visible(timeout=20_000)
    expect(page.locator(".msg.error")).to_have_count(0)
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("failure", "words"),
    [("abort", "can't reach the advisor"), ("503", "Something went wrong on our side")],
)
def test_widget_server_failure_shows_plain_error_and_retries(
    page: Page, live_server: str, failure: str, words: str
) -> None:
    down = {"on": True}

    def handler(route: Route) -> None:
        if not down["on"]:
            route.continue_()
        elif failure == "abort":
            route.abort("connectionrefused")
        else:
            route.fulfill(status=503, json={"error": "unavailable"})

    page.route("**/chat", handler)
    open_by_keyboard(page, live_server)
    page.locator("input").fill(QUESTION)
    page.locator("input").press("Enter")
    expect(page.locator(".msg.error")).to_contain_text(words)
    down["on"] = False
    page.get_by_role("button", name="Try again").click()
    expect(page.locator(".card").first).to_be_visible()
    expect(page.locator(".msg.user")).to_have_count(1)  # the retry does not repeat the question


def test_widget_shows_typing_indicator_while_waiting(page: Page, live_server: str) -> None:
    page.route("**/chat", lambda route: None)  # never answered
    open_by_keyboard(page, live_server)
    page.locator("input").fill(QUESTION)
    page.locator("input").press("Enter")
    expect(page.get_by_role("status")).to_have_text("The advisor is typing…")
    expect(page.locator(".typing .dots")).to_be_visible()


# ---- layout ----
def assert_fits(page: Page, width: int, height: int) -> None:
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, "the page scrolls sideways"
    box = page.locator(".panel").bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, f"panel overflows: {box}"
    overflow = page.locator(".panel").evaluate(
        "el => [...el.querySelectorAll(':not(.sr)')].filter(c => c.scrollWidth > c.clientWidth + 1 && "
        "getComputedStyle(c).overflowX !== 'visible').map(c => c.className)"
    )
    assert overflow == [], f"horizontal scrolling inside the panel: {overflow}"
    for selector in ("input", ".send"):
        control = page.locator(selector).bounding_box()
        assert control is not None
        assert control["x"] >= 0 and control["x"] + control["width"] <= width + 0.5, f"{selector} is cut off: {control}"
        assert control["y"] >= 0 and control["y"] + control["height"] <= height + 0.5, (
            f"{selector} is cut off: {control}"
        )


def test_widget_reflows_at_320_px(phone_page: Page, live_server: str) -> None:
    open_by_keyboard(phone_page, live_server)
    ask(phone_page, QUESTION)
    expect(phone_page.locator(".card").first).to_be_visible()
    assert_fits(phone_page, 320, 640)
    assert phone_page.locator(".panel").get_attribute("aria-modal") == "true"


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (640, 800)])
def test_widget_keeps_input_visible_at_200_percent_text(page: Page, live_server: str, width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server + "/")
    # Text-only zoom: the browser's default font size doubles, which is what 1rem follows.
    page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
    page.locator(".launcher").click()
    assert page.locator(".root").evaluate("el => getComputedStyle(el).fontSize") == "32px"
    ask(page, QUESTION)
    assert_fits(page, width, height)


# ---- theming and language ----
def host_page(page: Page, base_url: str, attributes: str) -> None:
    html = (
        '<!doctype html><html lang="en"><title>Host</title><main><h1>Host</h1></main>'
        f'<script src="/widget.js" {attributes}></script>'
    )
    page.route(base_url + "/host", lambda route: route.fulfill(status=200, content_type="text/html", body=html))
    page.goto(base_url + "/host")


@pytest.mark.parametrize(
    ("given", "used"),
    [("#1b365d", "#1b365d"), ("#ffcc00", "#005a9c"), ("#777", "#005a9c"), ("red;background:url(x)", "#005a9c")],
)
def test_widget_uses_host_colour_only_with_enough_contrast(page: Page, live_server: str, given: str, used: str) -> None:
    host_page(page, live_server, f'data-primary-color="{given}"')
    colour = page.locator(".root").evaluate("el => getComputedStyle(el).getPropertyValue('--primary').trim()")
    assert colour == used


def test_widget_speaks_french_when_asked(page: Page, live_server: str) -> None:
    host_page(page, live_server, 'data-lang="fr" data-title="Conseiller Durham"')
    assert page.locator(".root").get_attribute("lang") == "fr"
    expect(page.get_by_role("button", name="Clavarder avec le conseiller en formation")).to_be_visible()
    page.locator(".launcher").click()
    expect(page.get_by_role("dialog", name="Conseiller Durham")).to_be_visible()
    assert page.locator(".msg.bot").first.get_attribute("lang") == "fr"


def test_widget_stored_transcript_stays_bounded(page: Page, live_server: str) -> None:
    def answer(route: Route) -> None:
        body = route.request.post_data_json
        reply = {"session_id": "s1", "user_text": body["message"], "messages": [{"text": "x" * 8000}], "results": []}
        route.fulfill(status=200, json=reply)

    page.route("**/chat", answer)
    open_by_keyboard(page, live_server)
    for number in range(20):
        ask(page, f"question {number}")
    assert len(json.dumps(stored(page))) <= 100_000
    entries = stored(page)["entries"]
    assert entries[-1]["who"] == "bot" and entries[-2]["text"] == "question 19", "the newest turns are kept"


# ---- accessibility scan ----
def test_widget_has_no_serious_axe_violations(page_without_csp: Page, live_server: str, axe_script: Path) -> None:
    page = page_without_csp
    open_by_keyboard(page, live_server)
    ask(page, QUESTION)
    expect(page.locator(".card").first).to_be_visible()
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], "
        "runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not serious, "axe-core found:\n" + "\n".join(serious)
