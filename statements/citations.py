"""How to cite a statement: a plain citation, CSL-JSON, BibTeX, and schema.org JSON-LD."""

import datetime
import re

from django.utils.formats import date_format

from .models import Statement

BIBTEX_SPECIAL = re.compile(r"([\\{}%$&#_^~])")


def _date_text(statement: Statement) -> str:
    if statement.date_precision == "year":
        return str(statement.date.year)
    if statement.date_precision == "month":
        return date_format(statement.date, "YEAR_MONTH_FORMAT")
    return date_format(statement.date, "DATE_FORMAT")


def _date_parts(statement: Statement) -> list[int]:
    parts = [statement.date.year, statement.date.month, statement.date.day]
    return parts[: {"year": 1, "month": 2}.get(statement.date_precision, 3)]


def _occasion(statement: Statement) -> str:
    return statement.summit.name if statement.summit_id else statement.place


def plain(statement: Statement, permalink: str, accessed: datetime.date) -> str:
    """One line a reader can paste: who, in which role, when, where, reported by whom, where to find it."""
    speaker = statement.speaker.name + (f", {statement.role.title}" if statement.role_id else "")
    parts = [speaker, _date_text(statement)]
    if _occasion(statement):
        parts.append(_occasion(statement))
    source = statement.source
    reported = ", ".join(part for part in [source.outlet.name if source.outlet_id else "", source.title] if part)
    parts.append(f"as reported by {reported}" if reported else f"as reported in: {source}")
    if source.url:
        parts.append(source.url)
    parts.append(f"Diplomatic statements archive, {permalink} (accessed {accessed.isoformat()})")
    return f"“{statement.text}”. " + ". ".join(parts) + "."


def csl_json(statement: Statement, permalink: str, accessed: datetime.date) -> dict:
    source = statement.source
    item = {
        "id": f"statement-{statement.pk}",
        "type": "speech",
        "title": statement.text,
        "author": [{"literal": statement.speaker.name}],
        "issued": {"date-parts": [_date_parts(statement)]},
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "URL": permalink,
        "language": statement.language,
        "genre": statement.get_wording_display(),
        "note": f"Attribution as printed: {statement.attribution}" if statement.attribution else "",
    }
    if statement.role_id:
        item["author"][0]["literal"] += f" ({statement.role.title})"
    if _occasion(statement):
        item["event-title"] = _occasion(statement)
    if statement.place:
        item["event-place"] = statement.place
    if source.outlet_id:
        item["container-title"] = source.outlet.name
    if source.url:
        item["source"] = source.url
    return item


def bibtex_escape(text: str) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def bibtex(statement: Statement, permalink: str, accessed: datetime.date) -> str:
    source = statement.source
    author = statement.speaker.name
    note = [str(statement.get_wording_display())]
    if statement.role_id:
        note.append(statement.role.title)
    if _occasion(statement):
        note.append(_occasion(statement))
    if source.outlet_id:
        note.append(f"as reported by {source.outlet.name}")
    if source.url:
        note.append(source.url)
    note.append(f"accessed {accessed.isoformat()}")
    fields = {
        "author": "{" + bibtex_escape(author) + "}",  # braces keep a name whole
        "title": bibtex_escape(statement.text),
        "year": str(statement.date.year),
        "howpublished": f"\\url{{{permalink}}}",
        "note": bibtex_escape("; ".join(note)),
    }
    if statement.date_precision in ("day", "month"):
        fields["month"] = str(statement.date.month)
    lines = [f"  {key} = {{{value}}}" for key, value in fields.items()]
    return f"@misc{{statement{statement.pk},\n" + ",\n".join(lines) + "\n}\n"


def json_ld(statement: Statement, permalink: str) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": statement.text,
        "inLanguage": statement.language,
        "dateCreated": statement.date.isoformat(),
        "url": permalink,
        "spokenByCharacter": {
            "@type": "Person" if statement.speaker.kind == "person" else "Organization",
            "name": statement.speaker.name,
        },
    }
    source = statement.source
    based_on = {"@type": "CreativeWork"}
    if source.title:
        based_on["name"] = source.title
    if source.url:
        based_on["url"] = source.url
    if source.outlet_id:
        based_on["publisher"] = {"@type": "Organization", "name": source.outlet.name}
    data["isBasedOn"] = based_on
    if statement.summit_id:
        event = {"@type": "Event", "name": statement.summit.name}
        if statement.summit.start_date:
            event["startDate"] = statement.summit.start_date.isoformat()
        if statement.summit.city:
            event["location"] = {"@type": "Place", "name": statement.summit.city}
        data["about"] = event
    return data
