"""Citing and sharing a statement; sitemap, robots.txt and the icon."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from statements.models import Statement
from tests.factories import RoleFactory, SourceFactory, StatementFactory, SummitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement():
    role = RoleFactory(title_fr="ministre des Affaires imaginaires")
    return StatementFactory(
        text="Nous ne céderons rien.",
        speaker=role.speaker,
        role=role,
        summit=SummitFactory(name="Sommet de Fictionville"),
        source=SourceFactory(title="Une dépêche", url="https://news.example/depeche"),
    )


def json_ld_of(body: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_plain_citation_names_speaker_role_date_occasion_source_and_permalink(client, statement):
    body = client.get(statement.get_absolute_url()).content.decode()
    citation = re.search(r'<p class="citation">(.*?)</p>', body, re.S).group(1)
    for part in [
        "Nous ne céderons rien.",
        statement.credit_list[0].speaker.name,
        "ministre des Affaires imaginaires",
        "1 March 2024",
        "Sommet de Fictionville",
        "Une dépêche",
        "https://news.example/depeche",
        f"http://testserver/en/statements/{statement.pk}/",
        "accessed",
    ]:
        assert part in citation


def test_csl_json_download(client, statement):
    response = client.get(reverse("statements:cite_csl", args=[statement.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    (item,) = json.loads(response.content)
    assert item["type"] == "speech"
    assert item["issued"] == {"date-parts": [[2024, 3, 1]]}
    assert item["URL"] == f"http://testserver/en/statements/{statement.pk}/"
    assert item["event"] == "Sommet de Fictionville"


def test_bibtex_download_escapes_special_characters(client):
    statement = StatementFactory(text="50% des {accords} & 3 $ de plus", date_precision="month")
    text = client.get(reverse("statements:cite_bibtex", args=[statement.pk])).content.decode()
    assert text.startswith(f"@misc{{statement{statement.pk},")
    assert r"title = {{50\% des \{accords\} \& 3 \$ de plus}}" in text
    assert "date = {2024-03}" in text


def test_unpublished_statement_cannot_be_cited(client):
    draft = StatementFactory(draft=True)
    assert client.get(reverse("statements:cite_bibtex", args=[draft.pk])).status_code == 404
    assert client.get(reverse("statements:cite_csl", args=[draft.pk])).status_code == 404


def test_json_ld_quotation(client, statement):
    data = json_ld_of(client.get(statement.get_absolute_url()).content.decode())
    assert data["@type"] == "Quotation"
    assert data["creator"] == {"@type": "Person", "name": statement.credit_list[0].speaker.name}
    assert "spokenByCharacter" not in data
    assert data["dateCreated"] == "2024-03-01"
    assert data["inLanguage"] == "fr"
    assert data["isBasedOn"]["url"] == "https://news.example/depeche"
    assert data["isBasedOn"]["datePublished"] == "2024-03-02"
    assert data["recordedAt"]["name"] == "Sommet de Fictionville"


def test_json_ld_cannot_be_broken_out_of(client):
    hostile = '</script><script>alert("x")</script><!--'
    statement = StatementFactory(text=hostile)
    body = client.get(statement.get_absolute_url()).content.decode()
    assert "<script>alert" not in body
    assert json_ld_of(body)["text"] == hostile


def test_sharing_tags_are_escaped(client):
    statement = StatementFactory(text='"><img src=x onerror=alert(1)>')
    body = client.get(statement.get_absolute_url()).content.decode()
    assert '<meta property="og:description" content="“&quot;&gt;&lt;img src=x onerror=alert(1)&gt;”">' in body
    assert "<img src=x" not in body


def test_sitemap_lists_published_statements_only(client, seed):
    draft = StatementFactory(draft=True)
    body = client.get("/sitemap.xml").content.decode()
    published = Statement.objects.published().first()
    assert f"/en/statements/{published.pk}/</loc>" in body
    assert f"/en/statements/{draft.pk}/</loc>" not in body
    assert "/en/speakers/mark-rutte/</loc>" in body
    assert "/en/countries/germany/</loc>" in body


def test_a_retracted_statement_is_cited_and_shared_as_retracted_with_the_date(client):
    statement = StatementFactory(retracted=True, retraction_reason="Wrongly attributed.", text="Nous partirons.")
    notice = "Retracted by the archive on 2 April 2024: Wrongly attributed."
    csl = client.get(f"/en/statements/{statement.pk}/cite.json").json()[0]
    assert csl["status"] == "retracted"
    assert notice in csl["note"]
    bib = client.get(f"/en/statements/{statement.pk}/cite.bib").content.decode()
    assert notice in bib
    page = client.get(statement.get_absolute_url()).content.decode()
    for meta in ('property="og:description"', 'name="twitter:description"', 'name="description"'):
        tag = next(line for line in page.splitlines() if meta in line)
        assert notice in tag, meta
        assert "Nous partirons" not in tag, meta
    assert "This statement was retracted on 2 April 2024" in page
    assert notice in client.get(statement.get_absolute_url()).context["citation"]


def test_pages_link_the_archives_icon_and_favicon_ico_leads_to_it(client):
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', client.get("/en/").content.decode())
    assert icon, "the page links no icon"
    assert icon.group(1) == static("favicon.svg")
    assert Path(finders.find("favicon.svg")).read_text().startswith("<svg")
    answer = client.get("/favicon.ico")  # asked for by browsers on the admin, feed readers, crawlers
    assert answer.status_code == 302 and answer["Location"] == icon.group(1)
    assert "max-age=86400" in answer["Cache-Control"]
