"""One remark, many reports: joint statements, several renderings of one remark, dates
with their uncertainty, corrections, unnamed sources, the public surfaces that show them."""

import csv
import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from statements import workflow
from statements.models import Correction, Report, Speaker, Statement, StatementSpeaker
from tests.admin.conftest import statement_form
from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    RoleFactory,
    SourceFactory,
    SpeakerFactory,
    StatementFactory,
)

pytestmark = pytest.mark.django_db
LIST = reverse("statements:list")


def listed_ids(client, **params) -> list[int]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return list(response.context["paginator"].object_list)


@pytest.fixture
def joint(index):
    """A communiqué of two invented governments, signed by both ministers."""
    arcadia = CountryFactory(iso_alpha2="XA", iso_alpha3="XAA", name_en="Arcadia", slug="arcadia")
    borduria = CountryFactory(iso_alpha2="XB", iso_alpha3="XBB", name_en="Borduria", slug="borduria")
    since = datetime.date(2020, 1, 1)
    anna = RoleFactory(speaker=SpeakerFactory(name="Anna Arcadienne", slug="anna"), country=arcadia, start_date=since)
    boris = RoleFactory(speaker=SpeakerFactory(name="Boris Bordure", slug="boris"), country=borduria, start_date=since)
    statement = StatementFactory(
        speakers=[anna.speaker, boris.speaker],
        text="Les deux gouvernements s'engagent à rouvrir la frontière.",
        source=SourceFactory(kind="communique", title="Communiqué conjoint"),
    )
    for credit in statement.statement_speakers.all():
        credit.capacity = StatementSpeaker.Capacity.CO_SIGNATORY
        credit.save()
    index()
    return statement


def test_a_joint_statement_is_found_under_each_co_signatory(client, joint):
    assert listed_ids(client, speaker="anna") == [joint.pk]
    assert listed_ids(client, speaker="boris") == [joint.pk]
    assert listed_ids(client, speaker=["anna", "boris"]) == [joint.pk]


def test_a_joint_statement_is_filed_under_each_countrys_name(client, joint):
    assert listed_ids(client, country="XA") == [joint.pk]
    assert listed_ids(client, country="XB") == [joint.pk]
    assert client.get(reverse("statements:country", kwargs={"slug": "borduria"})).context["paginator"].count == 1


def test_a_joint_statement_counts_once_per_country_and_speaker_in_facets(client, joint):
    facets = {facet.label: {v.label: v.count for v in facet.values} for facet in client.get(LIST).context["facets"]}
    assert facets["Country"] == {"Arcadia": 1, "Borduria": 1}
    assert facets["Speaker"] == {"Anna Arcadienne": 1, "Boris Bordure": 1}


def test_a_joint_statement_names_every_signatory_on_its_page_and_in_citations(client, joint):
    body = client.get(joint.get_absolute_url()).content.decode()
    assert "Anna Arcadienne" in body and "Boris Bordure" in body
    assert "(co-signatory)" in body
    bibtex = client.get(reverse("statements:cite_bibtex", args=[joint.pk])).content.decode()
    assert "author = {{Anna Arcadienne} and {Boris Bordure}}" in bibtex


@pytest.fixture
def two_reports(index):
    """One remark printed by an agency in direct speech and by a paper in indirect speech."""
    agency = OrganisationFactory(name="Agence inventée", kind="media")
    paper = OrganisationFactory(name="Le Quotidien inventé", kind="media")
    statement = StatementFactory(
        original_language="fr",
        reports=[
            {
                "text": "Nous ne signerons aucun accord sans garanties.",
                "mode": "direct",
                "source": SourceFactory(outlet=agency, published_on=datetime.date(2024, 3, 2)),
            },
            {
                "text": "La ministre a exclu tout accord dépourvu de garanties.",
                "mode": "indirect",
                "attribution": "selon le quotidien",
                "source": SourceFactory(outlet=paper, published_on=datetime.date(2024, 3, 1)),
            },
        ],
    )
    index()
    return statement


def test_a_statement_with_two_reports_is_listed_once(client, two_reports):
    assert listed_ids(client) == [two_reports.pk]
    assert listed_ids(client, q="garanties") == [two_reports.pk]
    assert listed_ids(client, mode=["direct", "indirect"]) == [two_reports.pk]
    assert client.get(LIST).context["paginator"].count == 1


def test_its_page_lists_both_reports_with_their_sources_display_report_first(client, two_reports):
    body = client.get(two_reports.get_absolute_url()).content.decode()
    assert "As reported in 2 sources" in body
    assert body.count('<li class="report') == 2
    assert body.index("Agence inventée") < body.index("Le Quotidien inventé")
    assert "La ministre a exclu tout accord dépourvu de garanties." in body
    assert "selon le quotidien" in body


def test_the_list_shows_the_display_report_and_highlights_it(client, two_reports):
    body = client.get(LIST, {"q": "garanties"}).content.decode()
    assert "<mark>garanties</mark>" in body
    assert "La ministre a exclu" not in body


def test_the_default_display_report_is_the_original_language_direct_quote_else_the_earliest():
    statement = StatementFactory(original_language="fr", text="Traduction", language="en")
    Report.objects.filter(statement=statement).update(is_display=False)
    direct = statement.reports.create(source=SourceFactory(), text="Citation directe.", language="fr", mode="direct")
    assert workflow.ensure_display_report(statement) == direct
    unknown = StatementFactory(original_language="")
    Report.objects.filter(statement=unknown).update(is_display=False)
    earlier = unknown.reports.create(
        source=SourceFactory(published_on=datetime.date(2020, 1, 1)), text="Plus tôt.", language="fr", mode="direct"
    )
    assert workflow.ensure_display_report(unknown) == earlier


def test_downloads_have_one_row_per_statement_and_every_report_in_json(client, two_reports):
    text = b"".join(client.get(LIST, {"format": "csv"}).streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 1
    assert (rows[0]["text"], rows[0]["report_count"]) == ("Nous ne signerons aucun accord sans garanties.", "2")
    (item,) = json.loads(b"".join(client.get(LIST, {"format": "json"}).streaming_content))
    assert [report["mode"] for report in item["reports"]] == ["direct", "indirect"]
    assert item["reports"][0]["is_display"] is True


def test_the_api_nests_reports_and_speakers(client, two_reports):
    item = client.get(f"/api/statements/{two_reports.pk}/").json()
    assert len(item["reports"]) == 2
    assert item["reports"][1]["attribution"] == "selon le quotidien"
    assert item["speakers"][0]["capacity"] == "author"


def test_the_sources_api_lists_every_source_of_a_published_report(client, two_reports):
    titles = {source["title"] for source in client.get("/api/sources/").json()["results"]}
    assert titles == {report.source.title for report in two_reports.reports.all()}


def test_an_on_or_before_date_is_said_so_and_filtered_at_its_latest_day(client, index):
    statement = StatementFactory(date=datetime.date(2024, 3, 4), date_earliest=None, date_basis="inferred")
    index()
    body = client.get(statement.get_absolute_url()).content.decode()
    assert "on or before 4 March 2024" in body
    assert "inferred from the source&#x27;s publication date" in body
    assert listed_ids(client, date_from="2024-03-04") == [statement.pk]
    assert listed_ids(client, date_to="2024-03-03") == []


def test_a_month_is_found_by_any_day_range_that_overlaps_it(client, index):
    statement = StatementFactory(
        date=datetime.date(2024, 3, 31), date_earliest=datetime.date(2024, 3, 1), date_precision="month"
    )
    index()
    assert listed_ids(client, date_from="2024-03-10", date_to="2024-03-12") == [statement.pk]
    assert listed_ids(client, year="2024") == [statement.pk]
    assert listed_ids(client, date_to="2024-02-29") == []


def test_a_time_and_its_zone_are_shown_when_known(client):
    statement = StatementFactory(time=datetime.time(14, 5), time_zone="Europe/Paris")
    body = client.get(statement.get_absolute_url()).content.decode()
    assert "14:05 (Europe/Paris)" in body


def test_an_unknown_time_zone_is_refused_clearly():
    statement = StatementFactory.build(date=datetime.date(2024, 3, 1), time=datetime.time(9), time_zone="Mars/Olympus")
    with pytest.raises(ValidationError, match="Unknown time zone"):
        statement.clean()


def test_a_statement_cannot_be_published_without_a_report(chief):
    statement = Statement.objects.create(date=datetime.date(2024, 3, 1), date_earliest=datetime.date(2024, 3, 1))
    statement.statement_speakers.create(speaker=SpeakerFactory())
    with pytest.raises(workflow.WorkflowError, match="at least one report"):
        workflow.publish(statement=statement, user=chief)
    assert Statement.objects.get(pk=statement.pk).status == "draft"


def test_publishing_makes_one_report_the_display_report(chief):
    statement = StatementFactory(draft=True)
    Report.objects.filter(statement=statement).update(is_display=False)
    workflow.publish(statement=statement, user=chief)
    assert statement.reports.filter(is_display=True).count() == 1


def test_a_correction_is_recorded_and_shown_when_published_text_changes(client, chief_client):
    statement = StatementFactory(text="Nous partirons lundi.")
    data = statement_form(statement, text="Nous partirons mardi.", correction_note="The quote said Monday.")
    response = chief_client.post(reverse("admin:statements_statement_change", args=[statement.pk]), data)
    assert response.status_code == 302
    correction = Correction.objects.get(statement=statement)
    assert (correction.note, correction.changed) == ("The quote said Monday.", "words")
    page = client.get(statement.get_absolute_url()).content.decode()
    assert "The quote said Monday." in page
    feed = client.get(reverse("statements:corrections"), {"format": "atom"}).content.decode()
    assert "The quote said Monday." in feed
    assert "The quote said Monday." in client.get(reverse("statements:corrections")).content.decode()


def test_an_edit_that_changes_no_words_writes_no_correction(chief_client):
    statement = StatementFactory()
    data = statement_form(statement, place="Ailleurs")
    chief_client.post(reverse("admin:statements_statement_change", args=[statement.pk]), data)
    assert not Correction.objects.exists()


def test_a_correction_without_a_note_says_what_changed():
    statement = StatementFactory()
    before = workflow.substance(statement)
    Statement.objects.filter(pk=statement.pk).update(date=datetime.date(2024, 2, 1), date_earliest=None)
    statement.refresh_from_db()
    correction = workflow.record_correction(statement=statement, before=before)
    assert correction.note == "The archive corrected the date of this statement."


def test_drafts_get_no_correction_notes():
    statement = StatementFactory(draft=True)
    before = workflow.substance(statement)
    Report.objects.filter(statement=statement).update(text="Autre chose.")
    assert workflow.record_correction(statement=statement, before=before) is None


def test_corrections_of_unpublished_statements_stay_private(client):
    statement = StatementFactory(retracted=True)
    Correction.objects.create(statement=statement, note="Note sur une citation retirée.")
    assert "Note sur une citation retirée." not in client.get(reverse("statements:corrections")).content.decode()
    feed = client.get(reverse("statements:corrections"), {"format": "atom"}).content.decode()
    assert "Note sur une citation retirée." not in feed


def test_an_editor_merges_two_unnamed_sources_explicitly(chief):
    first = SpeakerFactory(kind="anonymous", name="Source A", described_as="une source diplomatique")
    second = SpeakerFactory(kind="anonymous", name="Source B", described_as="une source diplomatique")
    statement = StatementFactory(speaker=second)
    workflow.merge_speakers(target=first, others=[second], user=chief)
    assert not Speaker.objects.filter(pk=second.pk).exists()
    assert statement.statement_speakers.get().speaker == first
    assert set(first.aliases.values_list("name", flat=True)) == {"Source B", "une source diplomatique"}


def test_an_editor_may_not_merge_speakers(editor):
    first, second = SpeakerFactory(), SpeakerFactory()
    with pytest.raises(workflow.WorkflowError):
        workflow.merge_speakers(target=first, others=[second], user=editor)
    assert Speaker.objects.filter(pk=second.pk).exists()


def test_editor_only_source_text_and_notes_never_reach_a_public_surface(client, index):
    source = SourceFactory(full_text="TEXTE-INTEGRAL-PRIVE", notes="NOTE-EDITEUR-PRIVEE")
    statement = StatementFactory(source=source, excerpt="Le paragraphe public.")
    index()
    urls = [
        statement.get_absolute_url(),
        LIST,
        LIST + "?format=csv",
        LIST + "?format=json",
        LIST + "?format=atom",
        f"/api/statements/{statement.pk}/",
        f"/api/sources/{source.pk}/",
        reverse("statements:cite_csl", args=[statement.pk]),
        reverse("statements:cite_bibtex", args=[statement.pk]),
    ]
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"TEXTE-INTEGRAL-PRIVE" not in body, url
        assert b"NOTE-EDITEUR-PRIVEE" not in body, url
    assert "Le paragraphe public." in client.get(statement.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("entered", "expected"),
    [
        # (date, earliest, precision, basis) as typed → (earliest, latest) stored
        ((datetime.date(2024, 3, 5), None, "day", "stated"), (datetime.date(2024, 3, 5), datetime.date(2024, 3, 5))),
        ((datetime.date(2024, 3, 5), None, "day", "inferred"), (None, datetime.date(2024, 3, 5))),
        (
            (datetime.date(2024, 2, 10), None, "month", "stated"),
            (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        ),
        (
            (datetime.date(2024, 2, 10), None, "year", "resolved"),
            (datetime.date(2024, 1, 1), datetime.date(2024, 12, 31)),
        ),
        (
            (datetime.date(2024, 3, 5), datetime.date(2024, 3, 1), "day", "stated"),
            (datetime.date(2024, 3, 1), datetime.date(2024, 3, 5)),
        ),
    ],
)
def test_the_date_an_editor_types_becomes_the_range_it_means(entered, expected):
    date, earliest, precision, basis = entered
    statement = Statement(date=date, date_earliest=earliest, date_precision=precision, date_basis=basis)
    statement.clean()
    assert (statement.date_earliest, statement.date) == expected
