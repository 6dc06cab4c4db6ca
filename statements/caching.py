"""A generation number for everything the archive derives from its statements, and
what it allows for public pages: conditional answers (ETag, 304) and rendered pages kept
for the next reader (ConditionalPagesMiddleware).

Cached results (the counts and facets of a list page) are keyed on the generation, and
any write to the statements app bumps it when its transaction commits (statements/
signals.py), so a change shows at once without tracking which cached page it touches.
Until then, other connections keep reading the committed data under the old generation,
and the writing transaction reads its own writes under a generation of its own, which
nobody else sees: what it caches from uncommitted rows is never served to anyone else.
"""

import functools
import hashlib
import itertools
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags, quote_etag

GENERATION_KEY = "statements:generation"


def _fresh() -> int:
    # Never a number used before: if the key is evicted, restarting from 1 would bring
    # back entries cached under old generations. The clock is always ahead of them.
    return time.time_ns()


class _PendingBump:
    """A transaction's writes to the statements app, and its one bump on commit."""

    serials = itertools.count()

    def __init__(self):
        self.serial = next(self.serials)
        self.writes = 0
        self.done = False  # run: only a test's captured callbacks outlive their run

    def __call__(self):
        self.done = True
        bump_generation()


def _pending_bump(connection) -> _PendingBump | None:
    for _sids, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _PendingBump) and not callback.done:
            return callback
    return None


def data_changed() -> None:
    """Called at every write: bumps the generation now in autocommit, else once when the
    transaction commits (however many writes it makes; none if it rolls back)."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        bump_generation()
        return
    pending = _pending_bump(connection)
    if pending is None:
        pending = _PendingBump()
        transaction.on_commit(pending)
    pending.writes += 1


def bump_last() -> None:
    """Move this transaction's pending bump, if there is one, after the commit work
    registered since (statements/signals.py: the refresh of the rows lists read), so no
    summary of the rows as they were is cached under the new generation."""
    pending = transaction.get_connection().run_on_commit
    for index, (_sids, callback, _robust) in enumerate(pending):
        if isinstance(callback, _PendingBump) and not callback.done:
            pending.append(pending.pop(index))
            return


def generation() -> str:
    """The committed generation; inside a transaction that has written, one of its own that
    changes at each of its writes (so its own later reads see them)."""
    committed = cache.get_or_set(GENERATION_KEY, _fresh, timeout=None)
    pending = _pending_bump(transaction.get_connection())
    return f"{committed}" if pending is None else f"{committed}.{pending.serial}.{pending.writes}"


def generation_seen_by(request) -> str:
    """The generation as this request first read it: read once per request (the page's
    ETag and its list's cached summary then agree, for one cache read)."""
    if not hasattr(request, "data_generation"):
        request.data_generation = generation()
    return request.data_generation


COMPUTING_SECONDS = 15  # the longest a request waits for another's result (the statement timeout is 10 s)
DERIVED_SECONDS = 600  # how long derived data is kept: a safety net, any write retires it sooner


def computed_once(key: str, compute: Callable[[], tuple[object, int]]):
    """The value cached under `key`, or else `compute()`'s (value, seconds to keep it).

    One request computes it at a time: the others asking for it meanwhile wait for its
    result (up to COMPUTING_SECONDS, then compute it themselves) rather than each doing
    the same work again, a stampede after every edit. Keys carry the data generation, so
    a value of the data as it was before an edit is never served.
    """
    value = cache.get(key)
    if value is not None:
        return value
    computing = f"{key}:computing"
    if not cache.add(computing, True, COMPUTING_SECONDS):
        deadline, pause = time.monotonic() + COMPUTING_SECONDS, 0.05
        while time.monotonic() < deadline:
            time.sleep(pause)
            pause = min(pause * 2, 1.0)  # each look is a cache read: fewer as the wait grows
            if (value := cache.get(key)) is not None:
                return value
    try:
        value, seconds = compute()
        cache.set(key, value, seconds)
    finally:
        cache.delete(computing)
    return value


def bump_generation() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(GENERATION_KEY, _fresh(), timeout=None)


# A rendered public page is kept (settings.PAGE_CACHE_SECONDS) if it is no larger than
# this: a list of 100 cards is about 300 KB.
PAGE_CACHE_MAX_BYTES = 1024 * 1024


# What shapes a public page besides the data, the day and the address.
RELEASE_FILES = (
    ("templates", "**/*.html"),
    ("statements", "**/*.py"),
    ("archive", "**/*.py"),
    ("locale", "**/*.mo"),
    ("static", "**/*"),
)


@functools.cache
def release_digest() -> str:
    """A digest of the templates, the code, the compiled translations and the static files,
    read once per process: part of every page's ETag, so a deploy that changes any of them
    is never answered with the previous release's page (a 304 to a browser or a proxy, or
    the page cache's copy, until the next write or the next day)."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder, pattern in RELEASE_FILES:
        for path in sorted((root / folder).glob(pattern)):
            if path.is_file():
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class ConditionalPagesMiddleware:
    """Public pages answer a repeated request with 304 Not Modified, or from the cache,
    without rendering.

    A page (under /en/ or /fr/) for an anonymous reader depends only on the release (the
    code, templates and static files: `release_digest`), the data, the day (quick date
    ranges, "accessed on" in citations), the scheme, host and address: its ETag is a
    digest of those, computed before the view. A browser, reverse proxy or CDN
    that sends it back in If-None-Match gets an empty 304 until the next write changes
    the generation. `Cache-Control: max-age=0, must-revalidate` makes them ask each time,
    so an unpublished statement never lingers in a cache; logged-in editors (who see
    previews) get no ETag. The page itself, with the headers the inner middleware gave
    it, is kept under its ETag in the "pages" cache, compressed, so the next reader of it,
    whoever they are, is served without rendering; answers that set a cookie, stream, or
    are large are not kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixes = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or not request.path_info.startswith(self.prefixes)
        ):
            return self.get_response(request)
        seen = generation_seen_by(request)
        identity = (
            f"{release_digest()}|{seen}|{timezone.localdate()}|{request.scheme}|{request.get_host()}"
            f"|{request.get_full_path()}"
        )
        etag = quote_etag(hashlib.sha256(identity.encode()).hexdigest()[:32])
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            response = HttpResponseNotModified()
        elif settings.PAGE_CACHE_SECONDS and (kept := caches["pages"].get(etag)) is not None:
            content, headers = kept
            response = HttpResponse(zlib.decompress(content))
            for name, value in headers:
                response[name] = value
        else:
            response = self.get_response(request)
            if response.status_code != 200 or response.has_header("ETag"):
                return response
            if settings.PAGE_CACHE_SECONDS and request.method == "GET" and self._keeps(response):
                kept = (zlib.compress(response.content), list(response.items()))
                caches["pages"].set(etag, kept, settings.PAGE_CACHE_SECONDS)
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        patch_vary_headers(response, ("Cookie",))
        return response

    @staticmethod
    def _keeps(response) -> bool:
        return not response.streaming and not response.cookies and len(response.content) <= PAGE_CACHE_MAX_BYTES
