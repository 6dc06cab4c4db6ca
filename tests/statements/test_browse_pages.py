"""Speakers, countries, summits, topics and organisations pages, on the seed and on invented data."""

import pytest
from django.urls import reverse

from statements import views
from statements.models import Country, Speaker, Statement
from tests.factories import OrganisationFactory, SpeakerFactory, StatementFactory, SummitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(shared_seed):
    """Loaded once for this module's tests."""
    return shared_seed


def speaker_names(client, query: str) -> list[str]:
    response = client.get(reverse("statements:speakers"), {"q": query})
    assert response.status_code == 200
    return [speaker.name for speaker in response.context["speakers"]]


@pytest.fixture
def zelensky_quoted(seed):
    """The seed does not quote Zelensky; a published (invented) statement makes him public."""
    StatementFactory(speaker=Speaker.objects.get(slug="volodymyr-zelensky"))


@pytest.mark.parametrize("query", ["Zelensky", "Zelenskyy", "Zelenski", "Зеленський", "zelensky"])
def test_speaker_search_finds_zelensky_by_any_spelling(client, zelensky_quoted, query):
    assert speaker_names(client, query)[0] == "Volodymyr Zelensky"


def test_speakers_without_a_published_statement_are_not_listed(client, seed):
    assert speaker_names(client, "Zelensky") == []


def test_speaker_search_tolerates_a_typo(client, seed):
    assert speaker_names(client, "Zaharova") == ["Maria Zakharova"]


def test_speaker_search_ignores_accents(client, seed):
    assert speaker_names(client, "elysee") == ["Élysée (French presidency)"]


def test_speaker_search_finds_nothing_for_an_unrelated_name(client, seed):
    assert speaker_names(client, "Qwxyz") == []


def test_speakers_filtered_by_country_through_roles(client, seed):
    response = client.get(reverse("statements:speakers"), {"country": "RU"})
    assert [speaker.name for speaker in response.context["speakers"]] == ["Maria Zakharova"]


def test_speakers_filtered_by_organisation(client, seed):
    response = client.get(reverse("statements:speakers"), {"organisation": "nato"})
    assert [speaker.name for speaker in response.context["speakers"]] == ["Mark Rutte"]


def test_speaker_page_shows_roles_and_only_their_statements(client, seed):
    response = client.get(reverse("statements:speaker", kwargs={"slug": "mark-rutte"}))
    body = response.content.decode()
    assert "secrétaire général de l&#x27;Otan" in body
    assert [
        [credit.speaker.slug for credit in statement.credit_list] for statement in response.context["statements"]
    ] == [["mark-rutte"]]
    assert response.context["paginator"].count == 1  # the lead and the quotation are one remark


def test_search_inside_one_speakers_statements(client, seed):
    response = client.get(reverse("statements:speaker", kwargs={"slug": "emmanuel-macron"}), {"q": "guerre"})
    texts = [statement.display_report.text for statement in response.context["statements"]]
    assert len(texts) == 2
    assert all("guerre" in text for text in texts)


def test_countries_list_only_has_countries_spoken_for_or_mentioned_in_published_statements(client, seed):
    response = client.get(reverse("statements:countries"))
    listed = {country.iso_alpha2: country for country in response.context["countries"]}
    assert set(listed) == {"FR", "DE", "RU", "UA", "US"}
    assert listed["DE"].statement_count == 3
    # Mentioned only; its two speakers in the seed (Trump, Witkoff) are not quoted.
    assert (listed["US"].statement_count, listed["US"].speaker_count) == (0, 0)


def test_country_page_lists_statements_filed_under_it_and_mentioning_it(client, seed):
    germany = Country.objects.get(iso_alpha2="DE")
    response = client.get(germany.get_absolute_url())
    assert response.context["paginator"].count == 3
    assert {credit.country_id for statement in response.context["statements"] for credit in statement.credit_list} == {
        germany.pk
    }
    assert len(response.context["mentioned_in"]) == 3


def test_country_page_lists_summits_hosted_or_attended(client, seed):
    response = client.get(Country.objects.get(iso_alpha2="UA").get_absolute_url())
    assert [summit.slug for summit in response.context["summits"]] == ["coalition-des-volontaires-paris-2025-09-04"]


def test_summit_page_shows_participants_and_statements_in_order(client, seed):
    response = client.get(reverse("statements:summit", kwargs={"slug": "coalition-des-volontaires-paris-2025-09-04"}))
    body = response.content.decode()
    assert "Ukraine" in body
    assert "Coalition of the willing" in body
    refs = [statement.import_ref for statement in response.context["statements"]]
    assert refs == sorted(refs)
    assert len(refs) == 6


def test_topic_page_lists_its_statements(client, seed):
    response = client.get(reverse("statements:topic", kwargs={"slug": "sanctions"}))
    assert [statement.import_ref for statement in response.context["statements"]] == ["paris-2025-09-04/04"]


def test_organisation_page_lists_speakers_and_statements(client, seed):
    response = client.get(reverse("statements:organisation", kwargs={"slug": "nato"}))
    assert [speaker.name for speaker in response.context["speakers"]] == ["Mark Rutte"]
    assert response.context["paginator"].count == 1


def test_organisation_page_includes_unnamed_sources_speaking_for_it(client, seed):
    response = client.get(reverse("statements:organisation", kwargs={"slug": "german-federal-government"}))
    assert response.context["paginator"].count == 3


@pytest.mark.parametrize(
    "name",
    [
        "statements:speakers",
        "statements:countries",
        "statements:summits",
        "statements:topics",
        "statements:organisations",
    ],
)
def test_index_pages_render(client, seed, name):
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize(
    ("name", "rows"),
    [
        ("statements:speakers", "speakers"),
        ("statements:countries", "countries"),
        ("statements:topics", "topics"),
        ("statements:summits", "summits"),
        ("statements:organisations", "organisations"),
    ],
)
def test_entity_lists_page_through_every_row(client, seed, monkeypatch, name, rows):
    monkeypatch.setattr(views, "ENTITY_PAGE_SIZE", 2)
    first, second = (client.get(reverse(name), {"page": number}) for number in (1, 2))
    assert first.context["paginator"].count > 2
    assert len(first.context[rows]) == 2
    assert not set(first.context[rows]) & set(second.context[rows])
    assert 'rel="next"' in first.content.decode()


def test_every_page_has_the_search_box(client, seed):
    statement = Statement.objects.first()
    for url in [reverse("statements:home"), reverse("statements:topics"), statement.get_absolute_url()]:
        assert 'role="search"' in client.get(url).content.decode()


def test_hostile_names_are_escaped_on_browse_pages(client, index):
    hostile = "<script>alert(1)</script>"
    speaker = SpeakerFactory(name=hostile)
    statement = StatementFactory(speaker=speaker, summit=SummitFactory(name=hostile), country=None)
    index()
    for url in [
        reverse("statements:speakers"),
        speaker.get_absolute_url(),
        reverse("statements:summits"),
        statement.summit.get_absolute_url(),
        reverse("statements:list"),
    ]:
        body = client.get(url).content.decode()
        assert "<script>alert(1)" not in body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_lists_sort_accented_names_as_readers_expect(client, db):
    names = ["Zoé Marchand", "Éloi Vasseur", "Fabre Aubin", "eva Durand"]
    for name in names:
        StatementFactory(speaker=SpeakerFactory(name=name, sort_name=name))
    listed = [speaker.name for speaker in client.get(reverse("statements:speakers")).context["speakers"]]
    assert [name for name in listed if name in names] == ["Éloi Vasseur", "eva Durand", "Fabre Aubin", "Zoé Marchand"]


def test_an_organisation_named_by_its_short_name_is_not_named_twice(client, db):
    outlet = OrganisationFactory(name="CNEWZ", short_name="CNEWZ", slug="cnewz")
    StatementFactory(organisation=outlet)
    for url in ("/en/organisations/", outlet.get_absolute_url()):
        assert "CNEWZ (CNEWZ)" not in client.get(url).content.decode(), url


def test_the_speakers_list_gives_each_speakers_last_known_role_and_its_date(client, seed):
    body = client.get(reverse("statements:speakers")).content.decode()
    assert "porte-parole de la diplomatie russe</span> (as of 4 September 2025)" in body
