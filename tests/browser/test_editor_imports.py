"""An editor imports an article they have never seen into the archive: in a real browser.

The quotes are found, the speaker the archive knows is chosen, the two it does not know
are created from the pop-up each row offers (filled in from the article), and the five
quotes become drafts with the right speakers, speech modes and days. How long this takes
against entering the quotes by hand is measured by benchmarks/import_flow.py.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model

from statements.models import Report, Speaker, Statement
from statements.workflow import ensure_editorial_groups
from tests.browser.editor_paths import KNOWN_SPEAKER, PUBLISHED, QUOTES, Editor, import_article
from tests.factories import CountryFactory, RoleFactory, SpeakerFactory

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "a-long-browser-test-password"


@pytest.fixture
def newsroom(live_server):
    editors, _chiefs = ensure_editorial_groups()
    get_user_model().objects.create_user("ines", password=PASSWORD, is_staff=True).groups.add(editors)
    speaker = SpeakerFactory(name=KNOWN_SPEAKER, slug="karel-dvornik")
    RoleFactory(speaker=speaker, title_en="Prime Minister of Ostria", start_date=datetime.date(2025, 3, 1))
    CountryFactory(iso_alpha2="FI", iso_alpha3="FIN", name_en="Finland", name_fr="Finlande")  # of the reference list
    return live_server.url


def test_editor_imports_an_unseen_article(page, newsroom):
    editor = Editor(page, newsroom)
    editor.log_in("ines", PASSWORD)
    import_article(editor)

    assert page.inner_text(".messagelist") == "5 draft statements created."
    new = Speaker.objects.get(name="Elsa Whitcombe")
    role = new.roles.get()
    assert (role.title_en, role.country.iso_alpha2) == ("Finnish Trade Minister", "FI")  # as the article gives it
    assert Speaker.objects.get(kind=Speaker.Kind.ANONYMOUS).described_as == "A diplomat who asked not to be named"
    imported = {
        (report.statement.speaker_names, report.mode, report.statement.date.isoformat()): report.text
        for report in Report.objects.select_related("statement").filter(source__published_on=PUBLISHED)
    }
    assert len(imported) == len(QUOTES) == Statement.objects.filter(status="draft").count()
    for speaker, words, mode, day in QUOTES:
        assert imported.get((speaker, mode, day)) == words or words in imported.values(), (speaker, words)
