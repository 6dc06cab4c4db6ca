"""Bulk import from CSV (statements/csv_import.py, `manage.py import_statements`): all rows
or none, idempotent on the rows' ids, each row written once with its search vector."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from statements import csv_import
from statements.csv_import import ImportRefused, import_statements
from statements.models import Country, Report, Source, Speaker, SpeakerAlias, Statement, StatementSpeaker, Summit, Topic
from statements.search import refresh_search_vectors
from tests.factories import CountryFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

HEADER = "id,date,speaker,country,language,text,role,summit,source_url,outlet,topics,speech_mode\n"
GOOD = (
    HEADER
    + 'v-1,2031-05-04,Ilse Varnow,XV,fr,"Nous tiendrons, ""quoi qu\'il arrive"".",ministre des affaires étrangères,'
    "Sommet de Brelune,https://example.org/a?utm_source=x,La Gazette de Brelune,Sécurité; Ports ,\n"
    "v-2,2031-05,ilse varnow,XV,fr,La réponse viendra.,,,,,,indirect\n"
    'v-3,2031,Tomas Quell,,en,"We will not\nstand aside.",,sommet de brelune,,Wire Agency,Ports,paraphrase\n'
    "v-4,2031-05-05,Old Name,XV,en,Ready.,,,,,,\n"
)


@pytest.fixture
def world():
    CountryFactory(iso_alpha2="XV", name_en="Valdoria")
    alias_holder = SpeakerFactory(name="Marta Oldname")
    SpeakerAlias.objects.create(speaker=alias_holder, name="Old Name")
    return alias_holder


def imported(text: str, **options):
    return import_statements(io.StringIO(text), file_name="archive.csv", **options)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in (Statement, Report, Speaker, Source, Summit, Topic)}


def test_a_file_becomes_statements_with_their_reports_speakers_and_references(world):
    result = imported(GOOD)
    assert (result.rows, result.created, result.already_there, result.new_speakers) == (4, 4, 0, 2)
    first = Statement.objects.get(import_ref="v-1")
    assert first.status == Statement.Status.DRAFT
    assert str(first.date) == "2031-05-04" and first.date_precision == "day"
    report = first.reports.get()
    assert report.text == 'Nous tiendrons, "quoi qu\'il arrive".'
    assert (report.mode, report.language, report.is_display) == ("direct", "fr", True)
    assert report.source.url == "https://example.org/a"  # normalised: tracking parameters gone
    assert report.source.outlet.name_as_recorded == "La Gazette de Brelune"
    credit = first.statement_speakers.get()
    assert (credit.speaker.name, credit.country.iso_alpha2) == ("Ilse Varnow", "XV")
    assert credit.role.title_fr == "ministre des affaires étrangères"
    assert credit.role.level == "minister"  # read from the title, as when an editor saves a role
    assert first.summit.name_as_recorded == "Sommet de Brelune"
    assert sorted(first.topics.values_list("name_en", flat=True)) == ["Ports", "Sécurité"]

    month = Statement.objects.get(import_ref="v-2")
    assert (str(month.date_earliest), str(month.date), month.date_precision) == ("2031-05-01", "2031-05-31", "month")
    assert month.statement_speakers.get().speaker == credit.speaker  # matched by name, case aside
    year = Statement.objects.get(import_ref="v-3")
    assert year.reports.get().text == "We will not\nstand aside."
    assert year.summit == first.summit  # matched by name, case aside
    assert year.statement_speakers.get().country is None
    assert Statement.objects.get(import_ref="v-4").statement_speakers.get().speaker == world  # by alias
    assert Topic.objects.filter(name_en="Ports").count() == 1


def test_search_vectors_and_facet_values_are_those_the_archive_computes(world):
    imported(GOOD, status=Statement.Status.PUBLISHED)
    written = dict(Statement.objects.values_list("id", "search_vector"))
    facet_values = {pk: sorted(values) for pk, values in Statement.objects.values_list("id", "facet_values")}
    refresh_search_vectors()
    assert dict(Statement.objects.values_list("id", "search_vector")) == written
    assert {pk: sorted(values) for pk, values in Statement.objects.values_list("id", "facet_values")} == facet_values
    valdoria = Country.objects.get(iso_alpha2="XV")
    assert sorted(Statement.objects.for_countries([valdoria]).values_list("import_ref", flat=True)) == [
        "v-1",
        "v-2",
        "v-4",
    ]
    assert Statement.objects.published().search("tiendrons").get().import_ref == "v-1"
    assert Statement.objects.published().search("Valdoria").count() == 3  # the country's name is in the vector


def test_importing_the_same_file_again_creates_nothing(world):
    imported(GOOD)
    before = counts()
    result = imported(GOOD + "v-5,2031-06-01,Tomas Quell,,en,Later.,,,,,,\n")
    assert (result.created, result.already_there, result.new_speakers) == (1, 4, 0)
    assert counts()["Statement"] == before["Statement"] + 1
    assert counts()["Speaker"] == before["Speaker"]


def test_a_bad_row_refuses_the_file_naming_each_bad_line_and_writes_nothing(world):
    before = counts()
    bad = (
        GOOD
        + "v-6,2031-13-01,Tomas Quell,XV,en,Bad month.,,,,,,\n"
        + 'v-7,2031-06-01,Tomas Quell,ZZ,en,"Two\nlines, unknown country.",,,,,,\n'
        + "v-1,2031-06-01,Tomas Quell,XV,en,Repeated id.,,,,,,\n"
        + "v-8,2031-06-01,,XV,xx,,,,not a url,,,shouted\n"
        + "v-9,2031-06-01,Tomas Quell,XV,en,NUL \x00 here.,,,,,,\n"
        + "v-10,2031-06-01,Tomas Quell,,en,Role without a country.,Envoy,,,,,\n"
    )
    with pytest.raises(ImportRefused) as refused:
        imported(bad)
    errors = refused.value.errors
    assert errors[0].startswith("line 7:") and "YYYY-MM-DD" in errors[0]
    assert errors[1].startswith("line 8:") and "'ZZ'" in errors[1]
    assert errors[2].startswith("line 10:") and "already on line 2" in errors[2]
    assert errors[3].startswith("line 11:")
    for problem in ("speaker is empty", "text is empty", "'xx'", "source_url", "speech_mode"):
        assert problem in errors[3]
    assert errors[4].startswith("line 12:") and "NUL" in errors[4]
    assert errors[5].startswith("line 13:") and "role needs the country" in errors[5]
    assert refused.value.total == 6
    assert counts() == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,date,speaker,language,text\n", "missing column(s): country"),
        (HEADER.strip() + ",mood\n", "unknown column(s): mood"),
        (HEADER, "no rows"),
        ("", "missing column(s)"),
        (HEADER + "v-1,2031-05-04,A,XV,en,Too,many,,,,,,,extra\n", "more fields than columns"),
        (HEADER + 'v-1,2031-05-04,A,XV,en,"An unclosed quote\n', "line 2: unexpected end of data"),
        (HEADER + 'v-1,2031-05-04,A,XV,en,"Closed" then not,,,,,,\n', "line 2: ',' expected"),
    ],
)
def test_a_file_of_the_wrong_shape_is_refused(world, text, message):
    with pytest.raises(ImportRefused, match=message.replace("(", r"\(").replace(")", r"\)")):
        imported(text)
    assert not Statement.objects.exists()


def test_the_command_imports_and_answers_bad_files_clearly(world, tmp_path, capsys):
    path = tmp_path / "archive.csv"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())  # with a byte-order mark, as spreadsheets write
    call_command("import_statements", str(path), "--status", "published", verbosity=0)
    assert "4 statements imported (published)" in capsys.readouterr().out
    assert Statement.objects.published().count() == 4
    path.write_bytes(HEADER.encode() + "v-9,2031-06-01,Tomas Quell,XV,en,caf\xe9\n".encode("latin-1"))
    with pytest.raises(CommandError, match="line 2: not UTF-8"):
        call_command("import_statements", str(path), verbosity=0)
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_statements", str(tmp_path / "missing.csv"), verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_an_import_commits_whole():
    """Foreign keys are checked at commit (they are deferred): a committed import is whole."""
    CountryFactory(iso_alpha2="XV")
    imported(GOOD)
    assert StatementSpeaker.objects.count() == Report.objects.count() == Statement.objects.count() == 4
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM statements_statement WHERE search_vector IS NULL")
        assert cursor.fetchone() == (0,)


def test_chief_editors_import_a_file_in_the_admin_and_read_what_was_wrong(world, chief_client, editor_client):
    url = reverse("admin:statements_statement_import_csv")
    assert editor_client.get(url).status_code == 403
    changelist = chief_client.get(reverse("admin:statements_statement_changelist")).content.decode()
    assert url in changelist
    bad = SimpleUploadedFile("archive.csv", (GOOD + "v-6,2031-13-01,Tomas Quell,XV,en,Bad.,,,,,,\n").encode())
    page = chief_client.post(url, {"file": bad, "status": "draft"}).content.decode()
    assert "Nothing was imported: 1 bad row(s)." in page and "line 7:" in page
    assert not Statement.objects.exists()
    good = SimpleUploadedFile("archive.csv", GOOD.encode())
    response = chief_client.post(url, {"file": good, "status": "published"}, follow=True)
    assert "4 statements imported, 0 already in the archive, 2 new speakers." in response.content.decode()
    assert Statement.objects.published().count() == 4
    assert Statement.objects.filter(created_by__username="rédacteur-en-chef").count() == 4


def test_the_admin_sends_large_files_to_the_command(world, chief_client, monkeypatch):
    monkeypatch.setattr(csv_import, "ADMIN_MAX_ROWS", 3)
    upload = SimpleUploadedFile("archive.csv", GOOD.encode())  # 4 rows
    page = chief_client.post(reverse("admin:statements_statement_import_csv"), {"file": upload, "status": "draft"})
    assert "more than 3 rows: import larger files with manage.py import_statements" in page.content.decode()
    assert not Statement.objects.exists()
