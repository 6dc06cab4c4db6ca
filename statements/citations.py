"""How to cite a statement: a plain citation, CSL-JSON, BibTeX, and schema.org JSON-LD.

A citation quotes the statement's display report and names the source that printed it.
"""

import datetime
import re

from django.utils import timezone
from django.utils.formats import date_format

from .models import Statement

BIBTEX_SPECIAL = re.compile(r"([\\{}%$&#_^~])")


def _date_parts(statement: Statement) -> list[int]:
    parts = [statement.date.year, statement.date.month, statement.date.day]
    return parts[: {"year": 1, "month": 2}.get(statement.date_precision, 3)]


def _occasion(statement: Statement) -> str:
    return statement.summit.name if statement.summit_id else statement.place


def _speakers(statement: Statement) -> list[str]:
    """Each speaker with the role held that day: "Mark Rutte, secrétaire général de l'Otan"."""
    return [
        credit.speaker.name + (f", {credit.role.title}" if credit.role_id else "") for credit in statement.credit_list
    ]


def retraction_notice(statement: Statement) -> str:
    """ "Retracted by the archive on 2 April 2024: <reason>", or "" for a statement on record."""
    if statement.status != Statement.Status.RETRACTED:
        return ""
    day = date_format(timezone.localtime(statement.retracted_at).date(), "j F Y")
    return f"Retracted by the archive on {day}: {statement.retraction_reason}"


def share_summary(statement: Statement) -> str:
    """What a link preview (Open Graph, Twitter, the page's description) says of a statement:
    the quote, or for a retracted one, that it was retracted, when and why."""
    notice = retraction_notice(statement)
    if notice:
        return notice
    report = statement.display_report
    return f"“{report.text}”" if report else ""


def plain(statement: Statement, permalink: str, accessed: datetime.date) -> str:
    """One line a reader can paste: who, in which role, when, where, reported by whom, where to find it."""
    report = statement.display_report
    parts = ["; ".join(_speakers(statement)), statement.date_text]
    if _occasion(statement):
        parts.append(_occasion(statement))
    if report:
        source = report.source
        reported = ", ".join(part for part in [source.outlet.name if source.outlet_id else "", source.title] if part)
        parts.append(f"as reported by {reported}" if reported else f"as reported in: {source}")
        if source.url:
            parts.append(source.url)
    parts.append(f"Diplomatic statements archive, {permalink} (accessed {accessed.isoformat()})")
    if retraction_notice(statement):
        parts.append(retraction_notice(statement))
    text = report.text if report else ""
    return f"“{text}”. " + ". ".join(parts) + "."


def csl_json(statement: Statement, permalink: str, accessed: datetime.date) -> dict:
    report = statement.display_report
    item = {
        "id": f"statement-{statement.pk}",
        "type": "speech",
        "title": report.text if report else "",
        "author": [{"literal": name} for name in _speakers(statement)],
        "issued": {"date-parts": [_date_parts(statement)]},
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "URL": permalink,
    }
    if statement.date_earliest is None:
        item["issued"]["circa"] = True  # on or before the date given
    if retraction_notice(statement):
        item["status"] = "retracted"  # CSL's own variable for it
    if report:
        item["language"] = report.language
        item["genre"] = str(report.get_mode_display())
        if report.attribution:
            item["note"] = f"Attribution as printed: {report.attribution}"
        if report.source.outlet_id:
            item["container-title"] = report.source.outlet.name
        if report.source.url:
            item["source"] = report.source.url
    if retraction_notice(statement):
        item["note"] = "; ".join(filter(None, [retraction_notice(statement), item.get("note")]))
    if _occasion(statement):
        item["event-title"] = _occasion(statement)
    if statement.place:
        item["event-place"] = statement.place
    return item


def bibtex_escape(text: str) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def bibtex(statement: Statement, permalink: str, accessed: datetime.date) -> str:
    report = statement.display_report
    speaker_rows = statement.credit_list
    note = [retraction_notice(statement)] if retraction_notice(statement) else []
    note += [str(report.get_mode_display())] if report else []
    note += [credit.role.title for credit in speaker_rows if credit.role_id]
    if statement.date_earliest is None:
        note.append(statement.date_text)
    if _occasion(statement):
        note.append(_occasion(statement))
    if report and report.source.outlet_id:
        note.append(f"as reported by {report.source.outlet.name}")
    if report and report.source.url:
        note.append(report.source.url)
    note.append(f"accessed {accessed.isoformat()}")
    fields = {
        # braces keep each name whole; "and" separates authors in BibTeX
        "author": " and ".join("{" + bibtex_escape(credit.speaker.name) + "}" for credit in speaker_rows),
        "title": bibtex_escape(report.text if report else ""),
        "year": str(statement.date.year),
        "howpublished": f"\\url{{{permalink}}}",
        "note": bibtex_escape("; ".join(note)),
    }
    if statement.date_precision in ("day", "month"):
        fields["month"] = str(statement.date.month)
    lines = [f"  {key} = {{{value}}}" for key, value in fields.items()]
    return f"@misc{{statement{statement.pk},\n" + ",\n".join(lines) + "\n}\n"


def json_ld(statement: Statement, permalink: str) -> dict:
    report = statement.display_report
    speakers = [
        {"@type": "Person" if credit.speaker.kind == "person" else "Organization", "name": credit.speaker.name}
        for credit in statement.credit_list
    ]
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": report.text if report else "",
        "dateCreated": statement.date.isoformat(),
        "url": permalink,
        "spokenByCharacter": speakers[0] if len(speakers) == 1 else speakers,
    }

    if report:
        data["inLanguage"] = report.language
        source = report.source
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
