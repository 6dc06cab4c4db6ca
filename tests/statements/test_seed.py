"""The Paris 2025-09-04 seed: the article's remarks, each with its reports, speakers and dates."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from statements import loading
from statements.loading import SEED_DATASET, load_dataset
from statements.models import (
    Country,
    Organisation,
    Report,
    Role,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementLink,
    StatementSpeaker,
    Summit,
    Topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed(shared_seed):
    """Loaded once for this module's tests."""
    return shared_seed


MODELS = [
    Country, Organisation, Speaker, SpeakerAlias, Role, Summit, Source, Topic, Statement, Report, StatementSpeaker,
    StatementLink,
]  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def seed_statement(text_start: str) -> Statement:
    """The statement one of whose reports starts with `text_start`."""
    return Statement.objects.select_related("summit").filter(reports__text__startswith=text_start).distinct().get()


def test_loading_twice_gives_the_same_counts(seed):
    before = counts()
    report = load_dataset(path=SEED_DATASET)
    assert counts() == before
    assert (report.created, report.updated) == ({}, {})


def test_loading_twice_keeps_publication_times(seed):
    before = dict(Statement.objects.values_list("import_ref", "published_at"))
    load_dataset(path=SEED_DATASET)
    assert dict(Statement.objects.values_list("import_ref", "published_at")) == before


def test_reloading_repairs_an_edited_seed_row(seed):
    report = Report.objects.get(import_ref="paris-2025-09-04/02")
    Report.objects.filter(pk=report.pk).update(mode="paraphrase")
    load_dataset(path=SEED_DATASET)
    report.refresh_from_db()
    assert report.mode == "direct"


def test_the_article_holds_sixteen_remarks_in_twenty_reports(seed):
    assert Statement.objects.published().count() == 16
    assert Report.objects.count() == 20
    assert not Statement.objects.exclude(reports__is_display=True).exists()  # one display report each


def test_the_phrase_garanties_de_danger_finds_one_statement_by_zakharova_with_two_reports(seed):
    found = Statement.objects.published().search('"garanties de danger"')
    assert found.count() == 1
    statement = found.get()
    assert statement.speaker_names == "Maria Zakharova"
    assert statement.reports.count() == 2


def test_zakharova_speaks_on_behalf_of_russia_and_no_pseudo_speaker_russia(seed):
    statement = seed_statement("Ce ne sont pas des garanties de sécurité")
    (credit,) = statement.credit_list
    assert (credit.speaker.name, credit.capacity, credit.country.iso_alpha2) == (
        "Maria Zakharova",
        "spokesperson",
        "RU",
    )
    assert credit.role.title == "porte-parole de la diplomatie russe"
    assert not Speaker.objects.filter(name__startswith="Russia").exists()


def test_the_lead_sentences_are_reports_of_zakharovas_remarks(seed):
    denounced = Report.objects.get(text__startswith="La Russie a dénoncé jeudi")
    warned = Report.objects.get(text__startswith="La Russie a averti jeudi")
    assert denounced.mode == warned.mode == "mixed"
    assert denounced.statement.speaker_names == warned.statement.speaker_names == "Maria Zakharova"
    assert denounced.statement.display_report.mode == "direct"
    assert warned.statement.display_report.text.startswith("La Russie n'a pas l'intention")


def test_rutte_and_zakharova_french_words_are_the_outlets_renderings(seed):
    for start in ("Il n'appartient pas", "Pourquoi nous intéressons-nous", "Ce ne sont pas", "La Russie n'a pas"):
        report = Report.objects.get(text__startswith=start)
        assert (report.is_translation, report.translated_by, report.translated_from) == (True, "outlet", "")
        assert report.statement.original_language == ""  # the article does not give it


def test_no_answers_link_the_article_does_not_make(seed):
    assert not StatementLink.objects.exists()


def test_the_german_source_statements_are_on_or_before_the_article_date(seed):
    statements = Statement.objects.by_speakers(Speaker.objects.filter(slug="german-government-source"))
    assert statements.count() == 3
    for statement in statements:
        assert (statement.date_earliest, statement.date, statement.date_basis) == (
            None,
            datetime.date(2025, 9, 4),
            "inferred",
        )
        assert statement.date_text.startswith("on or before")


def test_der_spiegel_and_the_afp_confirmation_are_two_reports_of_one_statement(seed):
    statement = seed_statement("Pour soutenir la défense antiaérienne")
    outlets = {report.source.outlet.name for report in statement.reports.select_related("source__outlet")}
    assert outlets == {"Der Spiegel", "Agence France-Presse"}
    for report in statement.reports.select_related("source__reported_in"):
        assert report.source.reported_in.full_text.startswith("date 2025-09-04")


def test_the_elysee_report_leaves_out_the_articles_own_description(seed):
    statement = seed_statement("L'entretien en visioconférence")
    text = statement.display_report.text
    assert "qui appellent Washington" not in text
    assert "[…]" in text
    assert set(statement.countries_mentioned.values_list("iso_alpha2", flat=True)) == {"US", "UA"}


def test_the_cnews_posts_have_no_address_the_article_does_not_give(seed):
    statement = seed_statement("C'est la Russie seule")
    source = statement.display_report.source
    assert source.outlet.name == "CNEWS"
    assert source.url == ""
    assert "pic.twitter.com/zEZySt2sfs" in source.notes
    assert not Source.objects.filter(url__contains="pic.twitter.com").exists()


def test_the_unnamed_german_source_keeps_its_description_and_first_source(seed):
    speaker = Speaker.objects.get(slug="german-government-source")
    assert speaker.kind == Speaker.Kind.ANONYMOUS
    assert speaker.described_as == "une source gouvernementale allemande"
    assert speaker.first_described_in.full_text.startswith("date 2025-09-04")


def test_macron_direct_quote_after_the_summit(seed):
    statement = seed_statement("Cette force n'a pas pour volonté")
    report = statement.display_report
    (credit,) = statement.credit_list
    assert credit.speaker.name == "Emmanuel Macron"
    assert report.mode == "direct"
    assert report.attribution.startswith("a dit le président français")
    assert credit.role.title == "président français"
    assert credit.country.iso_alpha2 == "FR"
    assert statement.summit.slug == "coalition-des-volontaires-paris-2025-09-04"
    assert (statement.date_earliest, statement.date) == (datetime.date(2025, 9, 4),) * 2


def test_wednesday_resolves_to_the_day_before_the_article(seed):
    statement = seed_statement("L'Europe est au rendez-vous")
    assert statement.date == statement.date_earliest == datetime.date(2025, 9, 3)
    assert statement.date_basis == "resolved"
    assert statement.summit is None


def test_countries_mentioned_are_the_same_whichever_report_is_read(seed):
    statement = seed_statement("La Russie n'a pas l'intention")
    assert set(statement.countries_mentioned.values_list("iso_alpha2", flat=True)) == {"RU", "UA"}


def test_every_report_has_the_paragraph_around_it(seed):
    assert not Report.objects.filter(excerpt="").exists()
    report = Report.objects.get(import_ref="paris-2025-09-04/08")
    assert report.excerpt.startswith('"Pourquoi nous intéressons-nous')


def test_zelensky_aliases_are_loaded(seed):
    aliases = set(Speaker.objects.get(slug="volodymyr-zelensky").aliases.values_list("name", flat=True))
    assert aliases == {"Zelenskyy", "Zelenski", "Зеленський"}


def test_nothing_the_article_does_not_say_is_filled_in(seed):
    assert not Role.objects.exclude(start_date=None).exists()
    assert Speaker.objects.exclude(wikidata_id="").count() == 0
    assert not Statement.objects.exclude(time=None).exists()
    paris = Summit.objects.get(slug="coalition-des-volontaires-paris-2025-09-04")
    assert set(paris.participant_countries.values_list("iso_alpha2", flat=True)) == {"FR", "UA"}


def test_every_country_is_loaded_with_french_names(seed):
    assert Country.objects.count() == 249
    assert Country.objects.get(iso_alpha2="DE").name_fr == "Allemagne"


def test_a_statement_that_leaves_the_file_is_removed_after_its_reports_move(seed, tmp_path):
    """Reloading an edited dataset converges: the old row of a merged remark goes."""
    rutte = seed_statement("Pourquoi nous intéressons-nous")
    dataset = SEED_DATASET.read_text(encoding="utf-8")
    start = dataset.index('[[statements.reports]]\nref = "paris-2025-09-04/07"')
    end = dataset.index("[[statements.reports]]", start + 1)
    lead = dataset[start:end]
    split = (
        dataset[:start]
        + dataset[end:]
        + '\n[[statements]]\nref = "paris-2025-09-04/07"\nspeaker = "mark-rutte"\ndate = 2025-09-04\n\n'
        + lead
    )
    path = tmp_path / "paris-2025-09-04.toml"
    path.write_text(split, encoding="utf-8")
    (tmp_path / "paris-2025-09-04.article.txt").write_text(
        (SEED_DATASET.parent / "paris-2025-09-04.article.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    load_dataset(path=path)
    assert rutte.reports.count() == 1
    assert Statement.objects.count() == 17
    load_dataset(path=SEED_DATASET)
    assert rutte.reports.count() == 2
    assert Statement.objects.count() == 16
    assert not Statement.objects.filter(import_ref="paris-2025-09-04/07").exists()


def test_a_row_the_database_refuses_is_explained_by_its_constraint(db):
    """The loader leaves constraints to the database, and names the one that refused."""
    unnamed = Speaker(kind=Speaker.Kind.ANONYMOUS, name="A source", sort_name="Source", slug="a-source")
    with pytest.raises(ValidationError, match="speaker_unnamed_has_description"):
        loading._checked_save(unnamed)
    assert not Speaker.objects.filter(slug="a-source").exists()
    Speaker.objects.create(name="Taken", sort_name="Taken", slug="taken")
    with pytest.raises(ValidationError, match="Slug already exists"):
        loading._checked_save(Speaker(name="Other", sort_name="Other", slug="taken"))


INVENTED_DATASET = """
[dataset]
key = "invented"
language = "fr"
status = "published"

[[speakers]]
key = "anna"
name = "Anna Arcadienne"
country = "{country}"

[[sources]]
key = "wire"
title = "Une dépêche inventée"
url = "https://news.example/invented"

[[statements]]
ref = "invented/01"
speaker = "{speaker}"
date = 2024-03-01

[[statements.reports]]
ref = "invented/01/a"
source = "wire"
text = "Nous tiendrons parole."
mode = "direct"
"""


@pytest.mark.parametrize(
    ("country", "speaker", "refusal"),
    [("ZZ", "anna", "unknown country code 'ZZ'"), ("FR", "boris", "unknown speaker 'boris'")],
)
def test_a_dataset_naming_what_it_does_not_hold_is_refused_by_name(db, tmp_path, country, speaker, refusal):
    path = tmp_path / "invented.toml"
    path.write_text(INVENTED_DATASET.format(country=country, speaker=speaker), encoding="utf-8")
    with pytest.raises(loading.DatasetError, match=refusal):
        load_dataset(path=path)
    assert not Statement.objects.filter(import_ref__startswith="invented/").exists()


def test_a_dataset_loads_without_asking_whether_the_rows_it_just_wrote_exist(db, tmp_path):
    path = tmp_path / "invented.toml"
    path.write_text(INVENTED_DATASET.format(country="FR", speaker="anna"), encoding="utf-8")
    with CaptureQueriesContext(connection) as queries:
        load_dataset(path=path)
    assert Statement.objects.get(import_ref="invented/01").credit_list[0].speaker.name == "Anna Arcadienne"
    # Django's check of a foreign key: SELECT 1 AS "a" FROM "t" WHERE "t"."id" = 12 LIMIT 1.
    existence = re.compile(r'^SELECT 1 AS "a" FROM "(\w+)" WHERE "\1"\."id" = \d+ LIMIT 1$')
    assert not [query["sql"] for query in queries if existence.match(query["sql"])]


def test_a_report_without_its_statement_is_still_refused(db):
    with pytest.raises(ValidationError, match="statement"):
        loading._checked_save(Report(text="Orpheline.", mode="direct", language="fr"))
