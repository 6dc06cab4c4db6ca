"""Server time of the public browsing pages over 100,000 (or --statements) synthetic statements.

    .venv/bin/python benchmarks/browse.py [--statements 100000] [--runs 40] [--rebuild]

Uses its own database, `<name>_bench` on the configured server (the project's cluster
under var/pg once `make run` or `make test` has started it, or DATABASE_URL), so the
archive's data is never touched. The corpus (benchmarks/corpus.py) is written once as CSV
under var/bench/ and imported with the code of `manage.py import_statements`, then reused;
--rebuild imports it again. Each page is requested in-process through Django's test
client (server time, no network), a few times to warm up, then --runs times; the median
and 95th percentile are printed, cold (the cached count and facets of list pages
invalidated before each request, as after an edit or for a new query), warm (cached) and
revalidated (the page's ETag sent back, as a browser or a CDN does: 304, nothing
rendered). Everything
is invented: speakers "Speaker 17", word salad from a Zipf vocabulary.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import COMMON_WORD, RARE_WORD, write_corpus  # noqa: E402
from benchmarks.harness import production_mode, use_database  # noqa: E402

production_mode()

import django  # noqa: E402


def generate(count: int) -> None:
    """The synthetic corpus (benchmarks/corpus.py), written once as CSV under var/bench/,
    imported as a user brings an archive: through `manage.py import_statements`'s code."""
    from django.db import connection

    from statements.csv_import import decoded_lines, import_statements
    from statements.loading import load_countries
    from statements.models import Organisation, Role, Source, Speaker, Statement, Summit, Topic

    load_countries()
    with connection.cursor() as cursor:
        # Django's delete() would collect the rows in Python first.
        tables = [model._meta.db_table for model in (Statement, Role, Speaker, Summit, Source, Topic, Organisation)]
        cursor.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
    path = ROOT / "var" / "bench" / f"corpus-{count}.csv"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write_corpus(path, count)
    started = time.perf_counter()
    with path.open("rb") as file:
        result = import_statements(decoded_lines(file), file_name=path.name, status="published")
    print(f"Imported {result.created:,} statements in {time.perf_counter() - started:.0f} s: " + ", ".join(
        f"{phase} {seconds:.0f} s" for phase, seconds in result.timings.items()
    ))  # fmt: skip


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

    from statements.models import Country, Organisation, Speaker, Statement

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if (
        options.rebuild
        or Statement.objects.count() != options.statements
        or not Statement.objects.filter(import_ref=f"bench-{options.statements}").exists()
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
    outlet = Organisation.objects.outlets().order_by("pk").first()
    pages = [
        ("statements list, unfiltered", "/en/statements/"),
        (f"statements list, country={country.iso_alpha2}", f"/en/statements/?country={country.iso_alpha2}"),
        (f"search, common word ({COMMON_WORD})", f"/en/statements/?q={quote(COMMON_WORD)}"),
        (f"search, rare word ({RARE_WORD})", f"/en/statements/?q={RARE_WORD}"),
        ("search + country + year", f"/en/statements/?q=paix&country={country.iso_alpha2}&year=2010"),
        ("speaker page", speaker.get_absolute_url()),
        ("statement page", Statement.objects.published().first().get_absolute_url()),
        ("organisations list", "/en/organisations/"),
        (f"outlet page ({outlet.slug})", outlet.get_absolute_url()),
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
