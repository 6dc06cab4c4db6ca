"""Every citation download of the seed, read by the software researchers cite with:
CSL-JSON through citeproc-py (the engine behind Zotero-style formatting), BibTeX
through pybtex's `plain` style. The quote keeps its capitals, the author is the
speaker's name alone, the date keeps its day."""

import warnings

import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from statements.models import Statement

pytestmark = pytest.mark.django_db(transaction=True)


def published():
    statements = list(Statement.objects.published().with_card_relations().order_by("id"))
    assert len(statements) == 16
    return statements


def test_every_csl_json_download_renders_through_citeproc(site, live_seed):
    warnings.filterwarnings("error", module="citeproc")  # it warns of any variable it does not know
    for statement in published():
        (item,) = site.get(f"/en/statements/{statement.pk}/cite.json").json()
        style = CitationStylesStyle("harvard-cite-them-right", validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"])]))
        rendered = str(bibliography.bibliography()[0])
        quote = statement.display_report.text
        assert quote[:40] in rendered, (statement.pk, rendered)
        speaker = statement.credit_list[0].speaker
        name = speaker.sort_name.split(",")[0] if speaker.kind == "person" else speaker.name
        assert name in rendered, (statement.pk, rendered)
        # The author is a name, never "name, role".
        assert all("," not in author.get("literal", "") for author in item["author"]), item["author"]
        assert item["issued"]["date-parts"][0][:3] == [statement.date.year, statement.date.month, statement.date.day]


def test_every_bibtex_download_renders_through_pybtex_with_its_capitals(site, live_seed):
    style = find_plugin("pybtex.style.formatting", "plain")()
    backend = find_plugin("pybtex.backends", "text")()
    for statement in published():
        bib = site.get(f"/en/statements/{statement.pk}/cite.bib").text
        data = parse_string(bib, "bibtex")
        (entry,) = data.entries.values()
        assert entry.fields["date"] == statement.date.isoformat()
        assert entry.fields["urldate"]
        assert entry.fields["langid"] in {"french", "english", "german", "russian", "ukrainian"}
        names = [str(person) for person in entry.persons["author"]]
        assert names == ["{" + credit.speaker.name + "}" for credit in statement.credit_list]
        rendered = "".join(formatted.text.render(backend) for formatted in style.format_entries(data.entries.values()))
        quote = statement.display_report.text
        # A capital after the first word survives (plain lowercases unprotected titles).
        capitals = [word for word in quote.split()[1:12] if word[:1].isupper()]
        for word in capitals:
            assert word.strip("«»“”\"',.:;!?()[]…") in rendered, (statement.pk, word, rendered)


def test_a_role_is_in_the_note_not_in_the_author(site, live_seed):
    rutte = next(statement for statement in published() if statement.speaker_names == "Mark Rutte")
    (item,) = site.get(f"/en/statements/{rutte.pk}/cite.json").json()
    assert item["author"] == [{"family": "Rutte", "given": "Mark"}]
    assert "secrétaire général de l'Otan" in item["note"]
    bib = parse_string(site.get(f"/en/statements/{rutte.pk}/cite.bib").text, "bibtex")
    assert "secrétaire général de l'Otan" in next(iter(bib.entries.values())).fields["note"]
