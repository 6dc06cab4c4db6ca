"""Schemathesis against the API's own OpenAPI schema: no 500, no response outside the schema.

Bounded: a few dozen generated requests per operation in CI (the Hypothesis profile), on the seed data, with the real
PostgreSQL. (Schemathesis's pytest plugin does not run under this pytest version, so the
test drives its Hypothesis strategies directly.)"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import given
from schemathesis.specs.openapi.checks import positive_data_acceptance

from statements.loading import SEED_DATASET, load_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture
def keep_test_connection():
    """The WSGI app closes database connections at the end of each request, which would
    close the test's own transaction; Django's test client switches that off too."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_api_answers_every_generated_request_within_its_schema(unthrottled, keep_test_connection):
    load_dataset(path=SEED_DATASET)
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 14  # list and detail of the seven resources

    for operation in operations:

        @given(case=operation.as_strategy())  # examples: the Hypothesis profile (tests/conftest.py)
        def check(case):
            # Every check but "schema-valid data must be accepted": the schema says a
            # country is a string, and an unknown code is rightly a 400, not a 200.
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        check()
