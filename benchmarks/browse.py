"""Server time of the public browsing pages over 100,000 synthetic statements.

    .venv/bin/python benchmarks/browse.py [--statements 100000] [--runs 40] [--rebuild]

Uses its own database, `<name>_bench` on the configured server (the project's cluster
under var/pg once `make run` or `make test` has started it, or DATABASE_URL), so the
archive's data is never touched. The data is generated once and reused; --rebuild makes
it again. Each page is requested in-process through Django's test client (server time,
no network), a few times to warm up, then --runs times; the median and 95th percentile
are printed, cold (the cached count and facets of list pages invalidated before each
request, as after an edit or for a new query), warm (cached) and revalidated (the
page's ETag sent back, as a browser or a CDN does: 304, nothing rendered). Everything
is invented: speakers "Speaker 17", random word salad.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.harness import production_mode, use_database  # noqa: E402

production_mode()

import django  # noqa: E402

VOCABULARY = [
    "paix",
    "guerre",
    "sécurité",
    "garanties",
    "troupes",
    "sanctions",
    "négociations",
    "cessez-le-feu",
    "frontière",
    "souveraineté",
    "alliance",
    "défense",
    "coopération",
    "dialogue",
    "engagement",
    "soutien",
    "pression",
    "économie",
    "énergie",
    "réfugiés",
    "humanitaire",
    "territoire",
    "armée",
    "aérienne",
    "maritime",
    "sommet",
    "réunion",
    "déclaration",
    "position",
    "accord",
    "traité",
    "peace",
    "war",
    "security",
    "guarantees",
    "troops",
    "sanctions",
    "negotiations",
    "ceasefire",
    "border",
    "sovereignty",
    "alliance",
    "defence",
    "cooperation",
    "dialogue",
    "commitment",
    "support",
    "pressure",
    "economy",
    "energy",
    "refugees",
    "humanitarian",
    "territory",
    "army",
    "summit",
    "meeting",
    "statement",
    "position",
    "agreement",
    "treaty",
]
COMMON_WORD = "sécurité"
RARE_WORD = "zygomorphe"


def generate(count: int) -> None:
    from django.db import connection, transaction

    from statements.loading import load_countries
    from statements.models import Country, Role, Source, Speaker, Statement, Summit, Topic
    from statements.search import refresh_search_vectors

    load_countries()
    started = time.perf_counter()
    with transaction.atomic():
        with connection.cursor() as cursor:
            # Django's delete() would collect 100,000 rows in Python first.
            tables = [model._meta.db_table for model in (Statement, Role, Speaker, Summit, Source, Topic)]
            cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
        countries = list(Country.objects.order_by("iso_alpha2"))
        speakers = Speaker.objects.bulk_create(
            Speaker(name=f"Speaker {n}", sort_name=f"Speaker {n:05d}", slug=f"speaker-{n}") for n in range(2000)
        )
        Role.objects.bulk_create(
            Role(speaker=speaker, title_fr="ministre", level=Role.Level.MINISTER, country=countries[n % 60])
            for n, speaker in enumerate(speakers)
        )
        Summit.objects.bulk_create(
            Summit(name_as_recorded=f"Summit {n}", slug=f"summit-{n}", host_country=countries[n % 60])
            for n in range(300)
        )
        Source.objects.bulk_create(Source(title=f"Source {n}", language="fr") for n in range(5000))
        Topic.objects.bulk_create(Topic(name_en=f"Topic {n}", slug=f"topic-{n}") for n in range(50))
        with connection.cursor() as cursor:
            # One remark per row, one report and one speaker each, as most statements are.
            cursor.execute(
                """
                INSERT INTO statements_statement
                    (original_language, date, date_earliest, date_precision, date_basis, time_zone, summit_id, place,
                     context, status, published_at, retraction_reason, import_ref, version, created_at, updated_at)
                SELECT '', DATE '2000-01-01' + (g %% 9400), DATE '2000-01-01' + (g %% 9400), 'day', 'stated', '',
                       CASE WHEN g %% 4 = 0 THEN (SELECT min(id) FROM statements_summit) + g %% 300 END, '', '',
                       CASE WHEN g %% 20 = 0 THEN 'draft' ELSE 'published' END,
                       CASE WHEN g %% 20 = 0 THEN NULL ELSE now() END, '', '', 1, now(), now()
                  FROM generate_series(1, %(count)s) AS g
                """,
                {"count": count},
            )
            cursor.execute(
                """
                INSERT INTO statements_report
                    (statement_id, source_id, position, text, attribution, mode, language, is_translation,
                     translated_by, translated_from, excerpt, is_display, import_ref, created_at, updated_at)
                SELECT statement.id, (SELECT min(id) FROM statements_source) + statement.id %% 5000, NULL,
                       array_to_string(ARRAY(
                           SELECT (%(words)s::text[])[1 + floor(random() * %(nwords)s)::int]
                             FROM generate_series(1, 8 + (statement.id %% 15)) WHERE statement.id IS NOT NULL), ' '),
                       'a déclaré', (ARRAY['direct','indirect','paraphrase'])[1 + statement.id %% 3],
                       CASE WHEN statement.id %% 3 = 0 THEN 'en' ELSE 'fr' END, FALSE, '', '', '', TRUE, '',
                       now(), now()
                  FROM statements_statement statement
                """,
                {"words": VOCABULARY, "nwords": len(VOCABULARY)},
            )
            cursor.execute(
                """
                INSERT INTO statements_statementspeaker
                    (statement_id, speaker_id, capacity, "order", role_id, country_id, organisation_id)
                SELECT statement.id, speaker.id, 'author', 1, role.id, role.country_id, NULL
                  FROM statements_statement statement
                  JOIN statements_speaker speaker
                    ON speaker.id = (SELECT min(id) FROM statements_speaker) + statement.id % 2000
                  JOIN statements_role role ON role.speaker_id = speaker.id
                """
            )
            cursor.execute(
                "UPDATE statements_report SET text = text || ' ' || %s WHERE statement_id %% 10000 = 7", [RARE_WORD]
            )
            cursor.execute(
                """
                INSERT INTO statements_statement_topics (statement_id, topic_id)
                SELECT id, (SELECT min(id) FROM statements_topic) + id % 50 FROM statements_statement
                """
            )
            cursor.execute(
                """
                INSERT INTO statements_statement_countries_mentioned (statement_id, country_id)
                SELECT id, (SELECT min(id) FROM statements_country) + id % 100 FROM statements_statement
                """
            )
    with connection.cursor() as cursor:
        # Fresh tables have no statistics: without them the planner joins 100,000 rows blindly.
        cursor.execute("VACUUM ANALYZE")
    refresh_search_vectors()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"Generated {count:,} statements in {time.perf_counter() - started:.0f} s.")


def measure(client, url: str, runs: int, *, cold: bool = False, revalidated: bool = False) -> tuple[float, float]:
    """Median and 95th percentile in ms. Cold: the cached count and facets are invalidated
    before each request (as after any edit, or for a query nobody asked before).
    Revalidated: the request sends the page's ETag back, as a browser or CDN does (304)."""
    from statements.caching import bump_generation

    for _ in range(3):
        assert client.get(url).status_code == 200, url
    headers = {"If-None-Match": client.get(url)["ETag"]} if revalidated else {}
    timings = []
    for _ in range(runs):
        if cold:
            bump_generation()
        started = time.perf_counter()
        response = client.get(url, headers=headers)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == (304 if revalidated else 200), url
    timings.sort()
    return statistics.median(timings), timings[max(0, round(0.95 * len(timings)) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--rebuild", action="store_true")
    options = parser.parse_args()

    name = use_database("bench")
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from statements.models import Country, Report, Speaker, Statement

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if (
        options.rebuild
        or not Report.objects.filter(text__endswith=RARE_WORD).exists()
        or (Statement.objects.count() != options.statements)
    ):
        generate(options.statements)

    client = Client()
    country = (
        Country.objects.filter(statement_credits__statement__status="published")
        .distinct()
        .order_by("iso_alpha2")
        .first()
    )
    speaker = Speaker.objects.order_by("pk")[7]
    pages = [
        ("statements list, unfiltered", "/en/statements/"),
        (f"statements list, country={country.iso_alpha2}", f"/en/statements/?country={country.iso_alpha2}"),
        (f"search, common word ({COMMON_WORD})", f"/en/statements/?q={COMMON_WORD}"),
        (f"search, rare word ({RARE_WORD})", f"/en/statements/?q={RARE_WORD}"),
        ("search + country + year", f"/en/statements/?q=paix&country={country.iso_alpha2}&year=2010"),
        ("speaker page", speaker.get_absolute_url()),
        ("statement page", Statement.objects.published().first().get_absolute_url()),
    ]
    published = Statement.objects.published().count()
    print(
        f"Database {name}: {Statement.objects.count():,} statements ({published:,} published), {options.runs} runs each"
    )
    print(
        f"{'page':45} {'cold median':>12} {'cold p95':>9} {'warm median':>12} {'warm p95':>9}"
        f" {'304 median':>11} {'304 p95':>8}   (ms)"
    )
    for label, url in pages:
        cold = measure(client, url, options.runs, cold=True)
        warm = measure(client, url, options.runs)
        revalidated = measure(client, url, options.runs, revalidated=True)
        print(
            f"{label:45} {cold[0]:12.1f} {cold[1]:9.1f} {warm[0]:12.1f} {warm[1]:9.1f}"
            f" {revalidated[0]:11.1f} {revalidated[1]:8.1f}"
        )


if __name__ == "__main__":
    main()
