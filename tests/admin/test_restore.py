"""Restoring a statement from its history: outside a test transaction, as in production
(the form locks the row it checks), and never around the editorial workflow."""

import datetime

import pytest
from django.urls import reverse

from statements import workflow
from statements.models import Correction, Statement
from tests.admin.conftest import statement_form

pytestmark = pytest.mark.django_db(transaction=True)


def restore(client, statement, version, **fields):
    url = reverse("admin:statements_statement_simple_history", args=[statement.pk, version.history_id])
    form = client.get(url).context["adminform"].form
    data = statement_form(statement, version_seen=form.fields["version_seen"].initial, **fields)
    return client.post(url, data)


def test_restoring_a_draft_version_of_a_published_statement_keeps_it_published(chief_client, chief, draft):
    chief_client.post(
        reverse("admin:statements_statement_change", args=[draft.pk]), statement_form(draft, date="2024-02-20")
    )
    workflow.publish(statement=Statement.objects.get(pk=draft.pk), user=chief)
    first = draft.history.earliest()
    assert first.status == "draft"
    response = restore(chief_client, draft, first, date="2024-03-01")
    assert response.status_code == 302
    statement = Statement.objects.get(pk=draft.pk)
    assert (statement.status, statement.date) == ("published", datetime.date(2024, 3, 1))
    assert statement.published_at is not None
    # The date of a published statement changed: the restore says so publicly.
    assert Correction.objects.get(statement=statement).changed == "date"


def test_restoring_an_old_version_never_brings_back_a_retracted_statement(chief_client, chief, draft):
    workflow.publish(statement=draft, user=chief)
    workflow.retract(statement=Statement.objects.get(pk=draft.pk), user=chief, reason="Mal attribuée.")
    published_version = draft.history.filter(status="published").earliest()
    response = restore(chief_client, draft, published_version)
    assert response.status_code == 302
    statement = Statement.objects.get(pk=draft.pk)
    assert (statement.status, statement.retraction_reason) == ("retracted", "Mal attribuée.")


def test_an_editor_restores_an_older_version_of_a_draft(editor_client, draft):
    editor_client.post(
        reverse("admin:statements_statement_change", args=[draft.pk]), statement_form(draft, date="2024-02-20")
    )
    response = restore(editor_client, draft, draft.history.earliest(), date="2024-03-01")
    assert response.status_code == 302
    statement = Statement.objects.get(pk=draft.pk)
    assert (statement.status, statement.date) == ("draft", datetime.date(2024, 3, 1))


def test_the_restore_page_carries_the_version_it_was_built_from(editor_client, draft):
    version = draft.history.earliest()
    url = reverse("admin:statements_statement_simple_history", args=[draft.pk, version.history_id])
    body = editor_client.get(url).content.decode()
    assert f'name="version_seen" value="{Statement.objects.get(pk=draft.pk).version}"' in body
