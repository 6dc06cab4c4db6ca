"""An editor's time and effort per quote: importing an article, against entering its
quotes by hand, in a real browser against the archive served as `make run` serves it.

    .venv/bin/python benchmarks/import_flow.py [--runs 3]

Both paths bring the same five quotes of an unseen invented article (tests/browser/
editor_paths.py) into the archive as drafts, with the two speakers the archive lacks. The
clicks and typed fields are what a person would do; the seconds are the browser's and the
server's (a person reads and decides on top of that, more by hand than on the review page).
It uses its own database (`<name>_importflow`), emptied before each run.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.compare_datasette import free_port, stop, wait_for  # noqa: E402
from benchmarks.harness import database_url, production_mode, use_database  # noqa: E402

PASSWORD = "an-editor-password-for-benchmarks"  # noqa: S105 (a throwaway account in a throwaway database)
SOURCE_TITLE = "Harbour talks stall as Ostria digs in"


def prepare() -> str:
    """An empty archive with an editor, the speaker the article's import finds and Finland."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from statements.models import Country, Role, Speaker
    from statements.workflow import ensure_editorial_groups
    from tests.browser.editor_paths import KNOWN_SPEAKER

    call_command("flush", "--no-input", verbosity=0)
    editors, _chiefs = ensure_editorial_groups()
    get_user_model().objects.create_user("editor", password=PASSWORD, is_staff=True).groups.add(editors)
    finland, _ = Country.objects.get_or_create(
        iso_alpha2="FI", defaults={"iso_alpha3": "FIN", "name_en": "Finland", "name_fr": "Finlande", "slug": "finland"}
    )
    speaker = Speaker.objects.create(name=KNOWN_SPEAKER, sort_name="Dvorník, Karel", slug="karel-dvornik")
    Role.objects.create(speaker=speaker, title_en="Prime Minister of Ostria", country=finland,
                        start_date=datetime.date(2025, 3, 1))  # fmt: skip
    return "editor"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    production_mode()
    # Playwright's sync API runs an event loop in this thread; the ORM calls between its
    # steps are ours, one thread, and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    import django

    name = use_database("importflow")
    django.setup()
    from django.core.management import call_command
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
    from tests.browser.editor_paths import QUOTES, Editor, enter_by_hand, import_article

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    # The admin's files as production serves them (a manifest missing a new file is a 500).
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, check=True)
    port = free_port()
    environment = {**os.environ, "DATABASE_URL": database_url(name), "HOST": "127.0.0.1", "PORT": str(port),
                   "ALLOWED_HOSTS": "127.0.0.1", "LOG_LEVEL": "WARNING", "LOG_FORMAT": "text"}  # fmt: skip
    log = ROOT / "var" / "bench" / "import-flow-server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen([str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py"], cwd=ROOT,
                              env=environment, stdout=log.open("w"), stderr=subprocess.STDOUT)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    figures = {"import the article": [], "enter by hand": []}
    try:
        wait_for(f"{base}/", server)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _run in range(options.runs):
                paths = (("import the article", import_article),
                         ("enter by hand", lambda editor: enter_by_hand(editor, SOURCE_TITLE)))  # fmt: skip
                for path, follow in paths:
                    username = prepare()
                    context = browser.new_context()
                    editor = Editor(context.new_page(), base)
                    editor.log_in(username, PASSWORD)
                    started = time.perf_counter()
                    try:
                        follow(editor)
                    except Exception:
                        shot = ROOT / "var" / "bench" / "import-flow-failure.png"
                        shot.parent.mkdir(parents=True, exist_ok=True)
                        editor.page.screenshot(path=str(shot), full_page=True)
                        print(f"The {path!r} path stopped; its page is in {shot}.", file=sys.stderr)
                        raise
                    figures[path].append((time.perf_counter() - started, editor.clicks, editor.typed))
                    context.close()
            browser.close()
    finally:
        stop(server)
    quotes = len(QUOTES)
    print(f"{quotes} quotes of an unseen article into the archive as drafts, two new speakers; "
          f"median of {options.runs} runs each")  # fmt: skip
    print(f"{'path':20} {'clicks':>7} {'typed':>6} {'seconds':>8} {'clicks/quote':>13} {'seconds/quote':>14}")
    for path, runs in figures.items():
        seconds = statistics.median(run[0] for run in runs)
        clicks, typed = runs[0][1], runs[0][2]
        print(f"{path:20} {clicks:7} {typed:6} {seconds:8.1f} {clicks / quotes:13.1f} {seconds / quotes:14.2f}")


if __name__ == "__main__":
    main()
