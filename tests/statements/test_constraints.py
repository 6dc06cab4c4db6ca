"""Rules the database itself enforces: each bad row is refused by PostgreSQL, not just by a form,
and the refusal names the constraint that holds the rule."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from statements.models import (
    Correction,
    Report,
    Role,
    Source,
    Speaker,
    Statement,
    StatementLink,
    StatementSpeaker,
    Translation,
)
from tests.factories import RoleFactory, SourceFactory, SpeakerFactory, StatementFactory, SummitFactory

pytestmark = pytest.mark.django_db


def refused(update, constraint: str) -> bool:
    """Run `update`; whether the database refused it through `constraint`."""
    try:
        with transaction.atomic():
            update()
    except IntegrityError as error:
        assert constraint in str(error), f"refused by something else than {constraint}: {error}"
        return True
    return False


def test_role_ending_before_it_starts_is_refused():
    role = RoleFactory(start_date=datetime.date(2024, 5, 1))
    update = Role.objects.filter(pk=role.pk).update
    assert refused(lambda: update(end_date=datetime.date(2024, 4, 30)), "role_end_after_start")


def test_role_without_country_or_organisation_is_refused():
    role = RoleFactory()
    update = Role.objects.filter(pk=role.pk).update
    assert refused(lambda: update(country=None, organisation=None), "role_has_country_or_organisation")


def test_role_without_any_title_is_refused():
    role = RoleFactory()
    assert refused(lambda: Role.objects.filter(pk=role.pk).update(title_fr="", title_en=""), "role_has_a_title")


def test_summit_ending_before_it_starts_is_refused():
    summit = SummitFactory()
    update = type(summit).objects.filter(pk=summit.pk).update
    assert refused(lambda: update(end_date=datetime.date(2024, 2, 1)), "summit_end_after_start")


def test_unknown_speech_mode_is_refused():
    statement = StatementFactory()
    update = Report.objects.filter(statement=statement).update
    assert refused(lambda: update(mode="rumour"), "report_mode_valid")


def test_unknown_status_is_refused():
    statement = StatementFactory()
    update = Statement.objects.filter(pk=statement.pk).update
    assert refused(lambda: update(status="approved"), "statement_status_valid")


def test_published_statement_needs_a_publication_time():
    statement = StatementFactory()
    update = Statement.objects.filter(pk=statement.pk).update
    assert refused(lambda: update(published_at=None), "statement_published_has_time")


def test_retraction_needs_a_reason_and_a_time():
    statement = StatementFactory()
    update = Statement.objects.filter(pk=statement.pk).update
    when = timezone.now()
    assert refused(
        lambda: update(status="retracted", retraction_reason="", retracted_at=when), "statement_retraction_recorded"
    )
    assert refused(
        lambda: update(status="retracted", retraction_reason="Wrong speaker."), "statement_retraction_recorded"
    )


def test_blank_report_text_is_refused():
    statement = StatementFactory()
    update = Report.objects.filter(statement=statement).update
    assert refused(lambda: update(text="  \n "), "report_text_not_blank")


def test_earliest_possible_day_after_the_latest_is_refused():
    statement = StatementFactory(date=datetime.date(2024, 3, 1))
    update = Statement.objects.filter(pk=statement.pk).update
    assert refused(lambda: update(date_earliest=datetime.date(2024, 3, 2)), "statement_date_earliest_not_after_latest")


def test_a_date_known_to_the_day_is_one_day():
    statement = StatementFactory(date=datetime.date(2024, 3, 5))
    update = Statement.objects.filter(pk=statement.pk).update
    assert refused(lambda: update(date_earliest=datetime.date(2024, 3, 1)), "statement_date_matches_precision")


def test_a_date_known_to_the_month_starts_on_its_first_day():
    statement = StatementFactory(
        date=datetime.date(2024, 3, 31), date_earliest=datetime.date(2024, 3, 1), date_precision="month"
    )
    assert statement.date_text == "March 2024"
    update = Statement.objects.filter(pk=statement.pk).update
    assert refused(lambda: update(date_earliest=datetime.date(2024, 3, 15)), "statement_date_matches_precision")


def test_on_or_before_leaves_the_earliest_day_empty():
    statement = StatementFactory(date=datetime.date(2024, 3, 5), date_earliest=None, date_basis="inferred")
    assert statement.date_text == "on or before 5 March 2024"


def test_unknown_date_basis_is_refused():
    statement = StatementFactory()
    update = Statement.objects.filter(pk=statement.pk).update
    assert refused(lambda: update(date_basis="guessed"), "statement_date_basis_valid")


def test_report_language_must_be_an_iso_639_1_code():
    statement = StatementFactory()
    update = Report.objects.filter(statement=statement).update
    assert refused(lambda: update(language="FR"), "report_language_format")


def test_one_display_report_per_statement():
    statement = StatementFactory(reports=[{"text": "Première version."}, {"text": "Seconde version."}])
    update = Report.objects.filter(statement=statement).update
    assert refused(lambda: update(is_display=True), "report_one_display_per_statement")


def test_translation_details_only_on_a_translation():
    statement = StatementFactory()
    update = Report.objects.filter(statement=statement).update
    assert refused(
        lambda: update(is_translation=False, translated_by="outlet"), "report_translation_details_only_for_translations"
    )
    assert not refused(lambda: update(is_translation=True, translated_by="outlet"), "report_translated_by_valid")


def test_unknown_capacity_is_refused():
    statement = StatementFactory()
    update = StatementSpeaker.objects.filter(statement=statement).update
    assert refused(lambda: update(capacity="ghostwriter"), "statement_speaker_capacity_valid")


def test_a_spokesperson_speaks_on_behalf_of_someone():
    statement = StatementFactory(country=None)
    update = StatementSpeaker.objects.filter(statement=statement).update
    assert refused(
        lambda: update(capacity="spokesperson", country=None, organisation=None),
        "statement_speaker_spokesperson_speaks_for",
    )


def test_a_speaker_appears_once_per_statement():
    statement = StatementFactory()
    speaker = statement.credit_list[0].speaker
    assert refused(
        lambda: StatementSpeaker.objects.create(statement=statement, speaker=speaker, order=2),
        "statement_speaker_unique",
    )


def test_a_statement_cannot_link_to_itself():
    statement = StatementFactory()
    assert refused(
        lambda: StatementLink.objects.create(from_statement=statement, to_statement=statement, kind="repeats"),
        "statement_link_not_to_itself",
    )


def test_unknown_link_kind_is_refused():
    first, second = StatementFactory(), StatementFactory()
    assert refused(
        lambda: StatementLink.objects.create(from_statement=first, to_statement=second, kind="likes"),
        "statement_link_kind_valid",
    )


def test_a_link_stated_by_a_source_names_it():
    first, second = StatementFactory(), StatementFactory()
    assert refused(
        lambda: StatementLink.objects.create(from_statement=first, to_statement=second, kind="denies", basis="source"),
        "statement_link_source_basis_has_source",
    )


def test_a_correction_has_a_public_note():
    statement = StatementFactory()
    assert refused(lambda: Correction.objects.create(statement=statement, note=" "), "correction_note_not_blank")


def test_an_unnamed_source_keeps_its_description_as_printed():
    assert refused(lambda: SpeakerFactory(kind="anonymous", described_as=""), "speaker_unnamed_has_description")


def test_a_source_address_names_one_source():
    SourceFactory(url="https://news.example/article")
    assert refused(lambda: Source.objects.create(url="https://news.example/article"), "source_url_unique")


def test_source_addresses_are_normalised_so_two_spellings_are_one_source():
    first = SourceFactory(url="HTTPS://News.Example:443/article?utm_source=feed#top")
    assert first.url == "https://news.example/article"
    duplicate = Source(url="https://news.example/article#comments")
    with pytest.raises(ValidationError, match="Another source already has this address"):
        duplicate.full_clean()


def test_speaker_slug_is_unique():
    SpeakerFactory(slug="aline-testeur")
    assert refused(lambda: SpeakerFactory(slug="aline-testeur"), "statements_speaker_slug_key")


def test_wikidata_id_is_unique_when_present():
    SpeakerFactory(wikidata_id="Q123456789")
    assert refused(lambda: SpeakerFactory(wikidata_id="Q123456789"), "speaker_wikidata_unique")


def test_several_speakers_without_wikidata_id_are_allowed():
    SpeakerFactory(wikidata_id="")
    SpeakerFactory(wikidata_id="")
    assert Speaker.objects.filter(wikidata_id="").count() == 2


def test_malformed_wikidata_id_is_refused():
    speaker = SpeakerFactory()
    update = Speaker.objects.filter(pk=speaker.pk).update
    assert refused(lambda: update(wikidata_id="42"), "speaker_wikidata_format")


def test_one_translation_per_language_and_translator():
    statement = StatementFactory()
    Translation.objects.create(
        statement=statement, language="en", text="We will yield nothing.", translator_kind="editor"
    )
    assert refused(
        lambda: Translation.objects.create(
            statement=statement, language="en", text="Nothing.", translator_kind="editor"
        ),
        "translation_unique_per_translator",
    )


def test_deleting_a_speaker_with_statements_is_refused():
    statement = StatementFactory()
    with pytest.raises(ProtectedError):
        statement.credit_list[0].speaker.delete()
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_deleting_a_source_with_reports_is_refused():
    statement = StatementFactory()
    with pytest.raises(ProtectedError):
        statement.display_report.source.delete()
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
    with pytest.raises(ValidationError, match="known through itself"):
        first.full_clean()
