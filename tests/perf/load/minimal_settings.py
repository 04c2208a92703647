"""The production settings with one extra URL, /_minimal/: a Django view that returns a
few bytes through the full middleware stack. The load test serves it with the same
gunicorn settings, so pages can be reported as a share of it."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.perf.load.minimal_urls"
