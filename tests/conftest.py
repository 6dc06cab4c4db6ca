import pytest

from statements.services import SEED_DATASET, load_dataset


@pytest.fixture
def seed(db):
    """The Paris 2025-09-04 seed dataset, loaded as `make run` loads it."""
    return load_dataset(path=SEED_DATASET)
