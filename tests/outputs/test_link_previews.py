"""Statement pages as search engines and link previews read them (extruct: JSON-LD and
Open Graph): a schema.org Quotation with its creator, date, language and a real source;
an og:image share card of the announced size, with its alt text."""

import io

import extruct
import pytest
from PIL import Image

from statements.models import Statement
from tests.factories import StatementFactory

pytestmark = pytest.mark.django_db(transaction=True)


def metadata(site, statement):
    response = site.get(statement.get_absolute_url())
    assert response.status_code == 200
    return extruct.extract(
        response.text, base_url=site.absolute(statement.get_absolute_url()), syntaxes=["json-ld", "opengraph"]
    )


def open_graph(data) -> dict:
    (properties,) = [dict(item["properties"]) for item in data["opengraph"]]
    return properties


def test_every_seed_statement_is_a_quotation_with_creator_date_language_and_source(site, live_seed):
    for statement in Statement.objects.published().with_card_relations():
        (quotation,) = metadata(site, statement)["json-ld"]
        assert quotation["@type"] == "Quotation"
        assert "spokenByCharacter" not in quotation
        creators = quotation["creator"] if isinstance(quotation["creator"], list) else [quotation["creator"]]
        assert [creator["name"] for creator in creators] == [credit.speaker.name for credit in statement.credit_list]
        assert all(creator["@type"] in {"Person", "Organization"} for creator in creators)
        assert quotation["dateCreated"].startswith("2025-09")
        assert quotation["inLanguage"] in {"fr", "en", "de"}
        based_on = quotation.get("isBasedOn")
        assert based_on is None or based_on.get("url") or based_on.get("name"), based_on


def test_every_seed_statement_has_a_share_card_of_the_announced_size(site, live_seed):
    for statement in Statement.objects.published():
        properties = open_graph(metadata(site, statement))
        assert properties["og:image:alt"].startswith(f"Statement by {statement.speaker_names}")
        card = site.session.get(properties["og:image"], timeout=60)
        assert card.status_code == 200 and card.headers["Content-Type"] == "image/png"
        image = Image.open(io.BytesIO(card.content))
        assert image.size == (int(properties["og:image:width"]), int(properties["og:image:height"])) == (1200, 630)


def test_a_card_is_remade_when_the_statement_changes(site):
    statement = StatementFactory(text="Première version.")
    first = site.get(f"/en/statements/{statement.pk}/card.png").content
    Statement.objects.filter(pk=statement.pk).update(version=statement.version + 1)
    statement.reports.update(text="Une tout autre phrase, bien plus longue que la première.")
    assert site.get(f"/en/statements/{statement.pk}/card.png").content != first


def test_cards_exist_only_for_statements_on_record(site):
    assert site.get(f"/en/statements/{StatementFactory(draft=True).pk}/card.png").status_code == 404
    retracted = StatementFactory(retracted=True)
    assert site.get(f"/en/statements/{retracted.pk}/card.png").status_code == 200
