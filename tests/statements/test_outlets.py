"""A news outlet or publisher has a page listing the published statements it reported:
cards and sources link to it ("as reported by …"), the organisations list, the sitemap and
the API name it. An outlet whose reports are all unpublished has none, and is named
without a link (in the API, with no page) where a published statement's source was known
through it."""

import pytest
from django.urls import reverse

from statements.models import Organisation
from tests.factories import OrganisationFactory, SourceFactory, StatementFactory

pytestmark = pytest.mark.django_db

MEDIA = Organisation.Kind.MEDIA


@pytest.fixture(scope="module")
def outlets(shared_rows):
    """The Gazette reported two published statements and a draft; the Wire reported only a
    draft, and the Gazette's story on one statement was known through it; the Ministry of
    Elsewhere spoke once and published a communiqué of another remark."""
    gazette = OrganisationFactory(name="Gazette of Nowhere", slug="gazette-of-nowhere", kind=MEDIA)
    wire = OrganisationFactory(name="Wire of Nowhere", slug="wire-of-nowhere", kind=MEDIA)
    ministry = OrganisationFactory(name="Ministry of Elsewhere", slug="ministry-of-elsewhere")
    through_wire = SourceFactory(outlet=gazette, reported_in=SourceFactory(outlet=wire))
    rows = {
        "reported": StatementFactory(text="La Gazette a rapporté ceci.", source=through_wire),
        "also_reported": StatementFactory(text="Et la Gazette encore cela.", source=SourceFactory(outlet=gazette)),
        "draft": StatementFactory(text="Un brouillon de la Gazette.", draft=True, source=SourceFactory(outlet=gazette)),
        "wire_draft": StatementFactory(text="Un brouillon du fil.", draft=True, source=SourceFactory(outlet=wire)),
        "spoken": StatementFactory(text="Le ministère a parlé.", organisation=ministry),
        "communique": StatementFactory(text="Un communiqué du ministère.", source=SourceFactory(outlet=ministry)),
    }
    return {"gazette": gazette, "wire": wire, "ministry": ministry, **rows}


def test_an_outlet_page_lists_the_published_statements_it_reported(client, outlets):
    response = client.get(outlets["gazette"].get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Statements reported by Gazette of Nowhere" in page
    assert "La Gazette a rapporté ceci." in page and "Et la Gazette encore cela." in page
    assert "Un brouillon de la Gazette." not in page and "Le ministère a parlé." not in page


def test_an_outlet_that_reported_nothing_published_has_no_page(client, outlets):
    assert client.get(outlets["wire"].get_absolute_url()).status_code == 404
    assert "wire-of-nowhere" not in client.get(reverse("statements:organisations")).content.decode()
    assert "wire-of-nowhere" not in client.get("/sitemap-organisations.xml").content.decode()


def test_cards_and_sources_link_the_outlet_and_name_the_one_without_a_page(client, outlets):
    gazette = outlets["gazette"].get_absolute_url()
    listing = client.get(reverse("statements:list")).content.decode()
    assert f'as reported by <a href="{gazette}">Gazette of Nowhere</a>' in listing
    page = client.get(outlets["reported"].get_absolute_url()).content.decode()
    assert f'<a href="{gazette}" class="outlet">Gazette of Nowhere</a>' in page
    # Known through the Wire, which has no page: named, not linked.
    assert '<span class="outlet">Wire of Nowhere</span>' in page
    assert outlets["wire"].get_absolute_url() not in page


def test_an_organisation_that_speaks_and_publishes_lists_its_words_and_links_its_reports(client, outlets):
    page = client.get(outlets["ministry"].get_absolute_url()).content.decode()
    assert "Le ministère a parlé." in page and "Un communiqué du ministère." not in page
    reported = reverse("statements:list") + "?outlet=ministry-of-elsewhere"
    assert f'href="{reported}"' in page
    assert "Un communiqué du ministère." in client.get(reported).content.decode()


def test_the_organisations_list_says_how_many_statements_an_outlet_reported(client, outlets):
    page = client.get(reverse("statements:organisations") + "?page=1").content.decode()
    gazette = page[page.index("Gazette of Nowhere") :]
    assert "reported 2 statements" in gazette[: gazette.index("</li>")]
    assert "0 statements" not in gazette[: gazette.index("</li>")]  # it spoke for no one


def test_the_api_links_an_outlet_to_its_page(client, outlets, unthrottled):
    rows = {row["name"]: row for row in client.get("/api/organisations/?page_size=100").json()["results"]}
    assert rows["Gazette of Nowhere"]["page"].endswith(outlets["gazette"].get_absolute_url())
    assert rows["Wire of Nowhere"]["page"] is None  # named by a source a cited one was known through
    statement = client.get(f"/api/statements/{outlets['reported'].pk}/").json()
    source = client.get(statement["reports"][0]["source"]).json()
    assert source["outlet"].endswith(f"/api/organisations/{outlets['gazette'].pk}/")
    known_through = client.get(source["reported_in"]).json()
    assert known_through["outlet"].endswith(f"/api/organisations/{outlets['wire'].pk}/")
    assert client.get(known_through["outlet"]).json()["name"] == "Wire of Nowhere"
