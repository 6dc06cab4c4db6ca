"""The read-replica router (archive/routers.py) against a real streaming replica.

Two throwaway PostgreSQL clusters from the machine's own binaries: a primary, with the
schema of the migrated test database (pg_dump, which takes a second where migrating again
takes eight) and the seed, and a replica made from it with pg_basebackup, streaming its
WAL. The archive runs as a real server (Django's, in its own process) with DATABASE_URL
on the primary and DATABASE_REPLICA_URL on the replica. With the replica's replay
paused, a statement added on the primary is invisible to an anonymous reader (served
from the replica) and visible at once to a logged-in editor (served from the primary);
once replay resumes, the reader sees it too.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

import pytest
import requests
from django.conf import settings as django_settings
from django.db import connection

from tests.conftest import http_session

# The primary starts as a copy of the test database: the mark makes pytest-django build it.
pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a-long-test-password-1"


def _bindir() -> Path | None:
    pg_config = shutil.which("pg_config")
    found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=False) if pg_config else None
    candidates = [Path(found.stdout.strip())] if found and found.stdout.strip() else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda path: int(path.parent.name))[::-1]
    return next((path for path in candidates if (path / "pg_basebackup").exists()), None)


def _as_postgres(command: list[str]) -> list[str]:
    # PostgreSQL refuses to run as root; scripts/devdb.sh does the same.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self, bindir: Path, folder: Path, name: str):
        self.bindir, self.data, self.port = bindir, folder / name, _free_port()
        self.sockets, self.log = folder, folder / f"{name}.log"

    def run(self, tool: str, *args: str) -> str:
        result = subprocess.run(
            _as_postgres([str(self.bindir / tool), *args]), capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"{tool} failed: {result.stderr or result.stdout}"
        return result.stdout

    def start(self) -> None:
        # Throwaway clusters: no fsync (a crash loses nothing that matters here).
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.sockets}' -c port={self.port}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.run("pg_ctl", "start", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", options)

    def stop(self) -> None:
        subprocess.run(_as_postgres([str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate"]),
                       capture_output=True, check=False)  # fmt: skip

    def sql(self, query: str, database: str = "archive") -> str:
        return self.run("psql", "-h", str(self.sockets), "-p", str(self.port), "-U", "archive", "-d", database,
                        "-tAc", query).strip()  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgres://archive@{quote(str(self.sockets), safe='')}:{self.port}/archive"


def _manage(environment: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def clusters():
    bindir = _bindir()
    if bindir is None:
        message = "PostgreSQL server binaries (pg_basebackup) not found: the replica tests cannot run."
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message)
        pytest.skip("SKIPPED LOUDLY: " + message)
    folder = Path(tempfile.mkdtemp(prefix="archive-replica-"))
    folder.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    primary, replica = Cluster(bindir, folder, "primary"), Cluster(bindir, folder, "replica")
    try:
        primary.run("initdb", "-D", str(primary.data), "-U", "archive", "-E", "UTF8", "--locale=C.UTF-8",
                    "--auth-local=trust", "--auth-host=reject", "--no-sync")  # fmt: skip
        primary.start()
        primary.sql("CREATE DATABASE archive", database="postgres")
        yield primary, replica
    finally:
        replica.stop()
        primary.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _copy_test_database(primary: Cluster) -> None:
    """The worker's test database, as the migrations left it (no test commits rows it
    keeps), restored into the primary. The cache tables come empty: the flush after a
    live-server test leaves what it cached, pages included, which the server would serve."""
    settings = connection.settings_dict
    assert settings["NAME"].startswith("test_"), "mark the module django_db: else there is no test database"
    caches = [f"--exclude-table-data={cache['LOCATION']}" for cache in django_settings.CACHES.values()
              if cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"]  # fmt: skip
    dump = primary.run("pg_dump", "--format=plain", "--no-owner", "--no-privileges", *caches,
                       "-h", settings["HOST"], "-p", str(settings["PORT"] or 5432), "-U", settings["USER"],
                       settings["NAME"])  # fmt: skip
    result = subprocess.run(
        _as_postgres([str(primary.bindir / "psql"), "-h", str(primary.sockets), "-p", str(primary.port),
                      "-U", "archive", "-d", "archive", "-v", "ON_ERROR_STOP=1", "-q"]),
        input=dump, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.fixture(scope="module")
def site(clusters, django_db_setup):
    """The archive served over the pair, with the seed and an editor, replicated."""
    primary, replica = clusters
    _copy_test_database(primary)
    environment = {
        **os.environ,
        "DATABASE_URL": primary.url,
        "DEBUG": "1",
        "DB_POOL_SIZE": "0",
        "LOG_LEVEL": "WARNING",
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    # One Django process for the whole set-up (each start costs about a second).
    _manage(environment, "shell", "-c",
            "from django.core.management import call_command; "
            "call_command('migrate', verbosity=0); "  # nothing left to apply: checks the copy
            "call_command('setup_groups'); call_command('load_seed'); "
            "from django.contrib.auth.models import Group, User; "
            f"user = User.objects.create_user('editor', password='{PASSWORD}', is_staff=True); "
            "user.groups.add(Group.objects.get(name='Editors'))")  # fmt: skip
    primary.run("pg_basebackup", "-D", str(replica.data), "-R", "-X", "stream", "-h", str(primary.sockets),
                "-p", str(primary.port), "-U", "archive", "--no-sync", "--checkpoint=fast")  # fmt: skip
    replica.start()
    assert replica.sql("SELECT pg_is_in_recovery()") == "t"
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**environment, "DATABASE_REPLICA_URL": replica.url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(url + "/healthz", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        yield url, environment
    finally:
        server.terminate()
        server.wait(10)


def wait_until_caught_up(primary: Cluster, replica: Cluster, attempts: int = 300) -> None:
    """Until the replica has replayed everything the primary wrote so far (a bounded
    number of looks, a tenth of a second apart)."""
    target = primary.sql("SELECT pg_current_wal_lsn()")
    for _ in range(attempts):
        if replica.sql(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t":
            return
        time.sleep(0.1)
    raise AssertionError("the replica did not catch up")


def published_count(session: requests.Session, url: str) -> int:
    response = session.get(url + "/api/statements/?per_page=100", timeout=30)
    assert response.status_code == 200
    assert response.json()["next"] is None
    return len(response.json()["results"])


def test_readers_read_the_replica_and_editors_their_own_writes(clusters, site):
    primary, replica = clusters
    url, environment = site
    reader = requests.Session()
    editor = http_session(url, SimpleNamespace(get_username=lambda: "editor"), PASSWORD)  # a user of the pair
    wait_until_caught_up(primary, replica)
    before = published_count(reader, url)
    assert published_count(editor, url) == before == 16

    replica.sql("SELECT pg_wal_replay_pause()")
    _manage(environment, "shell", "-c", "from tests.factories import StatementFactory; StatementFactory()")
    assert published_count(editor, url) == before + 1  # the editor reads the primary
    assert published_count(reader, url) == before  # the reader, the paused replica
    page = reader.get(url + "/en/statements/", timeout=30)
    assert page.status_code == 200

    replica.sql("SELECT pg_wal_replay_resume()")
    wait_until_caught_up(primary, replica)
    assert published_count(reader, url) == before + 1
    # A reader's write-free pages never wrote to the replica: it would have refused.
    assert reader.get(url + "/en/statements/", timeout=30).status_code == 200
