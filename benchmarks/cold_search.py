"""Where a never-asked search spends its time, part by part, in the benchmark database.

    .venv/bin/python benchmarks/cold_search.py [WORD ...]

For each word (by default the corpus's common, mid-frequency and rare ones), over the
database `browse.py` and `compare_datasette.py` fill: the exact count, the planner's
estimate of it, the facets (`facets.count_facets`) and the first ranked page of ids, each
timed in-process (ms). Run twice: the first run reads from disk, the second from memory.
"""

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import COMMON_WORD, RARE_WORD, mid_frequency_word  # noqa: E402
from benchmarks.harness import production_mode, use_database  # noqa: E402

production_mode()

import django  # noqa: E402


def timed(work) -> tuple[object, float]:
    started = time.perf_counter()
    result = work()
    return result, (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("words", nargs="*")
    options = parser.parse_args()
    use_database("bench")
    django.setup()
    from statements.models import Statement

    count = Statement.objects.count()
    for word in options.words or [COMMON_WORD, mid_frequency_word(count), RARE_WORD]:
        print(measure(word, count))


def measure(word: str, count: int) -> str:
    from django.test import RequestFactory

    from statements import facets, listing
    from statements.models import Statement

    filterset = listing.filtered(RequestFactory().get("/en/statements/", {"q": word}), Statement.objects.published())
    exact, counting = timed(filterset.qs.count)
    estimate, estimating = timed(lambda: listing._estimated_count(filterset.qs))
    _facets, faceting = timed(lambda: facets.count_facets(filterset, fixed=set(), expanded=""))
    _ids, ranking = timed(lambda: list(filterset.qs.values_list("pk", flat=True)[:25]))
    return (
        f"{word}: {exact:,} of {count:,} statements counted in {counting:.0f} ms (estimate {estimate:,} in "
        f"{estimating:.0f} ms); facets {faceting:.0f} ms; first ranked page {ranking:.0f} ms"
    )


if __name__ == "__main__":
    main()
