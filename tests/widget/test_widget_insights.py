"""The widget's analytics parts in Chromium against a real server with analytics on: feedback and the opt-out."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.widget.test_widget_browser import ask, open_by_keyboard
from tests.widget.widget_harness import HarnessError, run_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def analytics_server(tmp_path_factory: pytest.TempPathFactory, onnx_data_dir: Path) -> Iterator[tuple[str, Path]]:
    data_dir = tmp_path_factory.mktemp("widget-insights") / "data"
    shutil.copytree(onnx_data_dir / "models", data_dir / "models")  # the session's export: no second one
    env = {"ADVISOR_DATA_DIR": str(data_dir), "ADVISOR_ANALYTICS": "on"}
    try:
        with run_server(env) as base_url:
            yield base_url, data_dir
    except HarnessError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def analytics_page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def events(data_dir: Path) -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted((data_dir / "insights" / "events").glob("day=*/*.jsonl"))
        for line in path.read_text().splitlines()
        if line
    ]


def wait_for(condition: Any, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_widget_feedback_by_keyboard_reaches_the_events_and_passes_axe(
    analytics_page: Page, analytics_server: tuple[str, Path], axe_script: Path
) -> None:
    page = analytics_page
    base_url, data_dir = analytics_server
    open_by_keyboard(page, base_url)
    expect(page.locator(".insights")).to_contain_text("Anonymous usage is counted")
    ask(page, "free courses in health sciences")
    group = page.get_by_role("group", name="Was this helpful?")
    expect(group).to_be_visible()
    page.add_script_tag(path=str(axe_script))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    assert not [v["id"] for v in results["violations"]], results["violations"]
    group.get_by_role("button", name="No").focus()
    page.keyboard.press("Enter")
    comment = page.get_by_role("textbox", name="Anything to add? (optional, no personal details)")
    expect(comment).to_be_focused()
    comment.fill("too general, mail me at jo@example.org")
    page.get_by_role("button", name="Send comment").press("Enter")
    expect(page.get_by_role("status").filter(has_text="your comment was sent")).to_be_visible()
    wait_for(lambda: len([e for e in events(data_dir) if e["kind"] == "feedback"]) == 2)
    feedback = [e for e in events(data_dir) if e["kind"] == "feedback"]
    turn = next(e for e in events(data_dir) if e["kind"] == "turn")
    assert {e["turn_id"] for e in feedback} == {turn["turn_id"]}
    assert [e["helpful"] for e in feedback] == [False, False]
    assert feedback[1]["comment"] == "too general, mail me at [email]"


def test_widget_opt_out_makes_no_event_and_is_remembered(
    analytics_page: Page, analytics_server: tuple[str, Path]
) -> None:
    page = analytics_page
    base_url, data_dir = analytics_server
    open_by_keyboard(page, base_url)
    ask(page, "cybersecurity")
    wait_for(lambda: any(e.get("intent") == "search_credentials" for e in events(data_dir)))
    before = len(events(data_dir))
    page.get_by_role("button", name="Don't count me").click()
    expect(page.locator(".insights")).to_have_text("Your messages are not counted.")
    expect(page.locator(".feedback")).to_have_count(0)
    ask(page, "trades courses")
    expect(page.locator(".feedback")).to_have_count(0)
    page.reload()
    expect(page.locator(".insights")).to_have_text("Your messages are not counted.")
    time.sleep(0.5)  # an event, were one written, is flushed with the reply
    assert len(events(data_dir)) == before
