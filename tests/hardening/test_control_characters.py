"""Control characters pasted from a PDF (form feed, vertical tab) or sent by a hostile
client (NUL, escape) never reach the database through any write path, and what older
data may hold never breaks a feed, a download or a page."""

import pytest
from django.urls import reverse

from statements.models import Correction, Report, Speaker, Statement
from tests.admin.conftest import statement_form
from tests.factories import SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db

PASTED = "Nous ne\x0cpartirons pas\x1b[31m\x07 ; jamais\x0b."
CLEANED = "Nous ne\npartirons pas[31m ; jamais\n."


def test_model_saves_strip_control_characters_from_every_text_field():
    statement = StatementFactory(text=PASTED, attribution="a dit\x0c le ministre", place="Gen\x08ève")
    report = statement.reports.get()
    assert (report.text, report.attribution) == (CLEANED, "a dit\n le ministre")
    assert Statement.objects.get(pk=statement.pk).place == "Genève"
    speaker = SpeakerFactory(name="Aline\x00 Testeur")
    assert Speaker.objects.get(pk=speaker.pk).name == "Aline Testeur"


def test_an_admin_save_strips_them_too(editor_client):
    draft = StatementFactory(draft=True)
    response = editor_client.post(
        reverse("admin:statements_statement_change", args=[draft.pk]),
        statement_form(draft, text=PASTED, context="Con\x0ctexte"),
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert Report.objects.get(statement=draft).text == CLEANED
    assert Statement.objects.get(pk=draft.pk).context == "Con\ntexte"


def test_feeds_pages_and_downloads_survive_controls_already_stored(client, index):
    statement = StatementFactory(text="Texte propre")
    correction = Correction.objects.create(statement=statement, note="Note")
    # Written around the model, as older rows or a raw SQL fix might have been.
    Report.objects.filter(statement=statement).update(text="Texte\x0c sale\x1b", attribution="dit\x0b-il")
    Correction.objects.filter(pk=correction.pk).update(note="Note\x0c sale")
    Speaker.objects.filter(pk=statement.credit_list[0].speaker_id).update(name="Aline\x0c Testeur")
    index()
    urls = [
        "/en/statements/?format=atom",
        "/en/corrections/?format=atom",
        f"{statement.credit_list[0].speaker.get_absolute_url()}?format=atom",
        "/en/statements/?format=csv",
        "/en/statements/?format=json",
        statement.get_absolute_url(),
        f"/en/statements/{statement.pk}/cite.bib",
        f"/en/statements/{statement.pk}/cite.json",
        f"/api/statements/{statement.pk}/",
        "/en/statements/?q=sale",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    feed = client.get("/en/statements/?format=atom").content.decode()
    assert "Texte\n sale" in feed
    assert "\x0c" not in feed
