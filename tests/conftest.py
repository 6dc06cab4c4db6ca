import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from statements.loading import SEED_DATASET, load_dataset
from statements.search import refresh_search_vectors
from statements.workflow import ensure_editorial_groups


@pytest.fixture
def seed(db):
    """The Paris 2025-09-04 seed dataset, loaded as `make run` loads it."""
    return load_dataset(path=SEED_DATASET)


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
