"""What the benchmarks share: production-mode settings and their own databases."""

import os
import urllib.parse

import psycopg
from django.conf import settings


def production_mode() -> None:
    """Measure as production runs: DEBUG off (no query log; the compressed static manifest
    that `collectstatic` builds, which `make bench` runs first), plain http in-process,
    and the test client's host allowed; no access log line per request in the figures
    (LOG_LEVEL=WARNING unless set). Call before Django reads its settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.update(
        DEBUG="0",
        HTTPS="0",
        SECRET_KEY=os.environ.get("SECRET_KEY", "benchmark-only-secret"),
        ALLOWED_HOSTS="testserver",
    )


def use_database(suffix: str) -> str:
    """Point Django at `<name>_<suffix>` (created if missing); call before django.setup()."""
    database = settings.DATABASES["default"]
    database["NAME"] = f"{database['NAME']}_{suffix}"
    admin = psycopg.connect(
        dbname="postgres",
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        autocommit=True,
    )
    if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database["NAME"]]).fetchone():
        admin.execute(f'CREATE DATABASE "{database["NAME"]}"')
    admin.close()
    return database["NAME"]


def database_url(name: str) -> str:
    """A URL for database `name` on the server Django is set to, for a server process's DATABASE_URL."""
    database = settings.DATABASES["default"]
    user = urllib.parse.quote(database.get("USER") or "")
    password = ":" + urllib.parse.quote(database["PASSWORD"]) if database.get("PASSWORD") else ""
    host = urllib.parse.quote(database.get("HOST") or "", safe="")
    port = f":{database['PORT']}" if database.get("PORT") else ""
    return f"postgres://{user}{password}@{host}{port}/{name}"
