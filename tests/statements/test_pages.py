"""The home page and statement permalinks: seed quotes shown, hidden statuses hidden, text escaped."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from statements import caching
from statements.models import Statement, StatementLink
from tests.factories import RoleFactory, SourceFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(shared_seed):
    """Loaded once for this module's tests (each runs in its own savepoint); the tests that
    do not ask for it may run with it too, and hold either way."""
    return shared_seed


HOSTILE = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


def test_home_lists_seed_quotes(client, seed):
    response = client.get(reverse("statements:home"))
    assert response.status_code == 200
    body = response.content.decode()
    # Quotes are escaped like any text: the apostrophe comes out as &#x27;.
    assert "Cette force n&#x27;a pas pour volonté ou pour objectif de mener quelque guerre contre la Russie" in body
    assert "Maria Zakharova" in body
    assert "Unnamed German government source" in body


def test_home_shows_the_role_held_on_the_date(client, seed):
    body = client.get(reverse("statements:home")).content.decode()
    assert "secrétaire général de l&#x27;Otan" in body


def test_home_hides_drafts_reviews_and_retractions(client):
    StatementFactory(text="Texte publié visible")
    StatementFactory(text="Brouillon caché", draft=True)
    StatementFactory(text="Relecture cachée", in_review=True)
    StatementFactory(text="Citation retirée", retracted=True)
    body = client.get(reverse("statements:home")).content.decode()
    assert "Texte publié visible" in body
    assert "Brouillon caché" not in body
    assert "Relecture cachée" not in body
    assert "Citation retirée" not in body


def test_home_runs_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    StatementFactory.create_batch(30, role=None)
    caching.generation()  # stored, as by any first request in production
    # The cards (statements, display reports, speakers), three totals, the summits,
    # countries and topics offered as ways in, and the data's generation (the page's
    # ETag): none depends on how many there are. The first request after a change also
    # counts the published statements of every facet value (facets.published_counts),
    # once, with the cache's writes and its single-flight marker.
    with django_assert_max_num_queries(23):
        client.get(reverse("statements:home"))
    with django_assert_max_num_queries(11):
        client.get(reverse("statements:home"))


def test_statement_page_shows_quote_speaker_role_and_source(client, seed):
    statement = Statement.objects.get(import_ref="paris-2025-09-04/14")
    response = client.get(statement.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert '<blockquote lang="fr"' in body
    assert "ce sont des garanties de danger pour le continent européen" in body
    assert "porte-parole de la diplomatie russe" in body
    assert "Economic conference in Vladivostok" in body
    assert "Direct quote" in body
    assert "a-t-elle martelé devant des journalistes" in body


def test_statement_page_shows_links_and_says_whether_a_source_states_them(client):
    question = StatementFactory(text="Quand viendront les garanties ?")
    answer = StatementFactory(text="Les garanties viendront en mai.")
    editorial = StatementLink.objects.create(from_statement=answer, to_statement=question, kind="answers")
    body = client.get(answer.get_absolute_url()).content.decode()
    assert "This statement answers:" in body
    assert "an editorial link made by the archive, not stated by a source" in body
    assert reverse("statements:detail", kwargs={"pk": question.pk}) in body
    editorial.basis, editorial.source = "source", SourceFactory(title="Le Journal inventé")
    editorial.save()
    body = client.get(question.get_absolute_url()).content.decode()
    assert "as stated by" in body and "Le Journal inventé" in body


def test_a_link_to_an_unpublished_statement_is_not_shown(client):
    draft = StatementFactory(text="Brouillon lié", draft=True)
    statement = StatementFactory()
    StatementLink.objects.create(from_statement=statement, to_statement=draft, kind="repeats")
    body = client.get(statement.get_absolute_url()).content.decode()
    assert "Brouillon lié" not in body
    assert "Related statements" not in body


def test_statement_page_shows_the_provenance_chain(client, seed):
    statement = Statement.objects.get(import_ref="paris-2025-09-04/11")
    body = client.get(statement.get_absolute_url()).content.decode()
    assert "Der Spiegel" in body
    assert "known through:" in body


def test_reported_speech_is_labelled_as_such(client, seed):
    statement = Statement.objects.get(import_ref="paris-2025-09-04/09")
    body = client.get(statement.get_absolute_url()).content.decode()
    assert "Indirect speech with quoted words" in body
    assert "indirect speech with some of the speaker's words quoted" in body


def test_statement_page_shows_month_precision(client):
    statement = StatementFactory(
        date=datetime.date(2024, 3, 31), date_earliest=datetime.date(2024, 3, 1), date_precision="month"
    )
    body = client.get(statement.get_absolute_url()).content.decode()
    assert "March 2024" in body
    assert "1 March 2024" not in body


def test_draft_permalink_is_not_found_for_the_public(client):
    statement = StatementFactory(draft=True)
    assert client.get(statement.get_absolute_url()).status_code == 404


def test_draft_permalink_is_a_preview_for_staff(client):
    statement = StatementFactory(draft=True, text="Projet de déclaration")
    staff = get_user_model().objects.create_user("relectrice", password="x-long-password-1", is_staff=True)
    client.force_login(staff)
    body = client.get(statement.get_absolute_url()).content.decode()
    assert "Projet de déclaration" in body
    assert "Preview for editors" in body


def test_retracted_permalink_says_so_with_the_reason(client):
    statement = StatementFactory(retracted=True, retraction_reason="La citation était attribuée à tort.")
    response = client.get(statement.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "This statement was retracted" in body
    assert "La citation était attribuée à tort." in body


def test_unknown_and_out_of_range_ids_are_not_found(client):
    assert client.get("/en/statements/424242/").status_code == 404
    assert client.get("/en/statements/99999999999999999999/").status_code == 404


def test_hostile_text_is_escaped_on_every_page(client):
    role = RoleFactory(title_fr=HOSTILE)
    statement = StatementFactory(
        text=HOSTILE,
        attribution=HOSTILE,
        context=HOSTILE,
        place=HOSTILE,
        speaker=role.speaker,
        role=role,
        source=SourceFactory(title=HOSTILE, notes=HOSTILE),
    )
    role.speaker.name = HOSTILE
    role.speaker.save()
    statement.topics.add(TopicFactory(name_en=HOSTILE))
    for url in [reverse("statements:home"), statement.get_absolute_url()]:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body
        assert "<img src=x" not in body
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_each_cards_link_says_which_statement_it_opens(client):
    for number in range(3):
        StatementFactory(date=datetime.date(2024, 3, number + 1))
    body = client.get("/en/statements/").content.decode()
    names = re.findall(r">Permalink and sources<span class=\"visually-hidden\">([^<]+)</span>", body)
    assert len(names) >= 3  # with or without the module's seed
    assert len(set(names)) == len(names)


def test_the_home_page_says_what_the_archive_holds_and_offers_ways_in(client, seed):
    response = client.get("/en/")
    body = response.content.decode()
    assert "16 statements · 5 speakers · 5 countries" in body
    assert [country.iso_alpha2 for country in response.context["countries"]] == ["FR", "DE", "RU"]
    assert response.context["topics"][0].name_en == "Security guarantees"
    assert "Coalition of the willing summit, Paris" in body
    StatementFactory(draft=True, text="Brouillon d'accueil")
    assert "Brouillon d'accueil" not in client.get("/en/").content.decode()
