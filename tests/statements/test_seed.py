"""The Paris 2025-09-04 seed: the article's statements, with the right speakers and wordings."""

import datetime

import pytest

from statements.models import Country, Organisation, Role, Source, Speaker, SpeakerAlias, Statement, Summit, Topic
from statements.services import SEED_DATASET, load_dataset

pytestmark = pytest.mark.django_db

MODELS = [Country, Organisation, Speaker, SpeakerAlias, Role, Summit, Source, Topic, Statement]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def seed_statement(text_start: str) -> Statement:
    return Statement.objects.select_related("speaker", "role", "country", "source", "summit").get(
        text__startswith=text_start
    )


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
    statement = Statement.objects.get(import_ref="paris-2025-09-04/02")
    Statement.objects.filter(pk=statement.pk).update(wording="paraphrase")
    load_dataset(path=SEED_DATASET)
    statement.refresh_from_db()
    assert statement.wording == "verbatim"


def test_every_statement_of_the_article_is_loaded_and_published(seed):
    assert Statement.objects.count() == 19
    assert Statement.objects.published().count() == 19


def test_macron_direct_quote_after_the_summit(seed):
    statement = seed_statement("Cette force n'a pas pour volonté")
    assert statement.speaker.name == "Emmanuel Macron"
    assert statement.wording == "verbatim"
    assert statement.attribution.startswith("a dit le président français")
    assert statement.role.title == "président français"
    assert statement.country.iso_alpha2 == "FR"
    assert statement.summit.slug == "coalition-des-volontaires-paris-2025-09-04"
    assert statement.date == datetime.date(2025, 9, 4)


def test_rutte_reported_statement_in_his_nato_role(seed):
    statement = seed_statement("Il n'appartient pas à la Russie")
    assert statement.speaker.name == "Mark Rutte"
    assert statement.wording == "reported"
    assert statement.role.organisation.short_name == "NATO"
    assert statement.place == "Prague"


def test_anonymous_german_source_is_one_speaker_filed_under_germany(seed):
    statements = Statement.objects.filter(speaker__slug="german-government-source")
    assert statements.count() == 3
    speaker = statements.first().speaker
    assert speaker.kind == Speaker.Kind.ANONYMOUS
    assert {statement.country.iso_alpha2 for statement in statements} == {"DE"}
    assert set(statements.values_list("wording", flat=True)) == {"reported"}


def test_der_spiegel_report_is_known_through_the_article(seed):
    statement = seed_statement("Pour soutenir la défense antiaérienne")
    assert statement.source.outlet.name == "Der Spiegel"
    assert statement.source.reported_in.full_text.startswith("date 2025-09-04")


def test_cnews_post_quote_keeps_its_source_and_text(seed):
    statement = seed_statement("C'est la Russie seule")
    assert statement.text == "C'est la Russie seule qui a choisi la guerre"
    assert statement.source.outlet.name == "CNEWS"
    assert statement.source.url == "https://pic.twitter.com/zEZySt2sfs"


def test_wednesday_resolves_to_the_day_before_the_article(seed):
    statement = seed_statement("L'Europe est au rendez-vous")
    assert statement.date == datetime.date(2025, 9, 3)
    assert statement.summit is None


def test_zakharova_answers_the_european_guarantees(seed):
    statement = seed_statement("Ce ne sont pas des garanties de sécurité")
    assert statement.speaker.name == "Maria Zakharova"
    assert statement.role.title == "porte-parole de la diplomatie russe"
    assert statement.answers.text.startswith("Les Européens sont")


def test_zelensky_aliases_are_loaded(seed):
    aliases = set(Speaker.objects.get(slug="volodymyr-zelensky").aliases.values_list("name", flat=True))
    assert aliases == {"Zelenskyy", "Zelenski", "Зеленський"}


def test_nothing_the_article_does_not_say_is_filled_in(seed):
    assert not Role.objects.exclude(start_date=None).exists()
    assert Speaker.objects.exclude(wikidata_id="").count() == 0
    paris = Summit.objects.get(slug="coalition-des-volontaires-paris-2025-09-04")
    assert set(paris.participant_countries.values_list("iso_alpha2", flat=True)) == {"FR", "UA"}


def test_every_country_is_loaded_with_french_names(seed):
    assert Country.objects.count() == 249
    assert Country.objects.get(iso_alpha2="DE").name_fr == "Allemagne"
