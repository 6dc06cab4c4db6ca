"""The role shown beside a quote is one the archive knows was held on the quote's date."""

import datetime

import pytest

from statements.models import StatementSpeaker
from statements.workflow import file_statement, fill_credit
from tests.factories import CountryFactory, OrganisationFactory, RoleFactory, SpeakerFactory, StatementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def career():
    """An invented diplomat: minister until 2021, then secretary general of an organisation."""
    speaker = SpeakerFactory(name="Ilse Beispiel")
    minister = RoleFactory(
        speaker=speaker,
        title_fr="",
        title_en="Foreign minister",
        country=CountryFactory(iso_alpha2="XM", iso_alpha3="XMM"),
        start_date=datetime.date(2015, 1, 10),
        end_date=datetime.date(2021, 6, 30),
    )
    secretary_general = RoleFactory(
        speaker=speaker,
        title_fr="",
        title_en="Secretary General",
        country=None,
        organisation=OrganisationFactory(name="Invented Alliance"),
        start_date=datetime.date(2021, 7, 1),
    )
    return speaker, minister, secretary_general


def test_role_on_a_date_during_the_first_role(career):
    speaker, minister, _ = career
    assert speaker.role_on(datetime.date(2019, 3, 3)) == minister


def test_a_role_with_a_start_and_no_end_is_current(career):
    speaker, _, secretary_general = career
    assert speaker.role_on(datetime.date(2025, 1, 1)) == secretary_general


def test_role_on_the_last_day_of_a_role(career):
    speaker, minister, _ = career
    assert speaker.role_on(datetime.date(2021, 6, 30)) == minister


def test_no_role_before_the_first_one(career):
    speaker, _, _ = career
    assert speaker.role_on(datetime.date(2010, 1, 1)) is None


def test_a_role_with_unknown_dates_is_not_held_forever():
    role = RoleFactory(start_date=None, end_date=None)
    assert role.speaker.role_on(datetime.date(2024, 3, 1)) is None


def test_a_role_is_held_on_the_days_it_is_attested_and_between_them():
    role = RoleFactory(start_date=None, attested_on=[datetime.date(2024, 3, 3), datetime.date(2024, 3, 20)])
    assert role.covers(datetime.date(2024, 3, 3))
    assert role.covers(datetime.date(2024, 3, 10))
    assert not role.covers(datetime.date(2024, 3, 21))
    assert not role.covers(datetime.date(2024, 3, 2))


def test_preselection_refuses_an_unattested_role():
    """The role is left for the editor to choose rather than guessed."""
    role = RoleFactory(start_date=None, end_date=None, attested_on=[datetime.date(2020, 5, 5)])
    credit = StatementSpeaker(speaker=role.speaker)
    fill_credit(credit=credit, date=datetime.date(2024, 3, 1))
    assert credit.role is None


def test_a_statement_filed_with_a_role_attests_it():
    role = RoleFactory(start_date=None, end_date=None)
    statement = StatementFactory(role=role, date=datetime.date(2024, 3, 1))
    file_statement(statement)
    role.refresh_from_db()
    assert role.attested_on == [datetime.date(2024, 3, 1)]
    assert role.speaker.role_on(datetime.date(2024, 3, 1)) == role


def test_an_on_or_before_date_attests_nothing():
    role = RoleFactory(start_date=None, end_date=None)
    statement = StatementFactory(role=role, date=datetime.date(2024, 3, 1), date_earliest=None)
    file_statement(statement)
    role.refresh_from_db()
    assert role.attested_on == []


def test_dated_role_preferred_over_one_with_unknown_start():
    speaker = SpeakerFactory()
    RoleFactory(speaker=speaker, title_fr="Envoyé", start_date=None, attested_on=[datetime.date(2024, 3, 1)])
    current = RoleFactory(speaker=speaker, title_fr="Ministre", start_date=datetime.date(2023, 1, 1))
    assert speaker.role_on(datetime.date(2024, 3, 1)) == current


def test_a_speaker_is_filed_under_the_country_of_the_role(career):
    speaker, minister, _ = career
    credit = StatementSpeaker(speaker=speaker)
    fill_credit(credit=credit, date=datetime.date(2019, 3, 3))
    assert (credit.role, credit.country) == (minister, minister.country)


def test_a_speaker_of_an_organisation_without_country_is_filed_under_the_organisation(career):
    speaker, _, secretary_general = career
    credit = StatementSpeaker(speaker=speaker)
    fill_credit(credit=credit, date=datetime.date(2024, 3, 3))
    assert (credit.role, credit.country, credit.organisation) == (
        secretary_general,
        None,
        secretary_general.organisation,
    )


def test_unnamed_source_filed_under_its_own_country():
    country = CountryFactory(iso_alpha2="XS", iso_alpha3="XSS")
    source = SpeakerFactory(
        kind="anonymous", name="Une source diplomatique", described_as="une source", country=country
    )
    credit = StatementSpeaker(speaker=source)
    fill_credit(credit=credit, date=datetime.date(2024, 3, 3))
    assert (credit.role, credit.country) == (None, country)


def test_role_titles_follow_the_interface_language():
    from django.utils import translation

    role = RoleFactory(title_fr="ministre des Affaires étrangères", title_en="Foreign minister")
    with translation.override("fr"):
        assert role.title == "ministre des Affaires étrangères"
    with translation.override("en"):
        assert role.title == "Foreign minister"
    only_french = RoleFactory(title_fr="porte-parole", title_en="")
    with translation.override("en"):
        assert (only_french.title, only_french.title_language) == ("porte-parole", "fr")
