"""Every link between the archive's pages leads to a page: a country, organisation, speaker,
summit or topic with no page of its own (nothing published under it) is named, not linked.
Every link of the API leads to a resource: an organisation public rows name (a summit's
participant, the outlet of a source a cited one was known through) is one, with no page.

The pages are crawled from the home page in English (the French ones are the same
templates, each opened in both languages by test_languages.py), and the API from its root,
over the seed and invented rows that reach such entities every way a page shows them."""

import re

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from statements.models import Summit
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
LINK = re.compile(r'href="(/en/[^"?#]*)"')
API_LINK = re.compile(r'"http://testserver(/api/[^"#]*)"')


@pytest.fixture(scope="module")
def without_pages(module_seed):
    """Invented countries and organisations with no statement of their own, named by the
    published ones' summit, speaker, role and organisation; a retracted statement's speaker,
    summit and topic, which have no published statement either."""
    nowhere = {
        name: CountryFactory(iso_alpha2=code, iso_alpha3=code + "X", name_en=name, name_fr=name, slug=name.lower())
        for code, name in (
            ("XH", "Hostland"),
            ("XP", "Partland"),
            ("XN", "Natland"),
            ("XR", "Roleland"),
            ("XO", "Orgland"),
        )
    }
    pact = OrganisationFactory(name="Pact of Nowhere", slug="pact-of-nowhere", country=nowhere["Orgland"])
    league = OrganisationFactory(name="League of Elsewhere", slug="league-of-elsewhere", country=nowhere["Orgland"])
    summit = SummitFactory(name="Sommet de Nullepart", slug="sommet-de-nullepart", host_country=nowhere["Hostland"])
    summit.participant_countries.add(nowhere["Partland"])
    summit.participant_organisations.add(pact)
    speaker = SpeakerFactory(
        name="Irène Sansfiche", slug="irene-sansfiche", country=nowhere["Natland"], organisation=league
    )
    RoleFactory(speaker=speaker, title_fr="envoyée spéciale", country=nowhere["Roleland"], organisation=pact)
    spokesman = OrganisationFactory(
        name="Ministry of Somewhere", slug="ministry-of-somewhere", country=nowhere["Orgland"]
    )
    # Its source was known through a wire's story, itself known through an agency's.
    wire, agency = (OrganisationFactory(name=name, slug=name.lower().replace(" ", "-")) for name in (
        "Wire of Nowhere", "Agency of Nowhere"
    ))  # fmt: skip
    relayed = SourceFactory(reported_in=SourceFactory(outlet=wire, reported_in=SourceFactory(outlet=agency)))
    StatementFactory(speaker=speaker, summit=summit, organisation=spokesman, text="Nous resterons.", source=relayed)
    retracted = StatementFactory(
        retracted=True, speaker=SpeakerFactory(name="Basile Retiré"), summit=SummitFactory(name="Sommet retiré")
    )
    retracted.topics.add(TopicFactory(name_en="Withdrawn matters"))
    return {"summit": summit, "speaker": speaker, "retracted": retracted}


def crawl(
    client: Client, *starts: str, links=LINK, accept: str = "text/html", limit: int = 600
) -> tuple[dict[str, int], dict[str, str]]:
    """Every page reachable from `starts` by `links` (pages: those without a query string):
    each address with its status, and for each, the page that first linked to it."""
    status, linked_from, queue = {}, {}, list(starts)
    while queue and len(status) < limit:
        path = queue.pop(0)
        if path in status:
            continue
        response = client.get(path, HTTP_ACCEPT=accept)
        status[path] = response.status_code
        if response.status_code == 200:
            for link in links.findall(response.content.decode()):
                if link not in status and link not in linked_from:
                    linked_from[link] = path
                    queue.append(link)
    return status, linked_from


def test_every_link_between_public_pages_leads_to_a_page(client, without_pages):
    with translation.override("en"):
        retracted = without_pages["retracted"].get_absolute_url()  # its permalink, as cited before the retraction
    status, linked_from = crawl(client, "/en/", "/en/corrections/", retracted)
    broken = {path: f"{code}, linked from {linked_from.get(path)}" for path, code in status.items() if code != 200}
    assert broken == {}, "\n".join(f"{path}: {why}" for path, why in broken.items())
    assert len(status) < 600, "the crawl stopped before the end"
    with translation.override("en"):  # the pages naming the invented rows were read
        assert [row.get_absolute_url() for row in without_pages.values() if row.get_absolute_url() not in status] == []


def test_a_country_without_a_page_is_named_without_a_link(client, without_pages):
    page = client.get(without_pages["summit"].get_absolute_url()).content.decode()
    assert "Hostland" in page and "Partland" in page and "Pact of Nowhere" in page
    assert "/countries/hostland/" not in page and "/organisations/pact-of-nowhere/" not in page
    assert (
        'href="/en/countries/france/"'
        in client.get("/en/summits/coalition-des-volontaires-paris-2025-09-04/").content.decode()
    )


def test_a_name_in_another_language_keeps_its_lang_attribute_linked_or_not():
    summit = Summit(slug="sommet-de-lyon", name_as_recorded="Sommet de Lyon", name_fr="Sommet de Lyon")
    template = Template('{% load names %}{{ summit|name_link }} {{ summit|name_link:"speaker" }}')
    with translation.override("en"):
        assert template.render(Context({"summit": summit})) == (
            '<a href="/en/summits/sommet-de-lyon/" lang="fr">Sommet de Lyon</a> '
            '<a href="/en/summits/sommet-de-lyon/" class="speaker" lang="fr">Sommet de Lyon</a>'
        )
        summit.has_page = False
        summit.name_fr = summit.name_as_recorded = "Sommet <b>de</b> Lyon"
        assert template.render(Context({"summit": summit})) == (
            '<span lang="fr">Sommet &lt;b&gt;de&lt;/b&gt; Lyon</span> '
            '<span class="speaker" lang="fr">Sommet &lt;b&gt;de&lt;/b&gt; Lyon</span>'
        )


def test_staff_who_may_open_every_page_get_every_link(admin_client, without_pages):
    page = admin_client.get(without_pages["summit"].get_absolute_url()).content.decode()
    assert 'href="/en/countries/hostland/"' in page
    assert admin_client.get("/en/countries/hostland/").status_code == 200


def test_every_link_of_the_api_leads_to_a_resource(client, without_pages, unthrottled):
    status, linked_from = crawl(client, "/api/", links=API_LINK, accept="application/json")
    broken = {path: f"{code}, linked from {linked_from.get(path)}" for path, code in status.items() if code != 200}
    assert broken == {}, "\n".join(f"{path}: {why}" for path, why in broken.items())
    assert len(status) < 600, "the crawl stopped before the end"
    organisations = {row["name"]: row for row in client.get("/api/organisations/?page_size=100").json()["results"]}
    assert organisations["Pact of Nowhere"]["page"] is None  # a participant in a public summit, nothing filed under it
    assert organisations["Coalition of the willing"]["page"] is None  # the seed's, the same
    assert organisations["Ministry of Somewhere"]["page"].endswith("/en/organisations/ministry-of-somewhere/")
    assert organisations["Agency of Nowhere"]["page"] is None  # two steps back from a cited source
    assert "/api/sources/" in str(status) and not [path for path in status if path.endswith("/None/")]
