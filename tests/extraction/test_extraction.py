"""Quote extraction measured against hand-made gold files: the seed article and two
invented articles (French and English), so the rules are not tuned to one text."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from statements.extraction import ExtractionError, extract, score
from statements.importing import extract_candidates, import_candidates
from statements.loading import SEED_DATASET
from statements.models import Source, Statement
from statements.workflow import WorkflowError
from tests.extraction.speakers import NORTHPORT, VALMONT
from tests.factories import SourceFactory


@pytest.fixture
def seed(shared_seed):
    """Loaded once for this module's tests."""
    return shared_seed


HERE = Path(__file__).parent
SEED_ARTICLE = SEED_DATASET.parent / "paris-2025-09-04.article.txt"
TARGET = 0.9


def gold(name: str) -> list[dict]:
    return json.loads((HERE / "gold" / f"{name}.json").read_text(encoding="utf-8"))


def article(name: str) -> str:
    return (HERE / "articles" / f"{name}.txt").read_text(encoding="utf-8")


def seed_candidates():
    """The seed article extracted again, as from its own source (which first described the
    unnamed German source, so that speaker is offered)."""
    article_source = Source.objects.get(full_text__startswith="date 2025-09-04")
    return extract_candidates(
        text=SEED_ARTICLE.read_text(encoding="utf-8"),
        published=datetime.date(2025, 9, 4),
        language="fr",
        source=article_source,
    )


@pytest.mark.django_db
def test_seed_article_precision_and_recall(seed):
    found = seed_candidates()
    result = score(found, gold("paris-2025-09-04.fr"))
    assert result["precision"] >= TARGET, result
    assert result["recall"] >= TARGET, result
    assert result["wording_accuracy"] >= TARGET, result


@pytest.mark.django_db
def test_seed_article_dates_resolve_jeudi_and_mercredi(seed):
    found = seed_candidates()

    def date_of(start):
        return next(candidate.date for candidate in found if candidate.text.startswith(start))

    assert date_of("Les Européens sont") == "2025-09-03"  # "a annoncé mercredi"
    assert date_of("L'Europe est au rendez-vous") == "2025-09-03"  # the next sentence, same day
    assert date_of("Il n'appartient pas à la Russie") == "2025-09-04"  # "a affirmé jeudi"


@pytest.mark.django_db
def test_seed_pronoun_and_role_description_resolve_to_the_right_speaker(seed):
    found = seed_candidates()
    by_start = {candidate.text[:25]: candidate for candidate in found}
    assert by_start["Ce ne sont pas des garant"].speaker_name == "Maria Zakharova"  # a-t-elle martelé
    assert by_start["Cette force n'a pas pour "].speaker_name == "Emmanuel Macron"  # le président français
    assert by_start['Ces conditions sont "la p'].speaker_name == "Unnamed German government source"  # la même source
    # The lead sentences are Zakharova's: the article quotes their quoted words in full from her.
    assert by_start["La Russie a dénoncé jeudi"].speaker_name == "Maria Zakharova"


@pytest.mark.django_db
def test_an_unnamed_source_is_offered_only_for_the_article_that_described_it(seed):
    found = extract_candidates(
        text=SEED_ARTICLE.read_text(encoding="utf-8"), published=datetime.date(2025, 9, 4), language="fr"
    )
    by_start = {candidate.text[:25]: candidate for candidate in found}
    assert by_start['Ces conditions sont "la p'].speaker_id is None


def test_scare_quotes_are_not_statements_of_their_own():
    found = extract(article("valmont.fr"), published=datetime.date(2024, 3, 13), speakers=VALMONT)
    assert not any(candidate.text == "processus de Valmont" for candidate in found)
    assert not any(candidate.text.startswith("aucun accord sans") for candidate in found)


@pytest.mark.parametrize(
    ("name", "published", "language", "speakers"),
    [
        ("valmont.fr", datetime.date(2024, 3, 13), "fr", VALMONT),
        ("northport.en", datetime.date(2024, 5, 17), "en", NORTHPORT),
    ],
)
def test_invented_articles_precision_and_recall(name, published, language, speakers):
    result = score(extract(article(name), published=published, language=language, speakers=speakers), gold(name))
    assert result["precision"] >= TARGET, result
    assert result["recall"] >= TARGET, result


def test_quote_split_by_an_incise_is_one_statement():
    found = extract(article("valmont.fr"), published=datetime.date(2024, 3, 13), speakers=VALMONT)
    (split,) = [candidate for candidate in found if "patience" in candidate.text]
    assert split.text == "La patience a des limites […] et ces limites sont atteintes depuis l'hiver dernier"
    assert (split.speaker_name, split.wording) == ("Hélène Marchetti", "verbatim")


def test_relative_days_in_english():
    text = 'Brenner said on Thursday that talks "will not resume before the summer at the earliest".\n'
    text += '"We are not in a hurry, and neither are they," Brenner said yesterday.'
    found = extract(text, published=datetime.date(2024, 5, 17), language="en", speakers=NORTHPORT)
    assert [candidate.date for candidate in found] == ["2024-05-16", "2024-05-16"]


def test_unknown_speaker_is_proposed_as_new():
    found = extract(
        "« Nous refusons ce texte en bloc », a déclaré Zora Pietrangeli.", published=datetime.date(2024, 1, 5)
    )
    assert (found[0].proposal, found[0].speaker_name) == ("new speaker", "Zora Pietrangeli")


def test_unnamed_source_is_proposed_as_such():
    found = extract(
        "Le texte sera prêt à temps pour la réunion de juin, a indiqué une source proche du dossier.",
        published=datetime.date(2024, 1, 5),
    )
    assert found[0].proposal == "unnamed source"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Le ciel était gris sur Valmont, et personne n'a rien dit de notable.",
        '"""«»«»“”',
    ],
)
def test_texts_without_statements_give_none(text):
    assert extract(text, published=datetime.date(2024, 1, 5)) == []


def test_unbalanced_quotation_marks_give_at_most_low_confidence_candidates():
    found = extract("« Une citation sans fin, a dit quelqu'un. Et « une autre.", published=datetime.date(2024, 1, 5))
    assert all(candidate.confidence < 0.5 for candidate in found)


def test_binary_garbage_is_refused_clearly():
    with pytest.raises(ExtractionError, match="does not look like text"):
        extract("\x00\x01\x02" * 1000, published=datetime.date(2024, 1, 5))


def test_a_megabyte_of_article_is_extracted_whole():
    """Its speed is measured in benchmarks/extraction.py, not here."""
    copies = 1_000_000 // len(article("valmont.fr")) + 1
    text = (article("valmont.fr") + "\n") * copies
    found = extract(text, published=datetime.date(2024, 3, 13), speakers=VALMONT)
    assert len(found) == 7 * copies


@pytest.mark.django_db
def test_command_prints_candidates_as_json(seed, capsys):
    call_command("extract_quotes", str(SEED_ARTICLE), "--date", "2025-09-04", "--lang", "fr", "--json")
    candidates = json.loads(capsys.readouterr().out)
    assert len(candidates) == 19
    assert candidates[0]["speaker_name"] == "Emmanuel Macron"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [(["/no/such/file", "--date", "2025-09-04"], "No file"), ([str(SEED_ARTICLE), "--date", "jeudi"], "not a date")],
)
def test_command_refuses_bad_arguments_clearly(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("extract_quotes", *arguments)


@pytest.mark.django_db
def test_import_creates_drafts_once(seed, editor, django_user_model):
    reader = django_user_model.objects.create_user("lectrice")
    text = article("valmont.fr").replace("Hélène Marchetti", "Emmanuel Macron")
    found = [
        c for c in extract_candidates(text=text, published=datetime.date(2024, 3, 13), language="fr") if c.speaker_id
    ]
    source = SourceFactory()
    with pytest.raises(WorkflowError, match="may not add"):
        import_candidates(source=source, candidates=found, user=reader)
    first = import_candidates(source=source, candidates=found, user=editor)
    assert first.created and all(statement.status == "draft" for statement in first.created)
    again = import_candidates(source=source, candidates=found, user=editor)
    assert again.created == []
    assert len(again.duplicates) == len(found)
    assert Statement.objects.reported_from([source]).count() == len(first.created)


def test_curly_quotes_and_nested_quotes():
    text = "“We will not accept what they call ‘a compromise’ on the harbour,” Brenner said on Thursday."
    (found,) = extract(text, published=datetime.date(2024, 5, 17), language="en", speakers=NORTHPORT)
    assert found.text == "We will not accept what they call ‘a compromise’ on the harbour,"
    assert (found.speaker_name, found.wording, found.date) == ("Aldo Brenner", "verbatim", "2024-05-16")


def test_guillemets_without_inner_spaces_and_nested_straight_quotes():
    text = (
        '«Nous refusons ce qu\'ils appellent un "accord équilibré" sans la moindre garantie», a dit Hélène Marchetti.'
    )
    (found,) = extract(text, published=datetime.date(2024, 3, 13), speakers=VALMONT)
    assert found.text == 'Nous refusons ce qu\'ils appellent un "accord équilibré" sans la moindre garantie'
    assert found.speaker_name == "Hélène Marchetti"


@pytest.mark.django_db
def test_command_prints_numbered_lines_without_json(seed, capsys):
    call_command("extract_quotes", str(SEED_ARTICLE), "--date", "2025-09-04", "--lang", "fr")
    out = capsys.readouterr().out
    assert out.startswith("  1. [reported] Emmanuel Macron (existing), 2025-09-04")
    assert not out.lstrip().startswith("[")
