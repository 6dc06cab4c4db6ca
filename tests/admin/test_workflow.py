"""Who may move a statement through draft → in review → published → retracted."""

import pytest
from django.urls import reverse

from statements import workflow
from statements.models import Statement
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:statements_statement_changelist")


def reload(statement):
    return Statement.objects.get(pk=statement.pk)


def test_editor_submits_a_draft_for_review(editor, draft):
    workflow.submit_for_review(statement=draft, user=editor)
    assert reload(draft).status == "in_review"


def test_editor_may_not_publish(editor, draft):
    with pytest.raises(workflow.WorkflowError):
        workflow.publish(statement=draft, user=editor)
    assert reload(draft).status == "draft"


def test_chief_publishes_and_publication_time_is_set(chief, draft):
    workflow.publish(statement=draft, user=chief)
    statement = reload(draft)
    assert statement.status == "published"
    assert statement.published_at is not None
    assert statement.updated_by == chief


def test_published_statement_cannot_be_published_again(chief):
    with pytest.raises(workflow.WorkflowError):
        workflow.publish(statement=StatementFactory(), user=chief)


def test_retraction_needs_a_reason(chief):
    statement = StatementFactory()
    with pytest.raises(workflow.WorkflowError):
        workflow.retract(statement=statement, user=chief, reason="   ")
    assert reload(statement).status == "published"


def test_editor_may_not_retract(editor):
    statement = StatementFactory()
    with pytest.raises(workflow.WorkflowError):
        workflow.retract(statement=statement, user=editor, reason="Erreur")
    assert reload(statement).status == "published"


def test_chief_retracts_with_a_public_reason(chief, client):
    statement = StatementFactory()
    workflow.retract(statement=statement, user=chief, reason="Citation mal attribuée.")
    assert reload(statement).status == "retracted"
    assert "Citation mal attribuée." in client.get(statement.get_absolute_url()).content.decode()


def test_bulk_submit_for_review_by_an_editor(editor_client, draft):
    response = editor_client.post(
        CHANGELIST, {"action": "submit_selected_for_review", "_selected_action": [draft.pk]}, follow=True
    )
    assert response.status_code == 200
    assert reload(draft).status == "in_review"


def test_bulk_publish_is_refused_to_an_editor(editor_client, draft):
    editor_client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk]}, follow=True)
    assert reload(draft).status == "draft"


def test_bulk_publish_by_a_chief(chief_client, draft):
    other = StatementFactory(in_review=True)
    chief_client.post(CHANGELIST, {"action": "publish_selected", "_selected_action": [draft.pk, other.pk]}, follow=True)
    assert {reload(draft).status, reload(other).status} == {"published"}


def test_bulk_publish_reports_what_it_could_not_publish(chief_client):
    retracted = StatementFactory(retracted=True)
    response = chief_client.post(
        CHANGELIST, {"action": "publish_selected", "_selected_action": [retracted.pk]}, follow=True
    )
    assert "Only a draft or a statement in review can be published." in response.content.decode()
    assert reload(retracted).status == "retracted"


def test_editor_cannot_publish_by_posting_the_status_field(editor_client, draft):
    from tests.admin.conftest import statement_form

    url = reverse("admin:statements_statement_change", args=[draft.pk])
    editor_client.post(url, statement_form(draft, status="published", published_at="2024-01-01 00:00"))
    assert reload(draft).status == "draft"


def test_editor_cannot_delete_a_statement(editor_client, draft):
    url = reverse("admin:statements_statement_delete", args=[draft.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert Statement.objects.filter(pk=draft.pk).exists()


def test_editor_cannot_bulk_delete(editor_client, draft):
    editor_client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"})
    assert Statement.objects.filter(pk=draft.pk).exists()


def test_chief_deletes_a_statement(chief_client, draft):
    url = reverse("admin:statements_statement_delete", args=[draft.pk])
    chief_client.post(url, {"post": "yes"})
    assert not Statement.objects.filter(pk=draft.pk).exists()


def test_retract_page_is_forbidden_to_an_editor(editor_client):
    statement = StatementFactory()
    url = reverse("admin:statements_statement_retract", args=[statement.pk])
    assert editor_client.get(url).status_code == 403
    assert editor_client.post(url, {"reason": "x"}).status_code == 403
    assert reload(statement).status == "published"


def test_retract_page_without_reason_says_why(chief_client):
    statement = StatementFactory()
    url = reverse("admin:statements_statement_retract", args=[statement.pk])
    response = chief_client.post(url, {"reason": ""})
    assert "A retraction needs a public reason." in response.content.decode()
    assert reload(statement).status == "published"


def test_retract_page_retracts(chief_client):
    statement = StatementFactory()
    url = reverse("admin:statements_statement_retract", args=[statement.pk])
    chief_client.post(url, {"reason": "Propos jamais tenus."})
    assert reload(statement).retraction_reason == "Propos jamais tenus."
