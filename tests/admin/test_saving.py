"""workflow.StatementSave: the one path of an editor's save, whichever screen calls it."""

import pytest
from django.contrib.auth.models import User

from statements import workflow
from statements.models import Correction, Statement
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db


def test_a_user_without_the_permission_adds_nothing():
    reader = User.objects.create_user("reader")
    with pytest.raises(workflow.WorkflowError, match="may not add"):
        workflow.StatementSave(user=reader)


def test_an_editor_may_not_save_a_statement_on_record(editor):
    published = StatementFactory()
    with pytest.raises(workflow.WorkflowError, match="chief editors"):
        workflow.StatementSave(user=editor, statement_pk=published.pk, seen=published.version)


def test_a_save_over_a_newer_version_is_refused(chief):
    statement = StatementFactory()
    workflow.StatementSave(user=chief, statement_pk=statement.pk, seen=statement.version).apply(statement)
    statement.save()
    with pytest.raises(workflow.StaleVersion):
        workflow.StatementSave(user=chief, statement_pk=statement.pk, seen=statement.version - 1)


def test_a_save_keeps_the_workflow_fields_bumps_the_version_and_writes_the_correction(chief):
    statement = StatementFactory(text="Nous tiendrons.")
    saving = workflow.StatementSave(user=chief, statement_pk=statement.pk, seen=statement.version)
    edited = Statement.objects.get(pk=statement.pk)
    edited.status = Statement.Status.DRAFT  # as a restored old version would carry
    edited.published_at = None
    saving.apply(edited)
    edited.save()
    report = edited.reports.get()
    report.text = "Nous tiendrons bon."
    report.save()
    saving.finish(edited, correction_note="")
    edited.refresh_from_db()
    assert edited.status == Statement.Status.PUBLISHED
    assert edited.published_at == statement.published_at
    assert (edited.version, edited.updated_by) == (statement.version + 1, chief)
    assert Correction.objects.get(statement=edited).changed == "words"


def test_a_save_names_the_statements_it_may_duplicate(chief):
    earlier = StatementFactory(text="Nous ne reculerons pas devant la menace.")
    statement = StatementFactory(
        text="Nous ne reculerons pas devant la menace !", speaker=earlier.statement_speakers.get().speaker
    )
    saving = workflow.StatementSave(user=chief, statement_pk=statement.pk, seen=statement.version)
    saving.apply(statement)
    statement.save()
    assert [report.statement_id for report in saving.finish(statement)] == [earlier.pk]
