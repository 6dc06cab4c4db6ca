"""Full-text search: stemming in French and English, accents, web-search syntax, ranking,
names and aliases, translations, and vectors kept current. All people here are invented."""

import pytest
from django.urls import reverse

from statements.models import SpeakerAlias, Statement, Translation
from statements.search import highlighted_html, matched_outside_the_quote
from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    RoleFactory,
    SourceFactory,
    SpeakerFactory,
    StatementFactory,
    SummitFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def found(terms: str) -> list[str]:
    return list(Statement.objects.published().search(terms).by_relevance().values_list("reports__text", flat=True))


@pytest.fixture
def corpus(index):
    StatementFactory(text="Les garanties de sécurité seront discutées à l'Élysée demain.", language="fr")
    StatementFactory(text="Nous imposerons de nouvelles sanctions économiques.", language="fr")
    StatementFactory(text="We offer a security guarantee to our partners.", language="en")
    StatementFactory(text="The ceasefire must hold, and sanctions will follow any breach.", language="en")
    index()


def test_french_stemming_finds_plural_from_singular(corpus):
    assert found("garantie") == ["Les garanties de sécurité seront discutées à l'Élysée demain."]


def test_english_stemming_finds_singular_from_plural(corpus):
    assert "We offer a security guarantee to our partners." in found("guarantees")


def test_accents_are_ignored_in_the_query(corpus):
    assert found("Elysee") == ["Les garanties de sécurité seront discutées à l'Élysée demain."]


def test_accents_are_ignored_in_the_text(corpus):
    assert found("sécurite discutees") == ["Les garanties de sécurité seront discutées à l'Élysée demain."]


def test_quoted_phrase_requires_the_words_together(corpus):
    assert found('"sanctions économiques"') == ["Nous imposerons de nouvelles sanctions économiques."]
    assert found('"économiques sanctions"') == []


def test_or_finds_either(corpus):
    assert len(found("ceasefire OR Elysee")) == 2


def test_minus_excludes(corpus):
    assert found("sanctions -ceasefire") == ["Nous imposerons de nouvelles sanctions économiques."]


def test_more_matching_words_rank_higher(index):
    StatementFactory(text="Les sanctions sont une option.")
    StatementFactory(text="Sanctions, encore des sanctions, toujours des sanctions contre les sanctions.")
    index()
    assert found("sanctions")[0].startswith("Sanctions, encore")


def test_speaker_name_finds_their_statements(index):
    speaker = SpeakerFactory(name="Orsolya Quimperlé")
    StatementFactory(speaker=speaker, text="Rien de nouveau sous le soleil.")
    StatementFactory(text="Une autre déclaration.")
    index()
    assert found("Quimperle") == ["Rien de nouveau sous le soleil."]


def test_speaker_alias_finds_their_statements(index):
    speaker = SpeakerFactory(name="Tamar Okonkwo-Lindqvist")
    SpeakerAlias.objects.create(speaker=speaker, name="Окonkvo")
    StatementFactory(speaker=speaker, text="Nous verrons bien.")
    index()
    assert found("Окonkvo") == ["Nous verrons bien."]


def test_translation_text_is_searched(index):
    statement = StatementFactory(text="Wir werden nicht nachgeben.", language="de")
    Translation.objects.create(
        statement=statement, language="en", text="We will not give in.", translator_kind="editor"
    )
    index()
    assert found("give in") == ["Wir werden nicht nachgeben."]


def test_vector_refreshed_on_commit_when_a_translation_is_added(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statement = StatementFactory(text="Wir werden nicht nachgeben.", language="de")
    with django_capture_on_commit_callbacks(execute=True):
        Translation.objects.create(
            statement=statement, language="fr", text="Nous ne céderons pas.", translator_kind="agency"
        )
    assert found("céderons") == ["Wir werden nicht nachgeben."]


def test_vector_refreshed_on_commit_when_an_alias_is_added(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statement = StatementFactory(text="Pas de commentaire.")
    with django_capture_on_commit_callbacks(execute=True):
        SpeakerAlias.objects.create(speaker=statement.credit_list[0].speaker, name="Zanzibarovna")
    assert found("Zanzibarovna") == ["Pas de commentaire."]


def test_query_made_only_of_operators_finds_nothing_without_error(corpus):
    assert found('&|!():*<->"') == []


def test_highlight_marks_matching_words_in_the_list(client, corpus):
    body = client.get(reverse("statements:list"), {"q": "garantie"}).content.decode()
    assert "<mark>garanties</mark>" in body


def test_highlight_escapes_hostile_text(client, index):
    StatementFactory(text='<script>alert("garantie")</script> garantie <b>bold</b>')
    index()
    body = client.get(reverse("statements:list"), {"q": "garantie"}).content.decode()
    assert "<script>alert" not in body
    assert "<b>bold</b>" not in body
    assert "&lt;script&gt;" in body
    assert "<mark>garantie</mark>" in body


def test_highlighted_html_turns_only_its_markers_into_tags():
    assert highlighted_html("<i>a</i> \x02b\x03") == "&lt;i&gt;a&lt;/i&gt; <mark>b</mark>"


def test_searching_sorts_by_relevance_by_default(client, index):
    StatementFactory(text="Les sanctions sont une option.", date="2024-05-01")
    StatementFactory(text="Sanctions, sanctions, toujours des sanctions.", date="2020-01-01")
    index()
    response = client.get(reverse("statements:list"), {"q": "sanctions"})
    texts = [statement.display_report.text for statement in response.context["statements"]]
    assert texts[0].startswith("Sanctions, sanctions")


def test_every_report_is_searchable_and_the_statement_found_once(index):
    StatementFactory(
        reports=[
            {"text": "Nous ne reculerons pas.", "mode": "direct"},
            {"text": "Elle a assuré que son pays ne reculerait pas devant la menace.", "mode": "indirect"},
        ]
    )
    index()
    assert Statement.objects.published().search("menace").count() == 1
    assert Statement.objects.published().search("reculerons").count() == 1


def test_a_speaker_added_to_a_statement_makes_it_findable_by_name(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statement = StatementFactory(text="Déclaration commune sur les détroits.")
    with django_capture_on_commit_callbacks(execute=True):
        statement.statement_speakers.create(speaker=SpeakerFactory(name="Oriane Vasquelet"), capacity="co_signatory")
    assert found("Vasquelet") == ["Déclaration commune sur les détroits."]


@pytest.fixture
def labelled(index):
    """A statement whose words say nothing of where, when, for whom or on what it was said."""
    country = CountryFactory(iso_alpha2="XV", iso_alpha3="XVV", name_en="Valmontia", name_fr="Valmontie")
    mentioned = CountryFactory(iso_alpha2="XW", iso_alpha3="XWW", name_en="Northport", name_fr="Portnord")
    league = OrganisationFactory(name="Ligue des pêcheurs", short_name="LDP", aliases=["Fishers League"])
    outlet = OrganisationFactory(name="Gazette de Brumaire", kind="media")
    role = RoleFactory(title_fr="garde des phares", title_en="keeper of lighthouses", country=country)
    statement = StatementFactory(
        text="Nous resterons prudents.",
        place="Quai de Lanterne",
        summit=SummitFactory(name="Conférence des marées", city="Brumaire-sur-Mer"),
        speaker=role.speaker,
        role=role,
        country=country,
        organisation=league,
        source=SourceFactory(title="Chronique du port", outlet=outlet),
    )
    statement.topics.add(TopicFactory(name_en="Fisheries quotas", name_fr="Quotas de pêche"))
    statement.countries_mentioned.add(mentioned)
    index()
    return statement


@pytest.mark.parametrize(
    "terms",
    ["Lanterne", "marées", "Brumaire-sur-Mer", "phares", "lighthouses", "Valmontia", "Valmontie", "Portnord",
     "Fishers League", "LDP", "Gazette de Brumaire", "Chronique du port", "quotas de pêche", "fisheries quota"],
)  # fmt: skip
def test_a_statement_is_found_by_everything_its_page_shows(labelled, terms):
    assert found(terms) == ["Nous resterons prudents."]


def test_the_quotes_own_words_rank_above_a_label(labelled, index):
    StatementFactory(text="Les phares resteront allumés toute la nuit.")
    index()
    assert found("phares")[0] == "Les phares resteront allumés toute la nuit."


def test_a_renamed_topic_or_summit_is_found_under_its_new_name(db, django_capture_on_commit_callbacks):
    # Each step commits (as the admin's requests do), so its refresh runs.
    with django_capture_on_commit_callbacks(execute=True):
        statement = StatementFactory(text="Nous resterons prudents.", summit=SummitFactory(name="Conférence"))
        topic = TopicFactory(name_en="Fisheries quotas")
        statement.topics.add(topic)
    with django_capture_on_commit_callbacks(execute=True):
        topic.name_en = "Herring allowances"
        topic.save()
        statement.summit.name_fr = "Sommet des embruns"
        statement.summit.save()
    assert found("herring") == ["Nous resterons prudents."]
    assert found("embruns") == ["Nous resterons prudents."]


def test_tagging_a_topic_refreshes_the_vector(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        statement = StatementFactory(text="Une phrase sans étiquette.")
    with django_capture_on_commit_callbacks(execute=True):
        statement.topics.add(TopicFactory(name_en="Lighthouse maintenance"))
    assert found("maintenance") == ["Une phrase sans étiquette."]


def test_a_result_that_matched_outside_its_quote_says_where(client, labelled, index):
    StatementFactory(text="Les phares resteront allumés.")
    index()
    response = client.get(reverse("statements:list"), {"q": "phares"})
    cards = {statement.display_report.text: statement.matched_in for statement in response.context["statements"]}
    assert cards == {"Les phares resteront allumés.": [], "Nous resterons prudents.": ["a speaker's role"]}
    assert "Not in this quote: your search matched a speaker&#x27;s role." in response.content.decode()


def test_matched_in_names_each_place(labelled):
    places = matched_outside_the_quote([labelled.pk], "Valmontie Gazette marées")
    # Every word must match somewhere; each place that holds one is named.
    assert places == {labelled.pk: ["the place or summit", "a country", "a source"]}
