"""The chat widget in Debian's Chromium against the real server and model (browser tier)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

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


def stored(page: Page) -> dict[str, Any]:
    raw = page.evaluate(
        "() => { const k = Object.keys(localStorage).find(k => k.startsWith('durham-advisor:')); "
        "return k ? localStorage.getItem(k) : null; }"
    )
    assert raw, "the widget stored nothing in localStorage"
    value: dict[str, Any] = json.loads(raw)
    return value


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


def test_widget_start_over_clears_transcript_and_keeps_session(page: Page, live_server: str) -> None:
    open_by_keyboard(page, live_server)
    ask(page, QUESTION)
    session_id = stored(page)["sessionId"]
    with page.expect_request("**/chat") as request_info:
        page.locator("header").get_by_role("button", name="Start over").click()
    assert request_info.value.post_data_json == {
        "message": "/restart",
        "session_id": session_id,
        "metadata": {"lang": "en"},
    }
    expect(page.locator(".msg.user")).to_have_count(0)
    expect(page.locator(".card")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    assert [entry["who"] for entry in stored(page)["entries"]] in ([], ["bot"])
    assert stored(page)["sessionId"] == session_id


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
    long_reply = {"session_id": "s1", "messages": [{"text": "x" * 8000, "buttons": []}], "results": [], "slots": {}}
    page.route("**/chat", lambda route: route.fulfill(status=200, json=long_reply))
    open_by_keyboard(page, live_server)
    for number in range(20):
        ask(page, f"question {number}")
    raw = page.evaluate("() => localStorage.getItem(Object.keys(localStorage)[0])")
    assert len(raw) <= 100_000
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
