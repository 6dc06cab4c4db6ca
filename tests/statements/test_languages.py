"""The archive in French and English: every public page type in both, addresses that say
the language, old addresses redirected, a switcher to the same page, dates and numbers as
each language writes them, quotes in the reader's language beneath the original."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from statements.models import Country, Statement, Summit, Topic, Translation
from tests.factories import OrganisationFactory, ReportFactory, SourceFactory, StatementFactory, SummitFactory

pytestmark = pytest.mark.django_db

# (a word of the interface, a date as the language writes it) on the seed's pages.
EXPECTED = {
    "en": ("Statements", "4 September 2025"),
    "fr": ("Déclarations", "4 septembre 2025"),
}


@pytest.fixture
def seed(shared_seed):
    return shared_seed


def page_types() -> dict[str, str]:
    """Each public page type, by its name in the URL conf (reversed in the active language)."""
    statement = Statement.objects.get(import_ref="paris-2025-09-04/14")
    speaker = statement.credit_list[0].speaker
    return {
        "home": reverse("statements:home"),
        "list": reverse("statements:list"),
        "search": reverse("statements:list") + "?q=garanties",
        "statement": statement.get_absolute_url(),
        "speakers": reverse("statements:speakers"),
        "speaker": speaker.get_absolute_url(),
        "countries": reverse("statements:countries"),
        "country": Country.objects.get(iso_alpha2="RU").get_absolute_url(),
        "summits": reverse("statements:summits"),
        "summit": Summit.objects.public().first().get_absolute_url(),
        "topics": reverse("statements:topics"),
        "topic": Topic.objects.public().first().get_absolute_url(),
        "organisations": reverse("statements:organisations"),
        "corrections": reverse("statements:corrections"),
    }


@pytest.mark.parametrize(("language", "other"), [("en", "fr"), ("fr", "en")])
def test_every_page_type_in_both_languages(client, seed, language, other):
    with translation.override(language):
        pages = page_types()
    word, date = EXPECTED[language]
    for name, url in pages.items():
        assert url.startswith(f"/{language}/"), name
        response = client.get(url)
        assert response.status_code == 200, name
        body = response.content.decode()
        assert f'<html lang="{language}">' in body, name
        assert word in body, name
        # The switcher leads to the same page in the other language.
        switch = re.search(rf'<a href="([^"]+)" hreflang="{other}" lang="{other}">', body)
        assert switch, name
        assert switch.group(1) == f"/{other}/" + url.split("/", 2)[2].replace("&", "&amp;"), name
        assert f'<link rel="alternate" hreflang="{other}"' in body, name
        if name in ("list", "statement", "speaker", "summit"):
            assert date in body, name


def test_french_pages_have_no_english_interface_text(client, seed):
    with translation.override("fr"):
        body = client.get(reverse("statements:list")).content.decode()
    for english in ("Filters", "Search statements", "Speakers", "Best match", "Permalink and sources", "statements"):
        assert f">{english}<" not in body
    assert "Lien permanent et sources" in body


def test_addresses_without_a_language_redirect_permanently_to_the_readers(client, seed):
    statement = Statement.objects.published().first()
    response = client.get(f"/statements/{statement.pk}/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    assert response.status_code == 301
    assert response["Location"] == f"/fr/statements/{statement.pk}/"
    response = client.get("/speakers/?q=zakharova", HTTP_ACCEPT_LANGUAGE="de, en;q=0.5")
    assert response.status_code == 301
    assert response["Location"] == "/en/speakers/?q=zakharova"


def test_the_root_chooses_by_the_browser_language_each_time(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert (response.status_code, response["Location"]) == (302, "/fr/")
    assert "Accept-Language" in response["Vary"]
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB")["Location"] == "/en/"


def test_an_unknown_language_prefix_is_not_found(client, db):
    assert client.get("/de/statements/").status_code == 404


def test_the_sitemap_lists_each_page_in_both_languages(client, seed):
    body = client.get("/sitemap.xml").content.decode()
    statement = Statement.objects.published().first()
    assert f"<loc>http://testserver/en/statements/{statement.pk}/</loc>" in body
    assert f"<loc>http://testserver/fr/statements/{statement.pk}/</loc>" in body
    assert f'hreflang="fr" href="http://testserver/fr/statements/{statement.pk}/"' in body


@pytest.mark.parametrize(("language", "written"), [("en", "1,234,567"), ("fr", "1\u202f234\u202f567")])
def test_numbers_as_each_language_writes_them(language, written):
    with translation.override(language):
        rendered = Template("{{ number }}").render(Context({"number": 1234567}))
    assert rendered.replace("\xa0", "\u202f") == written


def test_entities_are_found_by_their_french_or_english_name(client, seed):
    counts = {
        q: client.get(reverse("statements:list"), {"q": q}).context["paginator"].count for q in ("Russie", "Russia")
    }
    assert counts["Russie"] == counts["Russia"] > 0


class TestQuotesInTheReadersLanguage:
    @pytest.fixture
    def french_remark(self, db):
        statement = StatementFactory(text="Nous resterons vigilants à Fictionville.", language="fr")
        Translation.objects.create(
            statement=statement,
            language="en",
            text="We will remain vigilant in Fictionville.",
            translator_kind=Translation.Translator.EDITOR,
            translator_name="Ada Linguiste",
        )
        return statement

    def test_the_original_then_the_translation_labelled_with_its_translator(self, client, french_remark):
        with translation.override("en"):
            body = client.get(french_remark.get_absolute_url()).content.decode()
        original = body.index("Nous resterons vigilants à Fictionville.")
        translated = body.index('<blockquote lang="en" class="quote"><p>We will remain vigilant in Fictionville.')
        assert original < translated
        assert "Translation: An archive editor (Ada Linguiste)" in body

    def test_no_translation_under_a_quote_already_in_the_readers_language(self, client, french_remark):
        with translation.override("fr"):
            body = client.get(french_remark.get_absolute_url()).content.decode()
        assert 'class="in-your-language"' not in body

    def test_a_report_printed_in_the_readers_language_is_shown_with_its_source(self, client, french_remark):
        ReportFactory(
            statement=french_remark,
            text="We shall stay vigilant in Fictionville",
            language="en",
            source=SourceFactory(title="The Fictionville Herald"),
        )
        with translation.override("en"):
            body = client.get(french_remark.get_absolute_url()).content.decode()
        assert "We shall stay vigilant in Fictionville" in body
        assert "As reported in" in body

    def test_cards_in_lists_show_it_too(self, client, french_remark):
        with translation.override("en"):
            body = client.get(reverse("statements:list")).content.decode()
        card = body[body.index("Nous resterons vigilants à Fictionville.") :]
        card = card[: card.index("</article>")]
        assert "We will remain vigilant in Fictionville." in card
        assert "Translation: An archive editor (Ada Linguiste)" in card

    def test_readers_can_keep_only_what_they_can_read(self, client, french_remark):
        french_only = StatementFactory(text="Seulement en français.", language="fr")
        with translation.override("en"):
            listed = client.get(reverse("statements:list"), {"available_in": "en"}).context["statements"]
        assert french_remark in listed
        assert french_only not in listed


@pytest.mark.parametrize(
    ("language", "order"),
    [("en", ["France", "Germany", "Russian Federation"]), ("fr", ["Allemagne", "France", "Russie, Fédération de"])],
)
def test_lists_sort_by_the_name_in_the_page_language(client, seed, language, order):
    with translation.override(language):
        countries = client.get(reverse("statements:countries")).context["countries"]
        names = [country.name for country in countries]
    assert [name for name in names if name in order] == order


class TestNamesInTwoLanguages:
    def test_a_summit_is_named_in_the_page_language(self, client, seed):
        summit = Summit.objects.get(slug="coalition-des-volontaires-paris-2025-09-04")
        for language, name in (("en", "Coalition of the willing summit, Paris"), ("fr", "Sommet de la coalition")):
            with translation.override(language):
                body = client.get(summit.get_absolute_url()).content.decode()
            assert f"<h1>{name}" in body

    def test_a_name_known_in_one_language_is_shown_marked_with_it(self, client, db):
        summit = SummitFactory(name="Sommet imaginaire de Fictionville", name_fr="Sommet imaginaire de Fictionville")
        StatementFactory(summit=summit)
        with translation.override("en"):
            body = client.get(summit.get_absolute_url()).content.decode()
        assert '<h1 lang="fr">Sommet imaginaire de Fictionville</h1>' in body

    def test_a_name_only_as_recorded_is_shown_in_both_languages(self, db):
        summit = SummitFactory(name="Fictionville Forum")
        for language in ("en", "fr"):
            with translation.override(language):
                assert (summit.name, summit.name_language) == ("Fictionville Forum", "")

    @pytest.mark.parametrize(
        "query", ['"Coalition of the willing summit"', '"Sommet de la coalition des volontaires"', "Otan", "NATO"]
    )
    def test_search_finds_a_summit_or_body_by_either_name(self, client, seed, query):
        found = set(client.get(reverse("statements:list"), {"q": query}).context["paginator"].object_list)
        summit = Summit.objects.get(slug="coalition-des-volontaires-paris-2025-09-04")
        nato = Statement.objects.filter(statement_speakers__organisation__slug="nato")
        expected = nato if query in ("Otan", "NATO") else summit.statements.published()
        assert set(expected.values_list("pk", flat=True)) <= found


def test_a_translation_names_its_translator(db):
    statement = StatementFactory()
    translated = Translation(statement=statement, language="en", text="Words.", translator_kind="editor")
    with pytest.raises(ValidationError) as refused:
        translated.full_clean()
    assert set(refused.value.message_dict) == {"translator_name"}


@pytest.mark.parametrize(
    ("language", "order"), [("en", ["Beta Pact", "Zeta Union"]), ("fr", ["Alpha Union", "Zulu Pacte"])]
)
def test_organisations_sort_by_the_name_in_the_page_language(client, db, language, order):
    zeta = OrganisationFactory(name="Zeta Union", name_en="Zeta Union", name_fr="Alpha Union")
    beta = OrganisationFactory(name="Beta Pact", name_en="Beta Pact", name_fr="Zulu Pacte")
    for organisation in (zeta, beta):
        StatementFactory(organisation=organisation)
    with translation.override(language):
        names = [row.name for row in client.get(reverse("statements:organisations")).context["organisations"]]
    assert [name for name in names if name in order] == order  # the module's seed may be there too
