"""An editor enters a statement with a new source, a chief editor publishes it: in a real browser."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from statements.workflow import ensure_editorial_groups
from tests.factories import CountryFactory, RoleFactory, SpeakerFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def newsroom(live_server):
    editors, chiefs = ensure_editorial_groups()
    users = get_user_model().objects
    users.create_user("ines", password=PASSWORD, is_staff=True).groups.add(editors)
    users.create_user("chef", password=PASSWORD, is_staff=True).groups.add(chiefs)
    speaker = SpeakerFactory(name="Oskar Vandermeer", slug="oskar-vandermeer")
    RoleFactory(
        speaker=speaker, title_en="Foreign minister", country=CountryFactory(), start_date=datetime.date(2020, 1, 1)
    )
    return live_server.url


def log_in(page, base, username):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def run_action(page, base, action):
    page.goto(f"{base}/admin/statements/statement/")
    page.check("input.action-select")
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist")


def test_editor_enters_chief_publishes(page, newsroom):
    base = newsroom
    log_in(page, base, "ines")
    page.goto(f"{base}/admin/statements/statement/add/")
    page.fill("#id_date_earliest", "2024-03-01")
    page.fill("#id_date", "2024-03-01")
    page.press("#id_date", "Tab")

    # The speaker row: the role held that day is preselected once speaker and date are known.
    page.click("#id_statement_speakers-0-speaker + .select2 .select2-selection")
    page.fill(".select2-dropdown .select2-search__field", "Vandermeer")
    page.click(".select2-results__option:has-text('Oskar Vandermeer')")
    page.wait_for_selector("#id_statement_speakers-0-role + .select2 :text('Foreign minister')")

    # The report: the words as printed, in the source that printed them.
    page.fill("#id_reports-0-text", "Les ponts resteront ouverts entre nos deux capitales.")
    page.fill("#id_reports-0-language", "fr")
    page.select_option("#id_reports-0-mode", "direct")
    with page.expect_popup() as popup_info:
        page.click("#add_id_reports-0-source")
    popup = popup_info.value
    popup.wait_for_selector("#id_title")
    popup.fill("#id_title", "Dépêche inventée sur les ponts")
    popup.fill("#id_url", "https://news.example/ponts")
    popup.fill("#id_language", "fr")
    # Listening before the click: a popup that closes at once is not missed.
    with popup.expect_event("close"):
        popup.click("input[name=_save]")
    assert "Dépêche inventée sur les ponts" in page.inner_text("#id_reports-0-source + .select2")

    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    run_action(page, base, "submit_selected_for_review")
    assert "submitted for review" in page.inner_text(".messagelist")

    page.goto(f"{base}/en/speakers/oskar-vandermeer/")
    assert "Les ponts resteront ouverts" not in page.content()

    log_in(page, base, "chef")
    run_action(page, base, "publish_selected")
    assert "published" in page.inner_text(".messagelist")

    page.goto(f"{base}/en/speakers/oskar-vandermeer/")
    assert "Les ponts resteront ouverts entre nos deux capitales." in page.inner_text("main")
    assert "Foreign minister" in page.inner_text("main")
    page.goto(f"{base}/en/statements/?q=capitale")
    assert page.locator(".statement-card mark").first.inner_text().lower() == "capitales"
