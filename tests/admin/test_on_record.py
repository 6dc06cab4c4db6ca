"""What is on record changes only by a chief editor's hand: an editor sees a published
statement read-only and proposes a change; the statement form offers the workflow's
steps as buttons, only those the user may take."""

import pytest
from django.urls import reverse

from statements import workflow
from statements.models import Correction, ProposedChange, Report, Statement
from tests.admin.conftest import statement_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(draft, chief):
    return workflow.publish(statement=draft, user=chief)


def change_url(statement):
    return reverse("admin:statements_statement_change", args=[statement.pk])


def test_an_editor_sees_a_published_statement_read_only_with_a_way_to_propose_a_change(editor_client, published):
    response = editor_client.get(change_url(published))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="reports-0-text"' not in body
    assert 'name="_save"' not in body
    assert f"/admin/statements/proposedchange/add/?statement={published.pk}" in body


def test_an_editor_cannot_change_a_published_statement_by_posting(editor_client, published):
    response = editor_client.post(change_url(published), statement_form(published, text="Autre chose."))
    assert response.status_code == 403
    assert Report.objects.get(statement=published).text == "Nous ne reculerons pas d'un pouce."
    assert not Correction.objects.filter(statement=published).exists()


def test_an_editor_cannot_restore_an_old_version_of_a_published_statement(editor_client, published):
    version = published.history.earliest()
    url = reverse("admin:statements_statement_simple_history", args=[published.pk, version.history_id])
    assert editor_client.post(url, statement_form(published, date="2024-02-01")).status_code == 403
    assert Statement.objects.get(pk=published.pk).date == published.date


def test_a_chief_editor_changes_it_with_a_public_correction(chief_client, published):
    response = chief_client.post(change_url(published), statement_form(published, text="Nous ne reculerons pas."))
    assert response.status_code == 302
    assert Report.objects.get(statement=published).text == "Nous ne reculerons pas."
    assert Correction.objects.get(statement=published).changed


def test_a_proposal_goes_from_an_editor_to_a_chief_editor(editor_client, chief_client, editor, chief, published):
    add = reverse("admin:statements_proposedchange_add")
    form = editor_client.get(add, {"statement": published.pk})
    assert form.status_code == 200
    response = editor_client.post(add, {"statement": published.pk, "proposal": "The outlet corrected a word."})
    assert response.status_code == 302
    proposal = ProposedChange.objects.get()
    assert (proposal.status, proposal.proposed_by) == ("open", editor)
    changelist = reverse("admin:statements_proposedchange_changelist")
    # Editors cannot close a proposal, chief editors can.
    editor_client.post(changelist, {"action": "mark_applied", "_selected_action": [proposal.pk]})
    assert ProposedChange.objects.get().status == "open"
    chief_client.post(changelist, {"action": "mark_applied", "_selected_action": [proposal.pk]})
    proposal.refresh_from_db()
    assert (proposal.status, proposal.handled_by) == ("applied", chief)
    assert proposal.handled_at is not None


def buttons(client, statement):
    body = client.get(change_url(statement)).content.decode()
    return {name for name in ("_save_and_submit", "_save_and_publish", "/retract/") if name in body}


def test_the_form_offers_only_the_steps_the_user_may_take(editor_client, chief_client, draft, chief):
    assert buttons(editor_client, draft) == {"_save_and_submit"}
    assert buttons(chief_client, draft) == {"_save_and_submit", "_save_and_publish"}
    workflow.submit_for_review(statement=draft, user=chief)
    assert buttons(editor_client, draft) == set()
    assert buttons(chief_client, draft) == {"_save_and_publish"}
    workflow.publish(statement=Statement.objects.get(pk=draft.pk), user=chief)
    assert buttons(chief_client, draft) == {"/retract/"}


def test_save_and_submit_then_save_and_publish(editor_client, chief_client, draft):
    response = editor_client.post(change_url(draft), {**statement_form(draft), "_save_and_submit": "1"})
    assert response.status_code == 302
    assert Statement.objects.get(pk=draft.pk).status == "in_review"
    statement = Statement.objects.get(pk=draft.pk)
    response = chief_client.post(change_url(statement), {**statement_form(statement), "_save_and_publish": "1"})
    assert response.status_code == 302
    assert Statement.objects.get(pk=draft.pk).status == "published"


def test_a_forged_publish_button_from_an_editor_saves_but_does_not_publish(editor_client, draft):
    response = editor_client.post(change_url(draft), {**statement_form(draft), "_save_and_publish": "1"}, follow=True)
    assert Statement.objects.get(pk=draft.pk).status == "draft"
    assert "Only chief editors may publish." in response.content.decode()


def test_the_source_page_cannot_change_a_statements_report(chief_client, published):
    """The source page lists its reports read-only: a report changes only in its statement's
    form, which checks the version the editor saw."""
    report = Report.objects.get(statement=published)
    url = reverse("admin:statements_source_change", args=[report.source_id])
    form = chief_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    data.update({
        "reports-TOTAL_FORMS": "1", "reports-INITIAL_FORMS": "1", "reports-MIN_NUM_FORMS": "0",
        "reports-MAX_NUM_FORMS": "1000", "reports-0-id": report.pk, "reports-0-source": report.source_id,
        "reports-0-text": "Changed behind the statement's back.", "reports-0-position": "9",
    })  # fmt: skip
    chief_client.post(url, data)
    report.refresh_from_db()
    assert report.text == "Nous ne reculerons pas d'un pouce."
