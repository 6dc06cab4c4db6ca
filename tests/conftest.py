import pytest

from statements.loading import SEED_DATASET, load_dataset
from statements.search import refresh_search_vectors


@pytest.fixture
def seed(db):
    """The Paris 2025-09-04 seed dataset, loaded as `make run` loads it."""
    return load_dataset(path=SEED_DATASET)


@pytest.fixture
def index(db):
    """Call after creating statements with factories: tests never commit, so the on-commit
    refresh of search vectors does not run by itself."""
    return refresh_search_vectors
