"""The outputs are read as their clients read them: over HTTP from a live server (the
rows committed, so tests here run with transaction=True), with the seed or without."""

import pytest
import requests

from tests.conftest import http_session


class Site:
    """A live archive and an HTTP session to it (anonymous, or logged in: `as_user`)."""

    def __init__(self, url: str, session: requests.Session | None = None):
        self.url = url
        self.session = session or requests.Session()

    def get(self, path: str) -> requests.Response:
        return self.session.get(self.url + path, timeout=60)

    def absolute(self, path: str) -> str:
        return self.url + path

    def as_user(self, user) -> "Site":
        return Site(self.url, http_session(self.url, user))


@pytest.fixture
def site(live_server):
    """The live archive, empty: tests make their own rows."""
    return Site(live_server.url)
