"""gunicorn settings for `make serve` (production mode). HOST, PORT and WEB_CONCURRENCY override."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
# The usual rule for workers that serve one request at a time: two per core, plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
# Each worker serves one request at a time, as a synchronous one does, but from a thread:
# its main loop keeps telling gunicorn it is alive, so a long download (every one of a
# million statements as CSV: 321 MB in 5.5 min here) is not cut off at `timeout`, as a
# synchronous worker busy streaming would be. Queries stay bounded by the statement
# timeout below.
worker_class = "gthread"
threads = 1
wsgi_app = "archive.wsgi:application"
timeout = 30
graceful_timeout = 20
# No access log of gunicorn's own: archive.access.AccessLogMiddleware writes one line a
# request in the archive's log format, with the client address read behind proxies.
accesslog = None
errorlog = "-"
# A web worker's queries may each run 10 s at most (see DB_STATEMENT_TIMEOUT_MS in settings).
# One pooled connection per worker: with one thread, a worker serves one request at a time.
raw_env = [
    f"DB_STATEMENT_TIMEOUT_MS={os.environ.get('DB_STATEMENT_TIMEOUT_MS', '10000')}",
    f"DB_POOL_SIZE={os.environ.get('DB_POOL_SIZE', '1')}",
]


def on_starting(server):  # noqa: ARG001 — gunicorn's hook signature
    """Refuse to serve with DEBUG off and the static files not collected: every page would
    be a server error, since the stylesheet's hashed name comes from the manifest that
    `collectstatic` writes (`make run` runs it first)."""
    from pathlib import Path

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    from django.conf import settings

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not settings.DEBUG and not manifest.exists():
        raise SystemExit(
            f"The static files are not collected ({manifest} is missing) and DEBUG is off: every page would "
            "fail. Run `.venv/bin/python manage.py collectstatic --noinput` first (`make run` does)."
        )
