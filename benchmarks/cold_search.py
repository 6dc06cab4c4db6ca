"""Where a never-asked search spends its time, part by part, in the benchmark database.

    .venv/bin/python benchmarks/cold_search.py [WORD ...]

For each word (by default the corpus's common, mid-frequency and rare ones), over the
database `browse.py` and `compare_datasette.py` fill, timed in-process (ms): the exact
count; the sample's estimate (statements/sampling.py); the facets as the list computes
them (from the sample when it stands in for a count); the first page of ids in relevance
order (NewestRanked for a large result); then the whole list page, three times, each
after a bump of the data generation, so nothing about the search is cached: the server
time of a first search. Run twice: the first run reads from disk, the second from memory.
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
    from django.test import Client, RequestFactory

    from statements import facets, listing, sampling
    from statements.caching import bump_generation
    from statements.models import Statement

    filterset = listing.filtered(RequestFactory().get("/en/statements/", {"q": word}), Statement.objects.published())
    exact, counting = timed(filterset.qs.count)
    sample = sampling.statements_sample()
    estimated, sampling_time = timed(lambda: sample.estimate(filterset.qs))
    _facets, faceting = timed(lambda: facets.count_facets(filterset, fixed=set(), expanded="", sample=sample))
    if exact > listing.RANKED_AT_MOST:
        ids = listing.NewestRanked(filterset.qs, word)
    else:
        ids = filterset.qs.values_list("pk", flat=True)
    _ids, ranking = timed(lambda: list(ids[:20]))
    client = Client()
    pages = []
    for _ in range(3):
        bump_generation()  # as after an edit: nothing cached for this search
        _response, page = timed(lambda: client.get("/en/statements/", {"q": word}))
        pages.append(page)
    estimate = "counted exactly" if estimated is None else f"about {estimated:,} from the sample"
    return (
        f"{word}: {exact:,} of {count:,} statements, exact count {counting:.0f} ms; sample {sampling_time:.0f} ms "
        f"({estimate}); facets {faceting:.0f} ms; first page of ids {ranking:.0f} ms; "
        f"whole page, never asked before: {' / '.join(f'{page:.0f}' for page in pages)} ms"
    )


if __name__ == "__main__":
    main()
