"""Hypothesis sends hostile query strings to every public URL: never a 500, never an
unescaped payload in the answer. Bounded: a few dozen examples per URL in CI (the
Hypothesis profile in tests/conftest.py)."""

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from statements.loading import SEED_DATASET, load_dataset
from statements.models import Country, Organisation, Speaker, Statement, Summit, Topic

pytestmark = pytest.mark.django_db
PAYLOAD = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'

KEYS = [
    "q", "country", "speaker", "organisation", "summit", "topic", "mentions", "language", "mode",
    "date_from", "date_to", "year", "month", "outlet", "speaker_kind", "level", "available_in", "show", "sort",
    "per_page", "page", "format", "cursor", "unknown",
]  # fmt: skip
HOSTILE_VALUES = st.one_of(
    st.text(max_size=60),
    st.just(PAYLOAD),
    st.just("\x00"),
    st.just("a\x00b"),
    st.just("x" * 20_000),
    st.just("\u202egnp.exe"),
    st.just("' OR 1=1; DROP TABLE statements_statement; --"),
    st.just('&|!():*<->" !!! (( '),
    st.just("garantie:* & !(a | b) <2> c"),
    st.sampled_from(
        [
            "99999999999999999999",
            "-1",
            "0",
            "1e309",
            "NaN",
            "2025-13-45",
            "0000-00-00",
            "9999-99-99",
            "9999-12",
            "0001-01",
        ]
    ),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
RAW_QUERIES = st.one_of(
    st.lists(st.tuples(st.sampled_from(KEYS), HOSTILE_VALUES), max_size=6).map(
        # Percent-encoded as a client sends them (a WSGI query string is ASCII).
        lambda pairs: "&".join(f"{key}={quote(value, safe='')}" for key, value in pairs)
    ),
    st.sampled_from(["q=%FF%FE", "q=%", "q=%zz", "country=%C3%28", "%00=%00", "q=%E2%80%AE", "page=%F0%9F%92%A9"]),
)


def public_urls() -> list[str]:
    statement = Statement.objects.published().first()
    urls = [
        "/en/", "/en/statements/", statement.get_absolute_url(), f"/en/statements/{statement.pk}/cite.json",
        f"/en/statements/{statement.pk}/cite.bib", "/en/speakers/", Speaker.objects.first().get_absolute_url(),
        "/en/countries/", Country.objects.get(iso_alpha2="FR").get_absolute_url(), "/en/summits/",
        Summit.objects.first().get_absolute_url(), "/en/topics/", Topic.objects.first().get_absolute_url(),
        "/en/organisations/", Organisation.objects.first().get_absolute_url(), "/sitemap.xml", "/robots.txt",
        "/healthz", "/en/suggest/", "/api/", "/api/statements/", f"/api/statements/{statement.pk}/", "/api/speakers/",
        "/api/countries/", "/api/countries/FR/", "/api/summits/", "/api/topics/", "/api/organisations/",
        "/api/sources/",
    ]  # fmt: skip
    return urls


def body_of(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_hostile_query_strings_never_break_a_public_url(client, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1000000/minute"})
    load_dataset(path=SEED_DATASET)
    for url in public_urls():
        hostile_requests_to(client, url)()


def hostile_requests_to(client, url):
    @given(query=RAW_QUERIES)  # examples: the Hypothesis profile (tests/conftest.py)
    def check(query):
        response = client.get(url, QUERY_STRING=query)
        assert response.status_code in (200, 301, 302, 400, 404), (url, query, response.status_code)
        body = body_of(response)
        if response["Content-Type"].startswith(("text/html", "application/xml", "application/atom+xml")):
            assert "<script>alert(" not in body, (url, query)
            assert "<img src=x" not in body, (url, query)

    return check
