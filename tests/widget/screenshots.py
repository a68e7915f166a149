"""Retake the README's widget screenshots against the real server and model: ``make screenshots``.

Writes docs/widget-desktop.png (1280x800) and docs/widget-mobile.png (320x640): the demo page with the
widget open, mid-conversation.
"""

from __future__ import annotations

import logging

from tests.widget.widget_harness import REPO_ROOT, run_browser, run_server

logger = logging.getLogger(__name__)

QUESTION = "free courses in health sciences"
SHOTS = {"widget-desktop.png": (1280, 800), "widget-mobile.png": (320, 640)}


def take_screenshots() -> None:
    docs = REPO_ROOT / "docs"
    docs.mkdir(exist_ok=True)
    with run_server() as base_url, run_browser() as browser:
        for name, (width, height) in SHOTS.items():
            context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
            page = context.new_page()
            page.goto(base_url + "/")
            page.locator(".launcher").click()
            page.locator("input").fill(QUESTION)
            page.locator("input").press("Enter")
            page.locator(".card").first.wait_for()
            # Show the course cards, the widget's own part of the answer, rather than the top of the text.
            page.locator(".card").first.evaluate("card => card.scrollIntoView({block: 'center'})")
            page.locator("input").focus()
            page.wait_for_timeout(300)  # let the typing dots fade out
            page.screenshot(path=str(docs / name))
            logger.info("wrote %s", docs / name)
            context.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    take_screenshots()
