"""The read-only API: same filters as the pages, only published statements, throttled."""

import base64

import pytest
import yaml
from django.core.cache import cache
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from statements.search import refresh_search_vectors
from tests.factories import CountryFactory, RoleFactory, StatementFactory

pytestmark = pytest.mark.django_db
API = "/api/statements/"


def api_ids(client, **params) -> set[int]:
    ids, url = set(), API
    while url:
        response = client.get(url, params if url == API else None)
        assert response.status_code == 200, response.content
        ids |= {item["id"] for item in response.json()["results"]}
        url = response.json()["next"]
    return ids


def page_ids(client, **params) -> set[int]:
    response = client.get(reverse("statements:list"), {**params, "per_page": 100})
    return {statement.pk for statement in response.context["statements"]}


@pytest.fixture(scope="module")
def world(shared_rows):
    """Made once for the module: its tests only read it."""
    arcadia = CountryFactory(iso_alpha2="XA", iso_alpha3="XAA")
    StatementFactory.create_batch(7, country=arcadia, text="Paix durable", date="2024-05-01")
    StatementFactory.create_batch(5, language="en", text="Trade first", mode="indirect", date="2023-02-01")
    StatementFactory.create_batch(2, draft=True, country=arcadia)
    StatementFactory(retracted=True)
    refresh_search_vectors()


@pytest.mark.parametrize(
    "params",
    [{}, {"country": "XA"}, {"language": "en"}, {"mode": "indirect"}, {"year": "2024"}, {"q": "paix"},
     {"date_from": "2024-01-01", "date_to": "2024-12-31"}],
)  # fmt: skip
def test_api_filters_agree_with_the_page(client, world, params):
    assert api_ids(client, **params) == page_ids(client, **params)


def test_api_never_shows_unpublished_statements(client, world):
    assert len(api_ids(client)) == 12


def test_cursor_pages_walk_every_statement_once(client, world):
    first = client.get(API, {"per_page": 5}).json()
    assert len(first["results"]) == 5
    assert "cursor=" in first["next"]
    assert len(api_ids(client, per_page=5)) == 12


@pytest.mark.parametrize("position", [b"p=garbage", b"p=99999-01-01", b"p=\x00", b"o=1&p=abc", b"r=1&p=2024-13-01"])
def test_a_tampered_cursor_is_a_404_not_an_error(client, world, position):
    response = client.get(API, {"cursor": base64.b64encode(position).decode()})
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid cursor"}


def test_invalid_filter_is_a_400_saying_why(client, world):
    response = client.get(API, {"date_from": "2025-13-45"})
    assert response.status_code == 400
    assert "date_from" in response.json()


def test_statement_links_to_its_speaker_and_public_page(client, world):
    item = client.get(API).json()["results"][0]
    assert item["speakers"][0]["speaker"].startswith("http://testserver/api/speakers/")
    assert item["page"] == f"http://testserver/en/statements/{item['id']}/"
    speaker = client.get(item["speakers"][0]["speaker"]).json()
    assert speaker["name"] == item["speakers"][0]["name"]


def test_speakers_come_with_their_roles(client, db):
    role = RoleFactory(title_fr="Ministre des Affaires imaginaires")
    StatementFactory(role=role)
    data = client.get(f"/api/speakers/{role.speaker_id}/").json()
    assert [r["title_fr"] for r in data["roles"]] == ["Ministre des Affaires imaginaires"]


def test_hostile_text_is_plain_json(client, index):
    hostile = "</script><script>alert(1)</script>"
    StatementFactory(text=hostile)
    index()
    response = client.get(API)
    assert response["Content-Type"] == "application/json"
    assert hostile in [item["reports"][0]["text"] for item in response.json()["results"]]


def test_anonymous_clients_are_throttled_with_retry_after(client, world, monkeypatch):
    cache.clear()
    # DRF reads the rates into the class at import; set them there.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    statuses = [client.get(API).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert int(client.get(API)["Retry-After"]) > 0


def test_api_is_read_only(client, world):
    assert client.post(API, {"text": "x"}).status_code == 405


def test_no_cors_headers_by_default(client, world):
    response = client.get(API, HTTP_ORIGIN="https://elsewhere.example")
    assert "Access-Control-Allow-Origin" not in response


def test_schema_and_docs_are_served_without_a_cdn(client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower()


def test_the_api_reference_page_documents_every_operation_and_object(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)
    body = client.get("/api/reference/").content.decode()
    for path in schema["paths"]:
        assert f"GET {path}</code>" in body, path
    for name, spec in schema["components"]["schemas"].items():
        if spec.get("type") == "object":
            assert f'id="object-{name}"' in body, name
    assert 'href="/api/docs/"' in body
