"""axe-core (axe-playwright-python) in Chromium over every public page type and the API
reference: no serious or critical violation."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from statements.loading import SEED_DATASET, load_dataset
from statements.models import Statement

pytestmark = pytest.mark.django_db(transaction=True)
SEVERE = {"serious", "critical"}


@pytest.fixture
def archive(live_server):
    load_dataset(path=SEED_DATASET)
    return live_server.url


def page_types() -> list[str]:
    statement = Statement.objects.published().with_card_relations().exclude(summit=None).first()
    credit = statement.credit_list[0]
    return [
        "/",
        "/statements/",
        "/statements/?q=garanties&mode=direct",
        "/statements/?date_from=x&per_page=abc",
        statement.get_absolute_url(),
        "/speakers/",
        credit.speaker.get_absolute_url(),
        "/countries/",
        "/countries/france/",
        "/summits/",
        statement.summit.get_absolute_url(),
        "/topics/",
        statement.topics.first().get_absolute_url() if statement.topics.exists() else "/topics/",
        "/organisations/",
        "/corrections/",
        "/api/reference/",
        "/statements/999999/",
    ]


def test_no_page_type_has_a_serious_accessibility_violation(page, archive):
    axe = Axe()
    found = {}
    for path in page_types():
        page.goto(archive + path)
        violations = [
            f"{violation['id']} ({violation['impact']}): {violation['help']}"
            for violation in axe.run(page).response["violations"]
            if violation["impact"] in SEVERE
        ]
        if violations:
            found[path] = violations
    assert found == {}
