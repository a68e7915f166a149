"""Fixtures for the widget's browser tests: one real server and one Chromium for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.widget.widget_harness import HarnessError, require_axe, require_chromium, run_browser, run_server

expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """Base URL of ``bot.web.app:create_app`` run by uvicorn with the real model and a temporary data dir."""
    try:
        with run_server() as base_url:
            yield base_url
    except HarnessError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    try:
        require_chromium()
    except HarnessError as error:
        pytest.fail(str(error), pytrace=False)
    with run_browser() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def axe_script() -> Path:
    try:
        return require_axe()
    except HarnessError as error:
        pytest.fail(str(error), pytrace=False)


def _new_page(browser: Browser, *, bypass_csp: bool, width: int, height: int) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(viewport={"width": width, "height": height}, bypass_csp=bypass_csp)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def page(browser: Browser, live_server: str) -> Iterator[Page]:
    """A fresh profile (empty storage) at 1280x800 with the demo page's CSP enforced, as a visitor gets it."""
    yield from _new_page(browser, bypass_csp=False, width=1280, height=800)


@pytest.fixture
def page_without_csp(browser: Browser, live_server: str) -> Iterator[Page]:
    """CSP off: axe-core is injected inline, and the XSS test must not be rescued by the CSP."""
    yield from _new_page(browser, bypass_csp=True, width=1280, height=800)


@pytest.fixture
def phone_page(browser: Browser, live_server: str) -> Iterator[Page]:
    yield from _new_page(browser, bypass_csp=False, width=320, height=640)
