"""The benchmarks' own databases, beside the archive's, on the configured server."""

import psycopg
from django.conf import settings


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
