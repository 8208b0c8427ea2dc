# The browser fixtures (Debian chromium through Playwright) are shared with the portal tests.
from wijkwerk.portal.tests.conftest import browser, page  # noqa: F401
