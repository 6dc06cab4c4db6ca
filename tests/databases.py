"""How the tests' databases are made and emptied: faster than pytest-django's defaults,
to the same state.

Made: running every migration takes about 10 s on a 2-core machine (statements.0006 alone,
4 s), once per pytest worker and per run: most of the time of a run of one test file. The
first run migrates a template database named after a digest of every migration file and of
Django's version (`test_archive_template_<digest>`), which later runs keep; each worker then
creates its test database as a copy of it (CREATE DATABASE ... TEMPLATE, a fraction of a
second) and runs `migrate`, which finds nothing left to apply. A changed or added migration
changes the digest: the next run builds a new template and drops the old ones. Workers of one
run, and runs of other checkouts on the same server, take turns through an advisory lock: one
builds while the others wait for it. Checkouts with different migrations that share one
server (a DATABASE_URL) replace each other's template; in the instant between one run
finding its template and copying it, another's build may drop it, and that run then stops
with PostgreSQL's "template database does not exist" (run it again).

Emptied: a test marked `transaction=True` (and every live-server test) commits its rows, and
Django's flush empties the database after it with a TRUNCATE of every table, which makes
new files for each table and index: 0.3 s, for the few rows a test leaves. Deleting them
takes 6 ms. Django's foreign keys are deferred to the commit, so the order of the deletes
does not matter; a flush that resets sequences or cascades still truncates. The content
types and permissions, which `migrate` made and no test changes, are kept: after a flush
Django runs the post_migrate handlers that make them, 50 ms a test when they had been
deleted, a few queries when they are there.

Filled again: a live-server test that wants the seed committed would load it through the
dataset loader, 0.6 s and 750 queries, for rows the previous such test had and the flush
deleted. The first load in each worker runs the loader; its rows are then kept as the COPY
text of each of the app's tables and copied back for the next test in a few milliseconds:
the same rows, ids, search vectors and history included (`CommittedRows`).
"""

import contextlib
import hashlib
import sys
from pathlib import Path

import django
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader

from statements.caching import bump_generation


def migrations_digest() -> str:
    """A digest of every installed app's migration files and of Django's version: what the
    template's schema is built from."""
    digest = hashlib.sha256(django.get_version().encode())
    disk_migrations = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    for key in sorted(disk_migrations):
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[disk_migrations[key].__module__].__file__).read_bytes())
    return digest.hexdigest()[:16]


def use_migrated_template() -> None:
    """Build the template database if this digest has none yet, and make the test databases
    copies of it (the TEST TEMPLATE setting, which Django's PostgreSQL backend honours)."""
    prefix = f"test_{connection.settings_dict['NAME'][:30]}_template_"  # within PostgreSQL's 63 characters
    template = prefix + migrations_digest()
    quote = connection.ops.quote_name
    with connection._nodb_cursor() as cursor:  # the maintenance database, as Django's own test set-up uses
        # A session lock, released when this connection closes.
        cursor.execute("SELECT pg_advisory_lock(hashtext(%s))", [prefix])
        cursor.execute("SELECT datname FROM pg_database WHERE starts_with(datname, %s)", [prefix])
        existing = {name for (name,) in cursor.fetchall()}
        if template not in existing:
            for stale in existing:
                # Unless a run of an older checkout is copying it right now: the next build drops it.
                with contextlib.suppress(DatabaseError):
                    cursor.execute(f"DROP DATABASE {quote(stale)}")
            building = f"{template}_building"
            cursor.execute(f"CREATE DATABASE {quote(building)}")
            _migrate(building)
            cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
    connection.settings_dict["TEST"]["TEMPLATE"] = template


def _migrate(name: str) -> None:
    """Run every migration into the database `name`, then leave no connection to it (a
    template with a connection open cannot be copied)."""
    original = connection.settings_dict["NAME"]
    # A connection pool keeps the database it was opened for: close it on both sides of
    # the switch.
    connection.close_pool()
    connection.settings_dict["NAME"] = name
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_database()")
            if cursor.fetchone()[0] != name:
                raise RuntimeError(f"the template {name} would be built in another database")
        call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
    finally:
        connection.close()
        connection.close_pool()
        connection.settings_dict["NAME"] = original


# Tables whose rows `migrate` makes (its post_migrate handlers), not the tests.
MIGRATED_ROWS = {"django_content_type", "auth_permission"}


def flush_with_delete() -> None:
    """Make Django's flush delete the rows instead of truncating the tables (see above)."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        delete = style.SQL_KEYWORD("DELETE FROM")
        tables = [table for table in tables if table not in MIGRATED_ROWS]
        return ["SET CONSTRAINTS ALL DEFERRED", *(f"{delete} {style.SQL_FIELD(self.quote_name(t))}" for t in tables)]

    DatabaseOperations.sql_flush = sql_flush


class CommittedRows:
    """What `make()` commits into an app's empty tables, made once and copied back later.

    `fill(make)` runs `make` the first time and keeps a copy of every table of the app;
    later, it copies the rows back instead, then sets each table's id sequence past them and
    bumps the cache generation, as a write would. Whenever the app's tables are not all
    empty (a test made rows of its own first), it runs `make` instead.
    """

    def __init__(self, app_label: str):
        models = apps.get_app_config(app_label).get_models(include_auto_created=True)
        self.models = [model for model in models if model._meta.managed and not model._meta.proxy]
        self.tables = [connection.ops.quote_name(model._meta.db_table) for model in self.models]
        self.copies: dict[str, bytes] | None = None

    def fill(self, make) -> None:
        if not self._empty():
            make()
        elif self.copies is None:
            make()
            self.copies = {table: self.rows_of(table) for table in self.tables}
        else:
            self._copy_in()

    def _empty(self) -> bool:
        with connection.cursor() as cursor:
            exists = " OR ".join(f"EXISTS (SELECT FROM {table})" for table in self.tables)
            cursor.execute(f"SELECT {exists}")  # noqa: S608 — the app's own table names, quoted
            return not cursor.fetchone()[0]

    @staticmethod
    def rows_of(table: str) -> bytes:
        """The table's rows in COPY's text format, in the order they lie on disk."""
        with connection.cursor() as cursor, cursor.copy(f"COPY {table} TO STDOUT") as copy:
            return b"".join(bytes(block) for block in copy)

    def _copy_in(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            for table, rows in self.copies.items():
                if rows:
                    with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                        copy.write(rows)
            for statement in connection.ops.sequence_reset_sql(no_style(), self.models):
                cursor.execute(statement)
            transaction.on_commit(bump_generation)
