"""Against a live server (real HTTP, the server's threads, each with its own database
connection from the pool) and outside a test transaction: what the test client and
pytest-django's per-test transaction would hide — locking between concurrent saves, the
connection pool under a crowd, error pages as a reader gets them."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from django.contrib.auth import get_user_model

from statements.models import Report, Statement
from statements.workflow import ensure_editorial_groups
from tests.admin.conftest import statement_form
from tests.conftest import http_session
from tests.factories import RoleFactory, StatementFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def archive(live_server):
    StatementFactory.create_batch(3, text="Une déclaration publique.")
    return live_server.url


def test_a_crowd_of_readers_is_served_without_error(archive):
    paths = [
        "/en/",
        "/en/statements/",
        "/en/statements/?q=publique",
        "/en/speakers/",
        "/api/statements/",
        "/healthz",
    ] * 10

    def get(path):
        return requests.get(archive + path, timeout=60).status_code

    with ThreadPoolExecutor(30) as crowd:
        statuses = list(crowd.map(get, paths))
    assert statuses == [200] * len(paths)


def test_a_missing_page_is_the_archives_own_404(archive):
    response = requests.get(archive + "/en/statements/999999/", timeout=30)
    assert response.status_code == 404
    assert "<html" in response.text and "Traceback" not in response.text


def logged_in_session(archive, username):
    editors, _ = ensure_editorial_groups()
    user = get_user_model().objects.create_user(username, password="a-long-test-password-1", is_staff=True)
    user.groups.add(editors)
    return http_session(archive, user)


def test_two_editors_saving_the_same_version_at_once_one_is_refused(archive):
    role = RoleFactory()
    draft = StatementFactory(draft=True, speaker=role.speaker, role=role, text="Premier jet.")
    url = f"{archive}/admin/statements/statement/{draft.pk}/change/"
    editors = [logged_in_session(archive, name) for name in ("alice", "bruno")]
    forms = []
    for session, text in zip(editors, ["Version d'Alice.", "Version de Bruno."], strict=True):
        page = session.get(url, timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        forms.append({**statement_form(draft, text=text), "csrfmiddlewaretoken": token})
    start = threading.Barrier(2)

    def save(index):
        start.wait()
        response = editors[index].post(url, data=forms[index], headers={"Referer": url}, timeout=60)
        return (
            "refused" if "Someone saved this statement after you opened it" in response.text else response.status_code
        )

    with ThreadPoolExecutor(2) as pair:
        outcomes = sorted(map(str, pair.map(save, [0, 1])))
    assert outcomes == ["200", "refused"]  # one saved (and followed to the list), one refused
    statement = Statement.objects.get(pk=draft.pk)
    assert statement.version == draft.version + 1
    assert Report.objects.get(statement=draft).text in ("Version d'Alice.", "Version de Bruno.")


def test_readers_arriving_together_at_a_cold_list_share_one_count(archive, monkeypatch):
    """Eight readers ask for the same uncached list at once: one request counts and
    facets the statements, the others wait for its result (no stampede)."""
    from statements import listing

    computed = []
    real = listing.count_facets

    def slow_count_facets(*args, **kwargs):
        computed.append(threading.get_ident())
        time.sleep(0.5)  # long enough for every reader to arrive meanwhile
        return real(*args, **kwargs)

    monkeypatch.setattr(listing, "count_facets", slow_count_facets)
    with ThreadPoolExecutor(max_workers=8) as readers:
        answers = list(
            readers.map(lambda _: requests.get(archive + "/en/statements/?q=publique", timeout=60), range(8))
        )
    assert [answer.status_code for answer in answers] == [200] * 8
    assert all("3 statements" in answer.text for answer in answers)
    assert len(computed) == 1


def test_a_crowd_reads_kept_pages_and_the_next_commit_retires_them(archive, settings):
    """With the page cache on, as in production: readers arriving together at the same
    pages all get them whole, and a committed change reaches the next reader at once."""
    settings.PAGE_CACHE_SECONDS = 3600
    paths = ["/en/", "/en/statements/", "/en/statements/?q=publique"] * 10

    def get(path):
        response = requests.get(archive + path, timeout=60)
        return path, response.status_code, response.text

    with ThreadPoolExecutor(15) as crowd:
        answers = list(crowd.map(get, paths))
    assert {status for _path, status, _text in answers} == {200}
    for path in set(paths):
        assert len({text for answered, _status, text in answers if answered == path}) == 1  # kept whole
    StatementFactory(text="Une nouvelle déclaration publique.")  # committed: no test transaction here
    assert "Une nouvelle déclaration publique." in requests.get(archive + "/en/statements/", timeout=60).text
