"""A generation number for everything the archive derives from its statements.

Cached results (the counts and facets of a list page) are keyed on the generation, and
any write to the statements app bumps it (statements/signals.py), so a change shows at
once without tracking which cached page it touches. The bump happens at the write and
again on commit: the second one discards what another request may have computed and
cached from the data as it was just before the commit.
"""

import time

from django.core.cache import cache

GENERATION_KEY = "statements:generation"


def _fresh() -> int:
    # Never a number used before: if the key is evicted, restarting from 1 would bring
    # back entries cached under old generations. The clock is always ahead of them.
    return time.time_ns()


def generation() -> int:
    return cache.get_or_set(GENERATION_KEY, _fresh, timeout=None)


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(GENERATION_KEY, _fresh(), timeout=None)
