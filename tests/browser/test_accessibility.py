"""axe-core (axe-playwright-python) in Chromium over every public page type and the API
reference: no serious or critical violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from statements.models import Statement
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db(transaction=True)
SEVERE = {"serious", "critical"}


@pytest.fixture
def archive(live_server, live_seed):
    StatementFactory()  # invented, months before the seed's: the lists draw their chart over time
    return live_server.url


def severe_violations(page) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in Axe().run(page).response["violations"]
        if violation["impact"] in SEVERE
    ]


def page_types() -> list[str]:
    statement = Statement.objects.published().with_card_relations().exclude(summit=None).first()
    credit = statement.credit_list[0]
    return [
        "/en/",
        "/en/statements/",
        "/en/statements/?q=garanties&mode=direct",
        "/en/statements/?date_from=x&per_page=abc",
        "/en/statements/?show=country&country=FR&year=2025",
        "/en/statements/?q=Zakharvoa",  # nothing found: "did you mean"
        "/fr/statements/?country=FR",  # the interface in French
        f"/fr/statements/{statement.pk}/",
        statement.get_absolute_url(),
        "/en/speakers/",
        credit.speaker.get_absolute_url(),
        "/en/countries/",
        "/en/countries/france/",
        "/en/summits/",
        statement.summit.get_absolute_url(),
        "/en/topics/",
        statement.topics.first().get_absolute_url() if statement.topics.exists() else "/en/topics/",
        "/en/organisations/",
        "/en/corrections/",
        "/api/reference/",
        "/en/statements/999999/",
    ]


def test_no_page_type_has_a_serious_accessibility_violation(page, archive):
    found = {}
    for path in page_types():
        page.goto(archive + path)
        if violations := severe_violations(page):
            found[path] = violations
    assert found == {}
    page.goto(archive + "/en/statements/")
    assert page.locator("figure.timeline table").count() == 1


def test_search_suggestions_are_accessible_while_open(page, archive):
    page.goto(archive + "/en/")
    page.fill("#header-q", "zakh")
    page.wait_for_selector("#header-q-suggestions [role=option]")
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#header-q", "aria-activedescendant") == "header-q-suggestion-0"
    assert severe_violations(page) == []
