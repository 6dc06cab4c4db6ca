"""Entering and changing statements in the admin: defaults, validation, locking, history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from statements.models import Source, Speaker, Statement, Translation
from tests.admin.conftest import statement_form
from tests.factories import RoleFactory, SourceFactory, SpeakerFactory, StatementFactory, SummitFactory

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
    (credit,) = statement.credit_list
    assert credit.role == credit.speaker.roles.get()
    assert credit.country == credit.role.country
    assert statement.display_report.text == "Une déclaration inventée pour le test."
    assert statement.created_by == editor


def test_save_and_add_another_from_the_same_source_prefills_the_next_form(editor_client):
    summit = SummitFactory(start_date=datetime.date(2024, 3, 1), end_date=datetime.date(2024, 3, 1))
    data = statement_form(summit=summit.pk, _addanother_same_source="1")
    response = editor_client.post(ADD, data)
    statement = Statement.objects.get()
    source_id = statement.display_report.source_id
    assert response.status_code == 302
    assert f"reports-0-source={source_id}" in response.url
    assert "date=2024-03-01" in response.url
    assert f"summit={summit.pk}" in response.url
    next_page = editor_client.get(response.url).context
    report_forms = next(
        formset for formset in next_page["inline_admin_formsets"] if formset.formset.prefix == "reports"
    )
    assert str(report_forms.formset.forms[0].initial["source"]) == str(source_id)


def inline_errors(response) -> str:
    assert response.status_code == 200, "the form was expected back with errors"
    formsets = [inline.formset for inline in response.context["inline_admin_formsets"]]
    return str([(formset.errors, formset.non_form_errors()) for formset in formsets])


def test_empty_quote_is_refused(editor_client):
    assert "This field is required" in inline_errors(editor_client.post(ADD, statement_form(text="")))


def test_a_statement_needs_a_report(editor_client):
    data = statement_form(**{"reports-TOTAL_FORMS": "0"})
    assert "Please submit at least 1 form" in inline_errors(editor_client.post(ADD, data))
    assert not Statement.objects.exists()


def test_two_display_reports_are_refused_with_a_message_not_an_error(editor_client, draft):
    data = statement_form(draft, **{"reports-TOTAL_FORMS": "2", "reports-1-source": SourceFactory().pk})
    data.update({"reports-1-text": "Autre version.", "reports-1-language": "fr", "reports-1-mode": "indirect"})
    data["reports-1-is_display"] = "on"
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "Only one report can be the display report." in str(
        response.context["inline_admin_formsets"][1].formset.non_form_errors()
    )


def test_the_editor_chooses_another_display_report(editor_client, draft):
    other = draft.reports.create(source=SourceFactory(), text="Une autre version.", language="fr", mode="indirect")
    data = statement_form(draft)
    del data["reports-0-is_display"]
    data["reports-1-is_display"] = "on"
    response = editor_client.post(change_url(draft), data)
    assert response.status_code == 302
    assert Statement.objects.get(pk=draft.pk).display_report == other


def test_future_date_is_refused(editor_client):
    data = statement_form(date=(datetime.date.today() + datetime.timedelta(days=3)).isoformat())
    assert "This date is in the future" in errors_of(editor_client.post(ADD, data))


def test_role_not_held_on_the_date_is_refused(editor_client):
    role = RoleFactory(start_date=datetime.date(2024, 6, 1))
    data = statement_form(speaker=role.speaker, role=role, date="2024-03-01")
    assert "did not hold this role on 2024-03-01" in inline_errors(editor_client.post(ADD, data))


def test_role_of_another_speaker_is_refused(editor_client):
    data = statement_form(role=RoleFactory())
    assert "This role belongs to another speaker." in inline_errors(editor_client.post(ADD, data))


def test_date_outside_the_summit_is_a_warning_not_a_refusal(editor_client):
    summit = SummitFactory(start_date=datetime.date(2024, 5, 1), end_date=datetime.date(2024, 5, 2))
    response = editor_client.post(ADD, statement_form(summit=summit.pk), follow=True)
    assert Statement.objects.count() == 1
    assert "is outside the dates of" in response.content.decode()


def test_source_url_must_be_http_or_https():
    source = Source(url="ftp://files.example/dispatch.txt", language="fr")
    with pytest.raises(ValidationError, match="http:// or https://"):
        source.full_clean()


def test_translation_in_the_statements_original_language_is_refused():
    statement = StatementFactory(original_language="fr")
    translation = Translation(statement=statement, language="fr", text="Pareil.", translator_kind="editor")
    with pytest.raises(ValidationError, match="another language"):
        translation.full_clean()


def test_possible_duplicate_is_warned_with_a_link_and_still_saved(editor_client):
    original = StatementFactory(text="Nous ne céderons jamais sur la souveraineté de notre pays.")
    speaker = original.credit_list[0].speaker
    data = statement_form(speaker=speaker, text="Nous ne céderons jamais sur la souveraineté de notre pays !")
    response = editor_client.post(ADD, data, follow=True)
    body = response.content.decode()
    assert "Possible duplicate" in body
    assert change_url(original) in body
    assert Statement.objects.count() == 2
    new = Statement.objects.exclude(pk=original.pk).get()
    assert reverse("admin:statements_statement_merge", args=[new.pk, original.pk]) in body


def test_a_duplicate_draft_is_merged_into_the_statement_as_another_report(editor_client, draft):
    original = StatementFactory(
        in_review=True, speaker=draft.credit_list[0].speaker, text="Nous ne reculerons pas d'un pouce !"
    )
    url = reverse("admin:statements_statement_merge", args=[draft.pk, original.pk])
    assert editor_client.get(url).status_code == 200
    response = editor_client.post(url)
    assert response.status_code == 302
    assert not Statement.objects.filter(pk=draft.pk).exists()
    assert original.reports.count() == 2
    assert original.display_report.text == "Nous ne reculerons pas d'un pouce !"


def test_only_a_chief_editor_merges_a_draft_into_a_published_statement(editor_client, chief_client, draft):
    published = StatementFactory(speaker=draft.credit_list[0].speaker)
    url = reverse("admin:statements_statement_merge", args=[draft.pk, published.pk])
    assert "Only chief editors change a statement on record" in editor_client.post(url).content.decode()
    assert Statement.objects.filter(pk=draft.pk).exists()
    assert chief_client.post(url).status_code == 302
    assert published.reports.count() == 2


def test_a_published_statement_is_never_merged_away(chief_client, draft):
    published = StatementFactory()
    url = reverse("admin:statements_statement_merge", args=[published.pk, draft.pk])
    response = chief_client.post(url)
    assert "keeps its permalink" in response.content.decode()
    assert Statement.objects.filter(pk=published.pk).exists()


def test_different_statement_by_the_same_speaker_is_not_a_duplicate(editor_client):
    original = StatementFactory(text="Nous ne céderons jamais sur la souveraineté de notre pays.")
    speaker = original.credit_list[0].speaker
    data = statement_form(speaker=speaker, text="Les négociations commerciales reprendront en juin.")
    response = editor_client.post(ADD, data, follow=True)
    assert "Possible duplicate" not in response.content.decode()


def test_stale_form_is_refused_with_a_link_to_the_current_version(editor_client, chief_client, draft):
    seen = statement_form(draft)  # both editors opened version 1
    first = chief_client.post(change_url(draft), {**seen, "reports-0-text": "Première correction."})
    assert first.status_code == 302
    second = editor_client.post(
        change_url(draft), {**seen, "reports-0-text": "Seconde correction, sur une page périmée."}
    )
    assert "Someone saved this statement after you opened it" in second.content.decode()
    assert change_url(draft) in second.content.decode()
    draft.refresh_from_db()
    assert draft.display_report.text == "Première correction."
    assert draft.version == 2


def test_each_save_increments_the_version(editor_client, draft):
    editor_client.post(change_url(draft), statement_form(draft, text="Une."))
    draft.refresh_from_db()
    editor_client.post(change_url(draft), statement_form(draft, text="Deux."))
    draft.refresh_from_db()
    assert (draft.display_report.text, draft.version) == ("Deux.", 3)


def test_history_records_who_changed_what(editor_client, editor, draft):
    editor_client.post(change_url(draft), statement_form(draft, place="Ailleurs", text="Texte corrigé."))
    latest, previous = draft.history.all()[:2]
    assert latest.history_user == editor
    assert "place" in latest.diff_against(previous).changed_fields
    report = draft.display_report
    latest_report, previous_report = report.history.all()[:2]
    assert latest_report.history_user == editor
    assert "text" in latest_report.diff_against(previous_report).changed_fields
    history_page = editor_client.get(reverse("admin:statements_statement_history", args=[draft.pk]))
    body = history_page.content.decode()
    # The field-level diff: the field, the old value and the new one.
    assert "Ailleurs" in body


def test_a_previous_version_can_be_restored(editor_client, draft):
    editor_client.post(change_url(draft), statement_form(draft, date="2024-02-20"))
    first = draft.history.earliest()
    url = reverse("admin:statements_statement_simple_history", args=[draft.pk, first.history_id])
    form = editor_client.get(url).context["adminform"].form
    data = statement_form(draft, date="2024-03-01", version_seen=form.fields["version_seen"].initial)
    editor_client.post(url, data)
    draft.refresh_from_db()
    assert draft.date == datetime.date(2024, 3, 1)
    assert draft.version == 3


def test_deleting_a_speaker_with_statements_is_refused_with_the_list(chief_client, draft):
    speaker_id = draft.credit_list[0].speaker_id
    url = reverse("admin:statements_speaker_delete", args=[speaker_id])
    response = chief_client.post(url, {"post": "yes"})
    body = response.content.decode()
    assert "would require deleting the following protected related objects" in body
    assert Speaker.objects.filter(pk=speaker_id).exists()


def test_deleting_a_source_with_reports_is_refused(chief_client, draft):
    source_id = draft.display_report.source_id
    url = reverse("admin:statements_source_delete", args=[source_id])
    chief_client.post(url, {"post": "yes"})
    assert Source.objects.filter(pk=source_id).exists()


def test_admin_search_is_the_public_full_text_search(editor_client, index):
    StatementFactory(text="Les garanties de sécurité sont prêtes.")
    StatementFactory(text="Rien à voir.")
    index()
    response = editor_client.get(reverse("admin:statements_statement_changelist"), {"q": "garantie"})
    assert [statement.display_report.text for statement in response.context["cl"].result_list] == [
        "Les garanties de sécurité sont prêtes."
    ]


def test_the_source_page_lists_its_reports_with_their_statements(editor_client, draft):
    source = draft.display_report.source
    body = editor_client.get(reverse("admin:statements_source_change", args=[source.pk])).content.decode()
    assert "Nous ne reculerons pas d&#x27;un pouce." in body
    assert change_url(draft) in body


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


def test_chief_merges_two_unnamed_sources_from_the_speakers_list(chief_client):
    first = SpeakerFactory(kind="anonymous", name="Source diplomatique A", described_as="une source diplomatique")
    second = SpeakerFactory(kind="anonymous", name="Source diplomatique B", described_as="une source diplomatique")
    statement = StatementFactory(speaker=second)
    response = chief_client.post(
        reverse("admin:statements_speaker_changelist"),
        {"action": "merge_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "Merged 1 speaker into Source diplomatique A." in response.content.decode()
    assert statement.statement_speakers.get().speaker == first
    assert not Speaker.objects.filter(pk=second.pk).exists()


def test_editor_cannot_merge_speakers(editor_client):
    first, second = SpeakerFactory(), SpeakerFactory()
    editor_client.post(
        reverse("admin:statements_speaker_changelist"),
        {"action": "merge_selected", "_selected_action": [first.pk, second.pk]},
    )
    assert Speaker.objects.filter(pk=second.pk).exists()


def test_the_form_carries_the_version_it_was_built_from(editor_client, draft):
    body = editor_client.get(reverse("admin:statements_statement_change", args=[draft.pk])).content.decode()
    assert f'name="version_seen" value="{draft.version}"' in body
