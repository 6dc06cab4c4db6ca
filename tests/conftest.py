import os
import re

import pytest
import requests
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from rest_framework.throttling import AnonRateThrottle

from statements.loading import SEED_DATASET, load_dataset
from statements.search import refresh_search_vectors
from statements.workflow import ensure_editorial_groups
from tests.databases import CommittedRows, flush_with_delete, use_migrated_template

# Generated-input budgets (the hostile query strings, Schemathesis over the API): a quick
# pass while changing code, the full one in CI (CI=true, as .ci/run sets) or with
# HYPOTHESIS_PROFILE=ci. No deadline: a shared machine's pauses are not failures.
for name, examples in (("dev", 8), ("ci", 30)):
    hypothesis_settings.register_profile(
        name, max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if IN_CI else "dev"))


def pytest_configure(config):
    from django.conf import settings

    # PBKDF2 is slow on purpose (about 1.8 s a hash on a 2-core machine), which protects real
    # accounts, not test ones.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests read what each request rendered (response.context, its queries); the page
    # cache is tested on its own (tests/statements/test_conditional_pages.py).
    settings.PAGE_CACHE_SECONDS = 0
    # WhiteNoise indexes every collected file (var/static, left by `make run`) each time a
    # test client loads the middleware: 40 ms a test, a quarter of the suite's time. Tests
    # do not read collected files, so it looks a file up when one is asked for instead.
    settings.WHITENOISE_AUTOREFRESH = True
    # After a transactional test, its rows are deleted rather than its tables truncated:
    # 6 ms instead of 0.3 s (tests/databases.py).
    flush_with_delete()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_blocker):
    """pytest-django's hook before it creates the test databases: they are copies of a
    migrated template (tests/databases.py) instead of being migrated each run."""
    with django_db_blocker.unblock():
        use_migrated_template()


@pytest.fixture(scope="module")
def shared_rows(django_db_setup, django_db_blocker):
    """An open transaction for rows a whole module shares, rolled back after its last test.

    A module fixture that depends on this one makes its rows once instead of once per
    test; each test still runs in its own savepoint (pytest-django's `db`), so what a test
    changes is undone before the next. Only for tests that do not need `transaction=True`.
    The module's tests must be marked django_db: pytest-django sets up the test database
    only for a run that holds such a test, and this refuses any other database.
    """
    name = connection.settings_dict["NAME"]
    assert name.startswith("test_"), f"shared_rows would write to {name}: mark the module's tests django_db."
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def module_seed(shared_rows):
    """The seed loaded once for a module: override `seed` with `shared_seed` in a module
    whose tests read it (or change it only within their own savepoint)."""
    return load_dataset(path=SEED_DATASET)


@pytest.fixture
def shared_seed(module_seed, db):
    return module_seed


@pytest.fixture
def seed(db):
    """The Paris 2025-09-04 seed dataset, loaded as `make run` loads it."""
    return load_dataset(path=SEED_DATASET)


@pytest.fixture(scope="session")
def _seed_rows():
    return CommittedRows("statements")


@pytest.fixture
def live_seed(transactional_db, _seed_rows):
    """The seed, committed, so that a live server sees it: loaded by the first test of a
    worker that asks, copied back for the next ones (tests/databases.py)."""
    _seed_rows.fill(lambda: load_dataset(path=SEED_DATASET))


@pytest.fixture
def unthrottled(monkeypatch):
    """For a test sending the API many requests from one address (a fuzzer, a crawl): the
    throttle lifted, or most answers would be 429s. DRF reads the rates into the class at
    import; they are set there."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1000000/minute"})


@pytest.fixture
def index(db):
    """Call after creating statements with factories: tests never commit, so the on-commit
    refresh of search vectors does not run by itself."""
    return refresh_search_vectors


@pytest.fixture
def groups(db):
    return ensure_editorial_groups()


def _member(groups, index: int, username: str):
    user = get_user_model().objects.create_user(username, password="a-long-test-password-1", is_staff=True)
    user.groups.add(groups[index])
    return user


@pytest.fixture
def editor(groups):
    return _member(groups, 0, "rédactrice")


@pytest.fixture
def chief(groups):
    return _member(groups, 1, "rédacteur-en-chef")


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def chief_client(chief):
    client = Client()
    client.force_login(chief)
    return client


def http_session(base_url: str, user, password: str = "a-long-test-password-1") -> requests.Session:
    """A requests session logged in to the admin of a live server as `user`."""
    session = requests.Session()
    login = session.get(f"{base_url}/admin/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
    response = session.post(
        f"{base_url}/admin/login/",
        data={"username": user.get_username(), "password": password, "csrfmiddlewaretoken": token, "next": "/admin/"},
        headers={"Referer": f"{base_url}/admin/login/"},
        timeout=30,
    )
    assert response.ok and "/admin/login/" not in response.url, response.status_code
    return session
