"""Production mode: check --deploy clean, refusals, headers, health, error pages, logs."""

import json
import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError
from django.template.loader import render_to_string

ROOT = Path(__file__).resolve().parent.parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "archive.example",
    "CSRF_TRUSTED_ORIGINS": "https://archive.example",
}


def run(*args, **env):
    # A clean environment: nothing of the test session's own (the browser tests allow
    # Django's async-unsafe calls, which check --deploy rightly refuses).
    ignored = {"DEBUG", "SECRET_KEY", "HTTPS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {key: value for key, value in os.environ.items() if key not in ignored}
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )


def test_check_deploy_is_clean_with_the_readme_production_environment():
    result = run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_with_a_public_host_refuses_to_start():
    result = run("-c", "import archive.settings", DEBUG="1", ALLOWED_HOSTS="archive.example")
    assert result.returncode != 0
    assert "DEBUG is on with public ALLOWED_HOSTS" in result.stderr


def test_the_server_refuses_to_start_without_collected_static_files(settings, tmp_path):
    on_starting = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["on_starting"]
    settings.DEBUG, settings.STATIC_ROOT = False, tmp_path
    with pytest.raises(SystemExit, match="collectstatic"):
        on_starting(None)
    (tmp_path / "staticfiles.json").write_text("{}")
    on_starting(None)  # collected: starts
    settings.DEBUG = True
    (tmp_path / "staticfiles.json").unlink()
    on_starting(None)  # DEBUG serves the files where they are


def test_logs_are_json_lines_in_production_mode():
    code = "import django, logging; django.setup(); logging.getLogger('archive.test').warning('hello %s', 'world')"
    result = run("-c", code, DJANGO_SETTINGS_MODULE="archive.settings", **PRODUCTION)
    line = [line for line in result.stdout.splitlines() if "archive.test" in line][0]
    record = json.loads(line)
    assert (record["level"], record["logger"], record["message"]) == ("WARNING", "archive.test", "hello world")


@pytest.mark.django_db
def test_security_headers(client):
    response = client.get("/en/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_says_when_the_database_is_down(client, monkeypatch):
    from statements import views

    def broken():
        raise DatabaseError("connection refused")

    monkeypatch.setattr(views.connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_not_found_page_is_the_sites_own(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert 'role="search"' in body


def test_server_error_page_renders_without_context_or_database():
    body = render_to_string("500.html")
    assert "Something went wrong" in body
    assert "archive.css" in body


@pytest.mark.django_db
def test_robots_txt_never_names_the_admin(client, settings):
    settings.ADMIN_URL = "back-office-7f3k2/"
    body = client.get("/robots.txt").content.decode()
    assert "back-office-7f3k2" not in body
    assert "admin" not in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
