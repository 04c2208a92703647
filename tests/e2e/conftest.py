"""Browser tests: Playwright driving Debian's chromium against pytest-django's live_server.

Never `playwright install`: the browser is the system one at /usr/bin/chromium
(`apt-get install chromium fonts-noto-core`; `.ci/run` does it in CI).

Playwright's sync API leaves an asyncio loop marked as running in this thread while it is
started. Django then keeps a different, context-local database connection here (one
without the test database's serialized contents, so `serialized_rollback` would restore
nothing, and ORM calls would open a second connection).
So the browser starts only when a test opens its first page, after the test's data is in
place, and stops before the test's database teardown. Do the ORM work before `open_page`.
"""

import os
from pathlib import Path

import pytest

# ORM calls made while Playwright runs (the sync API's loop is "running" in this thread) are
# synchronous and safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).parent / "screenshots"


@pytest.fixture
def open_page():
    """`open_page(width)` gives a fresh page that width wide, in Vietnamese."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: CI must install Debian's chromium (.ci/run does)")
        pytest.skip(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-core")
    from playwright.sync_api import sync_playwright

    started = {}
    contexts = []
    violations = []

    def _open(width: int):
        if not started:
            started["playwright"] = sync_playwright().start()
            started["browser"] = started["playwright"].chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        context = started["browser"].new_context(
            viewport={"width": width, "height": 900}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        # Every browser test runs under the site's Content-Security-Policy: anything it
        # blocks (an inline script, a foreign origin) fails the test that met it.
        page.on(
            "console",
            lambda message: (
                violations.append(message.text)
                if "Content Security Policy" in message.text
                or "Content-Security-Policy" in message.text
                else None
            ),
        )
        return page

    yield _open
    for context in contexts:
        context.close()
    if started:
        started["browser"].close()
        started["playwright"].stop()
    assert not violations, f"Content-Security-Policy violations: {violations}"


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def _take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return _take
