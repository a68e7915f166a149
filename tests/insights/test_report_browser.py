"""The report in Debian's Chromium: no console errors, no request leaves the file, no axe-core violation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from index.embedder import FakeEmbedder
from tests.insights.report_harness import make_demo_report
from tests.widget.widget_harness import HarnessError, require_axe, run_browser

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    try:
        with run_browser() as browser:
            yield browser
    except HarnessError as error:
        pytest.fail(str(error), pytrace=False)


def test_report_is_self_contained_and_accessible(chromium: Browser, tmp_path: Path) -> None:
    report = make_demo_report(tmp_path, embedder=FakeEmbedder())
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    assert page.locator("svg[role=img]").count() >= 4, "every chart is an inline SVG with an accessible name"
    assert page.locator("figure + .numbers table").count() >= 4, "every chart has its numbers in a table beside it"
    page.add_script_tag(path=str(require_axe()))  # inlined by Playwright: not a request of the report
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [f"{v['id']} ({v['impact']}): {v['help']}" for v in results["violations"]]
    page.close()
    assert not violations, "axe-core found:\n" + "\n".join(violations)
    assert requests == [report.as_uri()], f"the report made requests of its own: {requests[1:]}"
    assert not errors, f"console errors: {errors}"
