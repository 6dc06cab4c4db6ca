"""One setting, TRUSTED_PROXIES, decides how the client's address is read, for login
lockouts, API throttling and the access log alike (archive/access.py)."""

import logging

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db
LOGIN = reverse("admin:login")
PROXY = "10.0.0.2"


@pytest.fixture
def editor_account():
    return get_user_model().objects.create_user("rédactrice", password="the-right-password-42", is_staff=True)


def login(client, password, *, remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(LOGIN, {"username": "rédactrice", "password": password}, **headers)


def lock_out(client, settings, **where):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong", **where)


def test_without_trusted_proxies_a_forged_header_does_not_escape_a_lockout(client, editor_account, settings):
    settings.TRUSTED_PROXIES = 0
    for number in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong", remote="203.0.113.7", forwarded=f"198.51.100.{number}")
    assert login(client, "the-right-password-42", remote="203.0.113.7", forwarded="192.0.2.99").status_code == 429


def test_behind_one_proxy_one_client_locked_out_is_not_everyone(client, editor_account, settings):
    settings.TRUSTED_PROXIES = 1
    lock_out(client, settings, forwarded="203.0.113.7")
    assert login(client, "the-right-password-42", forwarded="203.0.113.7").status_code == 429
    # Another reader behind the same proxy logs in.
    assert login(client, "the-right-password-42", forwarded="198.51.100.9").status_code == 302


def test_behind_one_proxy_a_prefix_written_by_the_client_is_ignored(client, editor_account, settings):
    settings.TRUSTED_PROXIES = 1
    # The attacker sends their own X-Forwarded-For; the proxy appends the real address.
    for number in range(settings.AXES_FAILURE_LIMIT):
        login(client, "wrong", forwarded=f"192.0.2.{number}, 203.0.113.7")
    assert login(client, "the-right-password-42", forwarded="192.0.2.200, 203.0.113.7").status_code == 429


@pytest.fixture
def three_a_minute(monkeypatch):
    cache.clear()
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})


def api_statuses(client, forwarded_values, remote=PROXY):
    return [
        client.get("/api/statements/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=value).status_code
        for value in forwarded_values
    ]


def test_rotating_the_header_does_not_escape_the_rate_limit(client, settings, three_a_minute):
    settings.TRUSTED_PROXIES = 0
    assert api_statuses(client, [f"198.51.100.{n}" for n in range(4)]) == [200, 200, 200, 429]


def test_behind_a_proxy_each_client_has_its_own_rate_limit(client, settings, three_a_minute):
    settings.TRUSTED_PROXIES = 1
    assert api_statuses(client, ["203.0.113.7"] * 4) == [200, 200, 200, 429]
    assert api_statuses(client, ["198.51.100.9"]) == [200]


@pytest.mark.parametrize("trusted, logged", [(0, PROXY), (1, "203.0.113.7")])
def test_the_access_log_names_the_same_client(client, settings, caplog, trusted, logged):
    settings.TRUSTED_PROXIES = trusted
    with caplog.at_level(logging.INFO, logger="archive.access"):
        client.get("/healthz", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.7")
    record = next(record for record in caplog.records if record.name == "archive.access")
    assert (record.client, record.status, record.path) == (logged, 200, "/healthz")
    assert record.getMessage().startswith(f"{logged} GET /healthz 200 ")


def test_a_negative_count_is_refused():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import archive.settings"],
        env={"TRUSTED_PROXIES": "-1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "TRUSTED_PROXIES must be 0 or more" in result.stderr
