"""The archive and Datasette side by side over the same synthetic statements.

    .venv/bin/python benchmarks/compare_datasette.py [--statements 1000000] [--seconds 15]
        [--connections 8] [--runs 2]

The corpus (benchmarks/corpus.py) is written once as CSV under var/bench/. The archive
imports it into its benchmark database (`<name>_bench`, with `import_statements`'s code,
as `make bench` does) and is served as `make run` serves it (gunicorn, DEBUG off).
Datasette 0.65.5 runs from its own virtualenv (var/datasette-venv, made on first use from
the package index) over the same rows in SQLite, loaded with sqlite-utils, with an FTS5
index on the text and indexes on the filtered columns, and a SQL time limit raised so
that it answers every page in full. Each page is loaded with wrk (Debian's `wrk`), one
server at a time, after a warm-up; the table gives requests per second and median
latency for each, and the archive's throughput divided by Datasette's.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpus import COMMON_WORD, RARE_WORD, mid_frequency_word, write_corpus  # noqa: E402
from benchmarks.harness import database_url, production_mode, use_database  # noqa: E402

production_mode()

import django  # noqa: E402

DATASETTE_VENV = ROOT / "var" / "datasette-venv"
DATASETTE_PACKAGES = ["datasette==0.65.5", "sqlite-utils==4.2.1"]
FACETS = "&_facet=country&_facet=language&_facet=speech_mode"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: int = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"The server for {url} stopped (exit {process.returncode}).")
        try:
            urllib.request.urlopen(url, timeout=30)  # noqa: S310 — our own local server
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"No answer from {url}.")


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()


def archive_database(count: int) -> str:
    """The benchmark database holding the corpus (imported when it does not), as a URL."""
    name = use_database("bench")
    django.setup()
    from django.core.management import call_command

    from benchmarks.browse import generate
    from statements.models import Statement

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    if Statement.objects.count() != count or not Statement.objects.filter(import_ref=f"bench-{count}").exists():
        generate(count)
    return database_url(name)


def datasette_database(count: int, corpus: Path) -> Path:
    if not (DATASETTE_VENV / "bin" / "datasette").exists():
        subprocess.run([sys.executable, "-m", "venv", str(DATASETTE_VENV)], check=True)
        subprocess.run([DATASETTE_VENV / "bin" / "pip", "install", "-q", *DATASETTE_PACKAGES], check=True)
    path = corpus.with_name(f"datasette-{count}.db")
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        utils = str(DATASETTE_VENV / "bin" / "sqlite-utils")
        subprocess.run([utils, "insert", str(partial), "statements", str(corpus), "--csv", "--pk", "id"], check=True)
        subprocess.run([utils, "enable-fts", str(partial), "statements", "text", "--fts5"], check=True)
        for column in ("country", "date", "speaker", "language"):
            subprocess.run([utils, "create-index", str(partial), "statements", column], check=True)
        partial.rename(path)
        print(f"SQLite database built in {time.perf_counter() - started:.0f} s.", file=sys.stderr)
    return path


def pages(count: int, database: str) -> list[tuple[str, str, str]]:
    """(label, archive path, Datasette path)."""
    from statements.models import Statement

    statement = Statement.objects.published().order_by("-date", "-id").first()
    table = f"/{database}/statements"
    mid = mid_frequency_word(count)

    def search(word: str) -> str:
        return urllib.parse.quote(word)

    return [
        ("unfiltered list, newest", "/en/statements/", f"{table}?_sort_desc=date{FACETS}"),
        ("one country (FR)", "/en/statements/?country=FR", f"{table}?country=FR&_sort_desc=date{FACETS}"),
        (f"search, common word ({COMMON_WORD})", f"/en/statements/?q={search(COMMON_WORD)}",
         f"{table}?_search={search(COMMON_WORD)}{FACETS}"),
        (f"search, mid word ({mid})", f"/en/statements/?q={mid}", f"{table}?_search={mid}{FACETS}"),
        (f"search, rare word ({RARE_WORD})", f"/en/statements/?q={RARE_WORD}", f"{table}?_search={RARE_WORD}{FACETS}"),
        ("statement page", statement.get_absolute_url(), f"{table}/{statement.import_ref}"),
    ]  # fmt: skip


def wrk(url: str, seconds: int, connections: int) -> tuple[float, float, float]:
    """Requests per second, median and 95th percentile latency (ms), after a warm-up."""
    for _ in range(3):
        urllib.request.urlopen(url, timeout=120).read()  # noqa: S310 — our own local server
    output = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--latency",
            "--timeout",
            "30s",
            "-s",
            str(ROOT / "benchmarks" / "wrk_percentiles.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"50%\s+([\d.]+)(us|ms|s)", output).groups()
    median = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    p95 = float(re.search(r"p95 ([\d.]+) ms", output).group(1))
    if "Non-2xx" in output:
        print(f"  note: {url} answered some requests with an error status", file=sys.stderr)
    return rate, median, p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--runs", type=int, default=2)
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing (Debian: apt-get install wrk).")
    corpus = ROOT / "var" / "bench" / f"corpus-{options.statements}.csv"
    if not corpus.exists():
        corpus.parent.mkdir(parents=True, exist_ok=True)
        write_corpus(corpus, options.statements)
    database_url = archive_database(options.statements)
    sqlite = datasette_database(options.statements, corpus)
    if not (ROOT / "var" / "static" / "staticfiles.json").exists():
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, check=True)

    archive_port, datasette_port = free_port(), free_port()
    environment = {**os.environ, "DATABASE_URL": database_url, "HOST": "127.0.0.1", "PORT": str(archive_port),
                   "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "WARNING", "LOG_FORMAT": "text"}  # fmt: skip
    servers = {
        "archive": subprocess.Popen(
            # Its access log is written (as in production), to nowhere.
            [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py"], cwd=ROOT, env=environment,
            stdout=subprocess.DEVNULL,
        ),
        "datasette": subprocess.Popen(
            [str(DATASETTE_VENV / "bin" / "datasette"), "serve", str(sqlite), "--port", str(datasette_port),
             "--setting", "sql_time_limit_ms", "60000", "--setting", "facet_time_limit_ms", "60000"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ),
    }  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{archive_port}/healthz", servers["archive"])
        wait_for(f"http://127.0.0.1:{datasette_port}/", servers["datasette"])
        print(f"{options.statements:,} statements, wrk -c {options.connections}, {options.seconds} s a page")
        for run in range(1, options.runs + 1):
            print(f"\nRun {run}")
            print("| page | Datasette req/s (p50, p95 ms) | archive req/s (p50, p95 ms) | archive ÷ Datasette |")
            print("|---|---|---|---|")
            for label, archive_path, datasette_path in pages(options.statements, sqlite.stem):
                theirs = wrk(f"http://127.0.0.1:{datasette_port}{datasette_path}", options.seconds, options.connections)
                ours = wrk(f"http://127.0.0.1:{archive_port}{archive_path}", options.seconds, options.connections)
                print(f"| {label} | {theirs[0]:.1f} ({theirs[1]:.0f}, {theirs[2]:.0f}) | {ours[0]:.1f} ({ours[1]:.0f}, "
                      f"{ours[2]:.0f}) "
                      f"| {ours[0] / theirs[0]:.1f}× |", flush=True)  # fmt: skip
    finally:
        for process in servers.values():
            stop(process)


if __name__ == "__main__":
    main()
