"""The tests' own database helpers (tests/databases.py) leave the state they stand for."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from statements.caching import generation
from statements.loading import SEED_DATASET, load_dataset
from statements.models import Statement
from tests.databases import CommittedRows
from tests.factories import SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db(transaction=True)


def table_rows(rows: CommittedRows) -> dict[str, list[bytes]]:
    """Each table's rows in COPY's text, sorted: COPY writes them in the order they lie on disk."""
    return {table: sorted(CommittedRows.rows_of(table).splitlines()) for table in rows.tables}


def empty(rows: CommittedRows) -> None:
    """What a flush after a transactional test does to the app's tables, with the one that
    also restarts the id sequences."""
    tables = [model._meta.db_table for model in rows.models]
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), tables, reset_sequences=True):
            cursor.execute(statement)


def test_rows_copied_back_are_the_rows_the_loader_made():
    rows, loads = CommittedRows("statements"), []

    def load():
        loads.append(load_dataset(path=SEED_DATASET))

    rows.fill(load)
    loaded = table_rows(rows)
    assert loaded[connection.ops.quote_name(Statement._meta.db_table)]
    empty(rows)
    before = generation()

    rows.fill(load)

    assert len(loads) == 1
    assert table_rows(rows) == loaded
    assert generation() != before  # lists cached before the copy are not served after it
    newest = Statement.objects.order_by("-pk").first().pk
    assert StatementFactory().pk > newest  # the id sequences are past the copied rows


def test_tables_holding_rows_of_their_own_get_the_loader():
    rows, loads = CommittedRows("statements"), []
    rows.fill(lambda: loads.append(load_dataset(path=SEED_DATASET)))
    empty(rows)
    SpeakerFactory(name="Ilse Vardanyan")  # invented

    rows.fill(lambda: loads.append(load_dataset(path=SEED_DATASET)))

    assert len(loads) == 2
    assert Statement.objects.count() > 0


def test_the_flush_after_a_transactional_test_deletes_the_tests_rows_and_keeps_migrates():
    permissions = set(Permission.objects.values_list("pk", "codename"))
    group = Group.objects.create(name="Invented desk")
    group.permissions.add(Permission.objects.get(codename="view_statement"))
    StatementFactory()

    call_command("flush", interactive=False, verbosity=0, reset_sequences=False)  # as TransactionTestCase calls it

    assert not Statement.objects.exists() and not Group.objects.exists()
    assert not Group.permissions.through.objects.exists()
    assert set(Permission.objects.values_list("pk", "codename")) == permissions
