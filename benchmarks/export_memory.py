"""Peak memory and time of a CSV and a JSON export of 1,000,000 statements.

    .venv/bin/python benchmarks/export_memory.py [--rows 1000000]

Works in its own database (`<name>_export` on the configured server), filled once with
invented statements (one speaker, one source, random text; no search vectors, which an
export does not read). The export runs in-process through Django's test client and the
streamed body is consumed chunk by chunk, as a client downloading it would; the script
prints the time to the first chunk, the total time, the size, and the process's peak
resident memory before and after. Target: under 200 MB for 1,000,000 rows.
"""

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.harness import production_mode, use_database  # noqa: E402

production_mode()

import django  # noqa: E402


def fill(rows: int) -> None:
    from django.db import connection

    from statements.loading import load_countries
    from statements.models import Source, Speaker, Statement

    if Statement.objects.count() == rows:
        return
    started = time.perf_counter()
    load_countries()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE statements_statement CASCADE")
    speaker, _ = Speaker.objects.get_or_create(
        slug="speaker-export", defaults={"name": "Speaker Export", "sort_name": "Export"}
    )
    source, _ = Source.objects.get_or_create(title="Export source", defaults={"language": "fr"})
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO statements_statement
                (original_language, date, date_earliest, date_precision, date_basis, time_zone, place, context,
                 status, published_at, retraction_reason, import_ref, version, created_at, updated_at)
            SELECT 'fr', DATE '2000-01-01' + (g %% 9000), DATE '2000-01-01' + (g %% 9000), 'day', 'stated', '',
                   'Paris', '', 'published', now(), '', '', 1, now(), now()
              FROM generate_series(1, %s) AS g
            """,
            [rows],
        )
        cursor.execute(
            """
            INSERT INTO statements_report
                (statement_id, source_id, text, attribution, mode, language, is_translation, translated_by,
                 translated_from, excerpt, is_display, import_ref, created_at, updated_at)
            SELECT id, %s,
                   'Déclaration numéro ' || id || ' : ' || md5(id::text) || ' « garanties de sécurité » pour l''Europe',
                   'a déclaré', 'direct', 'fr', FALSE, '', '', '', TRUE, '', now(), now()
              FROM statements_statement
            """,
            [source.pk],
        )
        cursor.execute(
            """
            INSERT INTO statements_statementspeaker (statement_id, speaker_id, capacity, "order")
            SELECT id, %s, 'author', 1 FROM statements_statement
            """,
            [speaker.pk],
        )
        cursor.execute("VACUUM ANALYZE")
    print(f"Filled {rows:,} statements in {time.perf_counter() - started:.0f} s.")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    options = parser.parse_args()
    use_database("export")
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    fill(options.rows)
    client = Client()
    for export_format in ("csv", "json"):
        before = peak_mb()
        started = time.perf_counter()
        response = client.get("/en/statements/", {"format": export_format})
        first_chunk, size = None, 0
        for chunk in response.streaming_content:
            if first_chunk is None:
                first_chunk = time.perf_counter() - started
            size += len(chunk)
        total = time.perf_counter() - started
        print(
            f"{export_format}: {options.rows:,} rows, {size / 1e6:.0f} MB in {total:.1f} s, "
            f"first chunk after {first_chunk * 1000:.0f} ms; "
            f"peak memory {before:.0f} MB before, {peak_mb():.0f} MB after"
        )


if __name__ == "__main__":
    main()
