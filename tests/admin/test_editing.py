"""Entering and changing statements in the admin: defaults, validation, locking, history."""

import datetime

import pytest
from django.urls import reverse

from statements.models import Source, Speaker, Statement, Translation
from tests.admin.conftest import statement_form
from tests.factories import RoleFactory, SourceFactory, StatementFactory, SummitFactory

pytestmark = pytest.mark.django_db
ADD = reverse("admin:statements_statement_add")


def change_url(statement):
    return reverse("admin:statements_statement_change", args=[statement.pk])


def errors_of(response) -> str:
    assert response.status_code == 200, "the form was expected back with errors"
    return str(response.context["adminform"].form.errors) + str(response.context.get("errors", ""))


def test_editor_adds_a_draft_with_role_and_country_filled_from_the_date(editor_client, editor):
    data = statement_form()
    response = editor_client.post(ADD, data)
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.status == "draft"
    assert statement.role == statement.speaker.roles.get()
    assert statement.country == statement.role.country
    assert statement.created_by == editor


def test_save_and_add_another_from_the_same_source_prefills_the_next_form(editor_client):
    summit = SummitFactory(start_date=datetime.date(2024, 3, 1), end_date=datetime.date(2024, 3, 1))
    data = statement_form(summit=summit.pk, _addanother_same_source="1")
    response = editor_client.post(ADD, data)
    statement = Statement.objects.get()
    assert response.status_code == 302
    assert f"source={statement.source_id}" in response.url
    assert "date=2024-03-01" in response.url
    assert f"summit={summit.pk}" in response.url
    next_form = editor_client.get(response.url).context["adminform"].form
    assert str(next_form.initial["source"]) == str(statement.source_id)


def test_empty_quote_is_refused(editor_client):
    assert "This field is required" in errors_of(editor_client.post(ADD, statement_form(text="")))


def test_future_date_is_refused(editor_client):
    data = statement_form(date=(datetime.date.today() + datetime.timedelta(days=3)).isoformat())
    assert "This date is in the future" in errors_of(editor_client.post(ADD, data))


def test_role_not_held_on_the_date_is_refused(editor_client):
    role = RoleFactory(start_date=datetime.date(2024, 6, 1))
    data = statement_form(speaker=role.speaker.pk, role=role.pk, date="2024-03-01")
    assert "did not hold this role on 2024-03-01" in errors_of(editor_client.post(ADD, data))


def test_role_of_another_speaker_is_refused(editor_client):
    data = statement_form(role=RoleFactory().pk)
    assert "This role belongs to another speaker." in errors_of(editor_client.post(ADD, data))


def test_date_outside_the_summit_is_a_warning_not_a_refusal(editor_client):
    summit = SummitFactory(start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 5, 2))
    response = editor_client.post(ADD, statement_form(summit=summit.pk), follow=True)
    assert Statement.objects.count() == 1
    assert "is outside the dates of" in response.content.decode()


def test_source_url_must_be_http_or_https():
    source = Source(url="ftp://files.example/dispatch.txt", language="fr")
    with pytest.raises(Exception, match="http:// or https://"):
        source.full_clean()


def test_translation_in_the_statements_own_language_is_refused():
    statement = StatementFactory(language="fr")
    translation = Translation(statement=statement, language="fr", text="Pareil.", translator_kind="editor")
    with pytest.raises(Exception, match="another language"):
        translation.full_clean()


def test_possible_duplicate_is_warned_with_a_link_and_still_saved(editor_client):
    original = StatementFactory(text="Nous ne céderons jamais sur la souveraineté de notre pays.")
    data = statement_form(
        speaker=original.speaker.pk, text="Nous ne céderons jamais sur la souveraineté de notre pays !"
    )
    RoleFactory(speaker=original.speaker, start_date=datetime.date(2020, 1, 1))
    response = editor_client.post(ADD, data, follow=True)
    body = response.content.decode()
    assert "Possible duplicate" in body
    assert change_url(original) in body
    assert Statement.objects.count() == 2


def test_different_statement_by_the_same_speaker_is_not_a_duplicate(editor_client):
    original = StatementFactory(text="Nous ne céderons jamais sur la souveraineté de notre pays.")
    RoleFactory(speaker=original.speaker, start_date=datetime.date(2020, 1, 1))
    data = statement_form(speaker=original.speaker.pk, text="Les négociations commerciales reprendront en juin.")
    response = editor_client.post(ADD, data, follow=True)
    assert "Possible duplicate" not in response.content.decode()


def test_stale_form_is_refused_with_a_link_to_the_current_version(editor_client, chief_client, draft):
    seen = statement_form(draft)  # both editors opened version 1
    first = chief_client.post(change_url(draft), {**seen, "text": "Première correction."})
    assert first.status_code == 302
    second = editor_client.post(change_url(draft), {**seen, "text": "Seconde correction, sur une page périmée."})
    assert "Someone saved this statement after you opened it" in second.content.decode()
    assert change_url(draft) in second.content.decode()
    draft.refresh_from_db()
    assert draft.text == "Première correction."
    assert draft.version == 2


def test_each_save_increments_the_version(editor_client, draft):
    editor_client.post(change_url(draft), statement_form(draft, text="Une."))
    draft.refresh_from_db()
    editor_client.post(change_url(draft), statement_form(draft, text="Deux."))
    draft.refresh_from_db()
    assert (draft.text, draft.version) == ("Deux.", 3)


def test_history_records_who_changed_what(editor_client, editor, draft):
    editor_client.post(change_url(draft), statement_form(draft, text="Texte corrigé."))
    latest, previous = draft.history.all()[:2]
    assert latest.history_user == editor
    delta = latest.diff_against(previous)
    assert "text" in delta.changed_fields
    history_page = editor_client.get(reverse("admin:statements_statement_history", args=[draft.pk]))
    body = history_page.content.decode()
    # The field-level diff: the field, the old value and the new one.
    assert "Texte corrigé." in body
    assert "Nous ne reculerons pas d&#x27;un pouce." in body


def test_a_previous_version_can_be_restored(editor_client, draft):
    editor_client.post(change_url(draft), statement_form(draft, text="Texte corrigé."))
    first = draft.history.earliest()
    url = reverse("admin:statements_statement_simple_history", args=[draft.pk, first.history_id])
    form = editor_client.get(url).context["adminform"].form
    data = statement_form(draft, text=first.text, version_seen=form.fields["version_seen"].initial)
    editor_client.post(url, data)
    draft.refresh_from_db()
    assert draft.text == "Nous ne reculerons pas d'un pouce."
    assert draft.version == 3


def test_deleting_a_speaker_with_statements_is_refused_with_the_list(chief_client, draft):
    url = reverse("admin:statements_speaker_delete", args=[draft.speaker_id])
    response = chief_client.post(url, {"post": "yes"})
    body = response.content.decode()
    assert "would require deleting the following protected related objects" in body
    assert str(draft) in body or "Nous ne reculerons pas" in body
    assert Speaker.objects.filter(pk=draft.speaker_id).exists()


def test_deleting_a_source_with_statements_is_refused(chief_client, draft):
    url = reverse("admin:statements_source_delete", args=[draft.source_id])
    chief_client.post(url, {"post": "yes"})
    assert Source.objects.filter(pk=draft.source_id).exists()


def test_admin_search_is_the_public_full_text_search(editor_client, index):
    StatementFactory(text="Les garanties de sécurité sont prêtes.")
    StatementFactory(text="Rien à voir.")
    index()
    response = editor_client.get(reverse("admin:statements_statement_changelist"), {"q": "garantie"})
    assert [statement.display_report.text for statement in response.context["cl"].result_list] == [
        "Les garanties de sécurité sont prêtes."
    ]


def test_statements_added_from_the_source_page_are_drafts_with_roles(editor_client):
    source = SourceFactory()
    role = RoleFactory(start_date=datetime.date(2020, 1, 1))
    url = reverse("admin:statements_source_change", args=[source.pk])
    data = {
        "kind": "article",
        "title": source.title,
        "url": source.url,
        "published_on": "2024-03-02",
        "language": "fr",
        "statements-TOTAL_FORMS": "1",
        "statements-INITIAL_FORMS": "0",
        "statements-MIN_NUM_FORMS": "0",
        "statements-MAX_NUM_FORMS": "1000",
        "statements-0-source_position": "1",
        "statements-0-text": "Nous tiendrons parole.",
        "statements-0-language": "fr",
        "statements-0-speaker": role.speaker.pk,
        "statements-0-wording": "verbatim",
        "statements-0-date": "2024-03-01",
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else response
    statement = source.statements.get()
    assert (statement.status, statement.role) == ("draft", role)


def test_country_codes_cannot_be_edited_or_added(chief_client):
    assert chief_client.get(reverse("admin:statements_country_add")).status_code == 403


def test_role_on_view_gives_the_role_held_that_day(editor_client):
    role = RoleFactory(start_date=datetime.date(2020, 1, 1))
    url = reverse("admin:statements_statement_role_on")
    found = editor_client.get(url, {"speaker": role.speaker_id, "date": "2024-03-01"}).json()
    assert found["id"] == role.pk
    assert editor_client.get(url, {"speaker": role.speaker_id, "date": "2019-03-01"}).json()["id"] is None


@pytest.mark.parametrize(
    "params", [{}, {"speaker": "abc", "date": "2024-03-01"}, {"speaker": "1", "date": "2024-13-45"}]
)
def test_role_on_view_answers_bad_input_with_400(editor_client, params):
    assert editor_client.get(reverse("admin:statements_statement_role_on"), params).status_code == 400


def test_role_on_view_is_for_staff_only(client):
    assert client.get(reverse("admin:statements_statement_role_on")).status_code == 302
