"""Which reads the router sends to the replica (the live test shows it over a real one)."""

import pytest
from django.db import transaction
from django.http import HttpResponse
from django.test import RequestFactory

from archive.routers import REPLICA, PrimaryReplicaRouter, ReplicaReadsMiddleware
from statements.models import Statement

ROUTER = PrimaryReplicaRouter()


def read_during(request) -> str:
    seen = []
    ReplicaReadsMiddleware(lambda request: seen.append(ROUTER.db_for_read(Statement)) or HttpResponse())(request)
    return seen[0]


@pytest.mark.django_db(transaction=True)  # outside any transaction, as a request is
def test_only_anonymous_reads_outside_a_transaction_go_to_the_replica(settings):
    requests = RequestFactory()
    assert read_during(requests.get("/en/statements/")) == REPLICA
    assert read_during(requests.head("/en/statements/")) == REPLICA
    with_session = requests.get("/en/statements/")
    with_session.COOKIES[settings.SESSION_COOKIE_NAME] = "x"
    assert read_during(with_session) == "default"  # editors read their own writes
    assert read_during(requests.post("/en/statements/")) == "default"
    assert ROUTER.db_for_read(Statement) == "default"  # commands and background work


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_go_to_the_primary():
    def inside(request):
        with transaction.atomic():
            return HttpResponse(ROUTER.db_for_read(Statement))

    assert ReplicaReadsMiddleware(inside)(RequestFactory().get("/en/")).content == b"default"
    assert ROUTER.db_for_write(Statement) == "default"
    assert not ROUTER.allow_migrate(REPLICA, "statements")
