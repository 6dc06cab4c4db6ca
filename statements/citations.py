"""How to cite a statement: a plain citation, CSL-JSON, BibTeX, and schema.org JSON-LD.

A citation quotes the statement's display report and names the source that printed it.
"""

import datetime
import re

import pycountry
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import Statement

BIBTEX_SPECIAL = re.compile(r"([\\{}%$&#_^~])")


def _date_parts(statement: Statement) -> list[int]:
    parts = [statement.date.year, statement.date.month, statement.date.day]
    precision = Statement.DatePrecision
    return parts[: {precision.YEAR: 1, precision.MONTH: 2}.get(statement.date_precision, 3)]


def _occasion(statement: Statement) -> str:
    return statement.summit.name if statement.summit_id else statement.place


def speakers_with_roles(statement: Statement) -> list[str]:
    """Each speaker with the role held that day: "Mark Rutte, secrétaire général de l'Otan"."""
    return [
        credit.speaker.name + (f", {credit.role.title}" if credit.role_id else "") for credit in statement.credit_list
    ]


def _roles(statement: Statement) -> str:
    """The roles held that day, in speaker order: "président français; secrétaire général…"."""
    return "; ".join(credit.role.title for credit in statement.credit_list if credit.role_id)


def _date_text(statement: Statement) -> str:
    """ISO 8601 at the statement's precision: 2025-09-04, 2025-09 or 2025."""
    return "-".join(f"{part:02d}" if index else str(part) for index, part in enumerate(_date_parts(statement)))


def _csl_name(speaker) -> dict:
    """A person as family and given names (from "Macron, Emmanuel"); anyone else whole."""
    family, comma, given = speaker.sort_name.partition(",")
    if speaker.kind == "person" and comma and family.strip() and given.strip():
        return {"family": family.strip(), "given": given.strip()}
    return {"literal": speaker.name}


def _language_name(code: str) -> str:
    """The language as biblatex's `langid` names it ("french"), or ""."""
    language = pycountry.languages.get(alpha_2=code) if code else None
    return language.name.lower() if language else ""


def retraction_notice(statement: Statement) -> str:
    """ "Retracted by the archive on 2 April 2024: <reason>", or "" for a statement on record."""
    if statement.status != Statement.Status.RETRACTED:
        return ""
    day = date_format(timezone.localtime(statement.retracted_at).date(), "DATE_FORMAT")
    return _("Retracted by the archive on %(day)s: %(reason)s") % {"day": day, "reason": statement.retraction_reason}


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
    parts = ["; ".join(speakers_with_roles(statement)), statement.date_text]
    if _occasion(statement):
        parts.append(_occasion(statement))
    if report:
        source = report.source
        reported = ", ".join(part for part in [source.outlet.name if source.outlet_id else "", source.title] if part)
        parts.append(
            _("as reported by %(outlet)s") % {"outlet": reported}
            if reported
            else _("as reported in: %(source)s") % {"source": source}
        )
        if source.url:
            parts.append(source.url)
    parts.append(
        _("Diplomatic statements archive, %(permalink)s (accessed %(day)s)")
        % {"permalink": permalink, "day": accessed.isoformat()}
    )
    if notice := retraction_notice(statement):
        parts.append(notice)
    text = report.text if report else ""
    return f"“{text}”. " + ". ".join(parts) + "."


def csl_json(statement: Statement, permalink: str, accessed: datetime.date) -> dict:
    """CSL-JSON, as reference managers (Zotero, citeproc) read it: the speakers' names
    alone as authors, their roles in the note, the source as the container."""
    report = statement.display_report
    item = {
        "id": f"statement-{statement.pk}",
        "type": "speech",
        "title": report.text if report else "",
        "author": [_csl_name(credit.speaker) for credit in statement.credit_list],
        "issued": {"date-parts": [_date_parts(statement)]},
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "URL": permalink,
    }
    if statement.date_earliest is None:
        item["issued"]["circa"] = True  # on or before the date given
    notice = retraction_notice(statement)
    note = [notice, _roles(statement)]
    if report:
        item["language"] = report.language
        item["genre"] = str(report.get_mode_display())
        note.append(
            _("Attribution as printed: %(words)s") % {"words": report.attribution} if report.attribution else ""
        )
        source = report.source
        item["container-title"] = source.outlet.name if source.outlet_id else source.title
        if source.outlet_id and source.title:
            item["collection-title"] = source.title
        if source.url:
            item["source"] = source.url
    if notice:
        item["status"] = "retracted"  # CSL's own variable for it
    if any(note):
        item["note"] = "; ".join(part for part in note if part)
    if _occasion(statement):
        item["event"] = _occasion(statement)  # CSL 1.0.1's name, which 1.0.2 readers accept too
    if statement.place:
        item["event-place"] = statement.place
    return item


def bibtex_escape(text: str) -> str:
    return BIBTEX_SPECIAL.sub(r"\\\1", text).replace("\n", " ")


def bibtex(statement: Statement, permalink: str, accessed: datetime.date) -> str:
    """A @misc entry that BibTeX and biblatex styles both read: the quote as a title in
    double braces (no style changes its capitals), the speakers' names alone as authors,
    the day in `date` (biblatex) with `year`, the roles and the source in `note`."""
    report = statement.display_report
    note = [retraction_notice(statement), _roles(statement)]
    note += [str(report.get_mode_display())] if report else []
    if statement.date_earliest is None:
        note.append(statement.date_text)
    if _occasion(statement):
        note.append(_occasion(statement))
    if report:
        source = report.source
        reported = ", ".join(part for part in [source.outlet.name if source.outlet_id else "", source.title] if part)
        note.append(_("as reported by %(outlet)s") % {"outlet": reported} if reported else "")
        note.append(source.url)
    fields = {
        # braces keep each name whole; "and" separates authors in BibTeX
        "author": " and ".join("{" + bibtex_escape(credit.speaker.name) + "}" for credit in statement.credit_list),
        "title": "{" + bibtex_escape(report.text if report else "") + "}",
        "date": _date_text(statement),
        "year": str(statement.date.year),
        "url": permalink,
        "urldate": accessed.isoformat(),
        "howpublished": f"\\url{{{permalink}}}",
        "langid": _language_name(report.language if report else ""),
        "note": bibtex_escape("; ".join(part for part in note if part)),
    }
    lines = [f"  {key} = {{{value}}}" for key, value in fields.items() if value]
    return f"@misc{{statement{statement.pk},\n" + ",\n".join(lines) + "\n}\n"


WIKIDATA_ITEM = "https://www.wikidata.org/wiki/{}"


def _agent(speaker) -> dict:
    """A schema.org Person (a named person) or Organization (an institution, an unnamed
    or collective source), with its Wikidata item when known."""
    agent = {"@type": "Person" if speaker.kind == "person" else "Organization", "name": speaker.name}
    if speaker.wikidata_id:
        agent["sameAs"] = WIKIDATA_ITEM.format(speaker.wikidata_id)
    return agent


def json_ld(statement: Statement, permalink: str) -> dict:
    """schema.org Quotation: its creators, the day at its precision (an "on or before"
    day as an open interval in temporalCoverage), language, topics, the event it was
    said at, and the source it is based on when the archive knows one."""
    report = statement.display_report
    creators = [_agent(credit.speaker) for credit in statement.credit_list]
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": report.text if report else "",
        "url": permalink,
        "creator": creators[0] if len(creators) == 1 else creators,
        "dateCreated": _date_text(statement),
    }
    if statement.date_earliest is None:
        data["temporalCoverage"] = f"../{statement.date.isoformat()}"
    elif statement.date_earliest != statement.date and statement.date_precision == Statement.DatePrecision.DAY:
        data["temporalCoverage"] = f"{statement.date_earliest.isoformat()}/{statement.date.isoformat()}"
    topics = [{"@type": "Thing", "name": topic.name} for topic in statement.topics.all()]
    if topics:
        data["about"] = topics
    if report:
        data["inLanguage"] = report.language
        source = report.source
        based_on = {"@type": "NewsArticle" if source.outlet_id else "CreativeWork"}
        if source.title:
            based_on["name"] = source.title
        if source.url:
            based_on["url"] = source.url
        if source.outlet_id:
            based_on["publisher"] = {"@type": "Organization", "name": source.outlet.name}
        if source.published_on:
            based_on["datePublished"] = source.published_on.isoformat()
        if source.title or source.url:
            data["isBasedOn"] = based_on
    if statement.summit_id:
        event = {"@type": "Event", "name": statement.summit.name}
        if statement.summit.start_date:
            event["startDate"] = statement.summit.start_date.isoformat()
        if statement.summit.city:
            event["location"] = {"@type": "Place", "name": statement.summit.city}
        data["recordedAt"] = event
    return data
