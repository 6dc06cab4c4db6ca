"""Rules the database itself enforces: each bad row is refused by PostgreSQL, not just by a form."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from statements.models import Role, Speaker, Statement, Translation
from tests.factories import RoleFactory, SourceFactory, SpeakerFactory, StatementFactory, SummitFactory

pytestmark = pytest.mark.django_db


def refused(update):
    """Run `update` and report whether the database refused it."""
    try:
        with transaction.atomic():
            update()
    except IntegrityError:
        return True
    return False


def test_role_ending_before_it_starts_is_refused():
    role = RoleFactory(start_date=datetime.date(2024, 5, 1))
    assert refused(lambda: Role.objects.filter(pk=role.pk).update(end_date=datetime.date(2024, 4, 30)))


def test_role_without_country_or_organisation_is_refused():
    role = RoleFactory()
    assert refused(lambda: Role.objects.filter(pk=role.pk).update(country=None, organisation=None))


def test_summit_ending_before_it_starts_is_refused():
    summit = SummitFactory()
    assert refused(lambda: type(summit).objects.filter(pk=summit.pk).update(end_date=datetime.date(2024, 2, 1)))


def test_unknown_wording_is_refused():
    statement = StatementFactory()
    assert refused(lambda: Statement.objects.filter(pk=statement.pk).update(wording="rumour"))


def test_unknown_status_is_refused():
    statement = StatementFactory()
    assert refused(lambda: Statement.objects.filter(pk=statement.pk).update(status="approved"))


def test_published_statement_needs_a_publication_time():
    statement = StatementFactory()
    assert refused(lambda: Statement.objects.filter(pk=statement.pk).update(published_at=None))


def test_retraction_needs_a_reason():
    statement = StatementFactory()
    assert refused(lambda: Statement.objects.filter(pk=statement.pk).update(status="retracted", retraction_reason=""))


def test_blank_quote_is_refused():
    statement = StatementFactory()
    assert refused(lambda: Statement.objects.filter(pk=statement.pk).update(text="  \n "))


def test_month_precision_date_must_be_the_first_of_the_month():
    statement = StatementFactory(date=datetime.date(2024, 3, 1), date_precision="month")
    assert refused(lambda: Statement.objects.filter(pk=statement.pk).update(date=datetime.date(2024, 3, 15)))


def test_month_precision_on_the_first_of_the_month_is_accepted():
    statement = StatementFactory(date=datetime.date(2024, 3, 1))
    assert not refused(lambda: Statement.objects.filter(pk=statement.pk).update(date_precision="month"))


def test_language_must_be_an_iso_639_1_code():
    statement = StatementFactory()
    assert refused(lambda: Statement.objects.filter(pk=statement.pk).update(language="FR"))


def test_statement_cannot_answer_itself():
    statement = StatementFactory()
    assert refused(lambda: Statement.objects.filter(pk=statement.pk).update(answers=statement.pk))


def test_speaker_slug_is_unique():
    SpeakerFactory(slug="aline-testeur")
    assert refused(lambda: SpeakerFactory(slug="aline-testeur"))


def test_wikidata_id_is_unique_when_present():
    SpeakerFactory(wikidata_id="Q123456789")
    assert refused(lambda: SpeakerFactory(wikidata_id="Q123456789"))


def test_several_speakers_without_wikidata_id_are_allowed():
    SpeakerFactory(wikidata_id="")
    SpeakerFactory(wikidata_id="")
    assert Speaker.objects.filter(wikidata_id="").count() == 2


def test_malformed_wikidata_id_is_refused():
    speaker = SpeakerFactory()
    assert refused(lambda: Speaker.objects.filter(pk=speaker.pk).update(wikidata_id="42"))


def test_one_translation_per_language_and_translator():
    statement = StatementFactory()
    Translation.objects.create(
        statement=statement, language="en", text="We will yield nothing.", translator_kind="editor"
    )
    assert refused(
        lambda: Translation.objects.create(
            statement=statement, language="en", text="Nothing.", translator_kind="editor"
        )
    )


def test_deleting_a_speaker_with_statements_is_refused():
    statement = StatementFactory()
    with pytest.raises(ProtectedError):
        statement.speaker.delete()
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_deleting_a_source_with_statements_is_refused():
    statement = StatementFactory()
    with pytest.raises(ProtectedError):
        statement.source.delete()
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_deleting_a_summit_with_statements_is_refused():
    statement = StatementFactory(summit=SummitFactory())
    with pytest.raises(ProtectedError):
        statement.summit.delete()


def test_deleting_a_speaker_without_statements_removes_its_roles():
    role = RoleFactory()
    role.speaker.delete()
    assert not Role.objects.filter(pk=role.pk).exists()


def test_source_known_through_itself_via_another_is_invalid():
    first = SourceFactory()
    second = SourceFactory(reported_in=first)
    first.reported_in = second
    with pytest.raises(Exception, match="known through itself"):
        first.full_clean()
