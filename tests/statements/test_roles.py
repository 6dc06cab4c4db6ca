"""The role shown beside a quote is the one held on the quote's date."""

import datetime

import pytest

from statements.services import filing_for
from tests.factories import CountryFactory, OrganisationFactory, RoleFactory, SpeakerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def career():
    """An invented diplomat: minister until 2021, then secretary general of an organisation."""
    speaker = SpeakerFactory(name="Ilse Beispiel")
    minister = RoleFactory(
        speaker=speaker,
        title="Foreign minister",
        country=CountryFactory(iso_alpha2="XM", iso_alpha3="XMM"),
        start_date=datetime.date(2015, 1, 10),
        end_date=datetime.date(2021, 6, 30),
    )
    secretary_general = RoleFactory(
        speaker=speaker,
        title="Secretary General",
        country=None,
        organisation=OrganisationFactory(name="Invented Alliance"),
        start_date=datetime.date(2021, 7, 1),
    )
    return speaker, minister, secretary_general


def test_role_on_a_date_during_the_first_role(career):
    speaker, minister, _ = career
    assert speaker.role_on(datetime.date(2019, 3, 3)) == minister


def test_role_on_a_date_after_the_change(career):
    speaker, _, secretary_general = career
    assert speaker.role_on(datetime.date(2025, 1, 1)) == secretary_general


def test_role_on_the_last_day_of_a_role(career):
    speaker, minister, _ = career
    assert speaker.role_on(datetime.date(2021, 6, 30)) == minister


def test_no_role_before_the_first_one(career):
    speaker, _, _ = career
    assert speaker.role_on(datetime.date(2010, 1, 1)) is None


def test_role_with_unknown_dates_counts_as_held():
    role = RoleFactory(start_date=None, end_date=None)
    assert role.speaker.role_on(datetime.date(2024, 3, 1)) == role


def test_dated_role_preferred_over_one_with_unknown_start():
    speaker = SpeakerFactory()
    RoleFactory(speaker=speaker, title="Envoy", start_date=None)
    current = RoleFactory(speaker=speaker, title="Minister", start_date=datetime.date(2023, 1, 1))
    assert speaker.role_on(datetime.date(2024, 3, 1)) == current


def test_statement_filed_under_the_country_of_the_role(career):
    speaker, minister, _ = career
    role, country = filing_for(speaker=speaker, date=datetime.date(2019, 3, 3))
    assert (role, country) == (minister, minister.country)


def test_statement_of_an_organisation_without_country_is_filed_under_none(career):
    speaker, _, secretary_general = career
    assert filing_for(speaker=speaker, date=datetime.date(2024, 3, 3)) == (secretary_general, None)


def test_unnamed_source_filed_under_its_own_country():
    country = CountryFactory(iso_alpha2="XS", iso_alpha3="XSS")
    source = SpeakerFactory(kind="anonymous", name="Une source diplomatique", country=country)
    assert filing_for(speaker=source, date=datetime.date(2024, 3, 3)) == (None, country)
