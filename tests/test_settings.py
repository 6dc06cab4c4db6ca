"""The settings module: production mode refuses to start without what it needs."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def python_with(code: str, **env) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter with `env` (and no DEBUG or SECRET_KEY of this one's)."""
    environment = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def import_settings(**env):
    """Import the settings in a fresh interpreter with `env`; return (exit code, stderr)."""
    result = python_with("import archive.settings", **env)
    return result.returncode, result.stderr


def test_production_mode_without_secret_key_refuses_to_start():
    code, stderr = import_settings(DEBUG="0")
    assert code != 0
    assert "SECRET_KEY must be set when DEBUG is off" in stderr


def test_production_mode_with_a_secret_key_starts():
    code, stderr = import_settings(DEBUG="0", SECRET_KEY="a-long-random-value-for-this-test-only")
    assert code == 0, stderr


def test_misspelt_boolean_is_an_error_not_false():
    code, stderr = import_settings(DEBUG="nope")
    assert code != 0
    assert "DEBUG='nope' is not a boolean" in stderr


def test_database_url_must_be_postgresql():
    code, stderr = import_settings(DATABASE_URL="sqlite:///tmp/archive.db")
    assert code != 0
    assert "DATABASE_URL must point at PostgreSQL" in stderr


def test_unknown_log_format_level_and_rate_are_errors_naming_the_choices():
    code, stderr = import_settings(LOG_FORMAT="xml")
    assert code != 0 and "LOG_FORMAT='xml' is not one of json, text" in stderr
    code, stderr = import_settings(LOG_LEVEL="loud")
    assert code != 0 and "LOG_LEVEL='loud' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL" in stderr
    code, stderr = import_settings(API_RATE_LIMIT="lots")
    assert code != 0 and "API_RATE_LIMIT='lots' is not a rate such as 120/minute" in stderr


def test_log_level_and_rate_in_any_case_are_accepted():
    code, stderr = import_settings(LOG_LEVEL="warning", API_RATE_LIMIT="30/Minute")
    assert code == 0, stderr


def test_a_replica_must_be_postgresql_and_the_page_cache_a_duration():
    code, stderr = import_settings(DATABASE_REPLICA_URL="mysql://user@host/archive")
    assert code != 0 and "DATABASE_REPLICA_URL must point at PostgreSQL" in stderr
    code, stderr = import_settings(PAGE_CACHE_SECONDS="-5")
    assert code != 0 and "PAGE_CACHE_SECONDS must be 0 (no page cache) or more" in stderr
    code, stderr = import_settings(DATABASE_REPLICA_URL="postgres://reader@replica.internal:5432/archive")
    assert code == 0, stderr


def test_log_level_governs_the_access_log_too():
    """LOG_LEVEL=WARNING (as the benchmarks set it) leaves out the line a request."""
    check = "import django, logging; django.setup(); print(logging.getLogger('archive.access').isEnabledFor(20))"
    production = {"DEBUG": "0", "SECRET_KEY": "a-long-random-value-for-this-test-only"}
    for level, logged in (("INFO", "True"), ("WARNING", "False")):
        result = python_with(check, DJANGO_SETTINGS_MODULE="archive.settings", LOG_LEVEL=level, **production)
        assert (result.returncode, result.stdout.strip()) == (0, logged), result.stderr
