"""Downloads of a list of statements: CSV and JSON of exactly the filtered result, all rows.

One row per statement, with its display report's words and source; the JSON also nests
every report and every speaker. Streamed: rows are read from a server-side cursor in
chunks (with their reports, speakers, topics and countries prefetched per chunk) and
written as they come, so an export of a million statements starts at once and runs in
constant memory (benchmarks/export_memory.py measures it). Only published statements:
the queryset comes from the listing, which starts from `published()`.
"""

import csv
import datetime
import json
from collections.abc import Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse

from .models import Report

FORMATS = ("csv", "json")
CHUNK_SIZE = 2000
COLUMNS = [
    "id",
    "permalink",
    "date",
    "date_earliest",
    "date_precision",
    "date_basis",
    "speakers",
    "speaker_ids",
    "roles",
    "countries",
    "organisations",
    "summit",
    "place",
    "original_language",
    "language",
    "mode",
    "is_translation",
    "text",
    "attribution",
    "source_outlet",
    "source_title",
    "source_url",
    "source_archived_url",
    "report_count",
    "topics",
    "countries_mentioned",
]
# Characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _report(report: Report) -> dict:
    source = report.source
    return {
        "text": report.text,
        "attribution": report.attribution,
        "mode": report.mode,
        "language": report.language,
        "is_translation": report.is_translation,
        "translated_by": report.translated_by,
        "translated_from": report.translated_from,
        "excerpt": report.excerpt,
        "is_display": report.is_display,
        "source_outlet": source.outlet.name if source.outlet_id else "",
        "source_title": source.title,
        "source_url": source.url,
        "source_archived_url": source.archived_url,
        "source_published_on": source.published_on.isoformat() if source.published_on else None,
    }


def export_rows(statements: QuerySet) -> Iterator[dict]:
    """One plain dict per statement, in the listing's order, read in chunks."""
    rows = (
        statements.defer("search_vector", "facet_values")
        .select_related("summit")
        .with_speakers()
        .with_all_reports()
        .prefetch_related("topics", "countries_mentioned")
    )
    for statement in rows.iterator(chunk_size=CHUNK_SIZE):
        reports = [_report(report) for report in statement.all_reports]
        display = reports[0] if reports else {}
        yield {
            "id": statement.pk,
            "permalink": statement.get_absolute_url(),
            "date": statement.date.isoformat(),
            "date_earliest": statement.date_earliest.isoformat() if statement.date_earliest else None,
            "date_precision": statement.date_precision,
            "date_basis": statement.date_basis,
            "speakers": [
                {
                    "id": credit.speaker_id,
                    "name": credit.speaker.name,
                    "capacity": credit.capacity,
                    "role": credit.role.title if credit.role_id else "",
                    "country": credit.country.iso_alpha2 if credit.country_id else "",
                    "organisation": credit.organisation.name if credit.organisation_id else "",
                }
                for credit in statement.credits
            ],
            "summit": statement.summit.name if statement.summit_id else "",
            "place": statement.place,
            "original_language": statement.original_language,
            "language": display.get("language", ""),
            "mode": display.get("mode", ""),
            "is_translation": display.get("is_translation", False),
            "text": display.get("text", ""),
            "attribution": display.get("attribution", ""),
            "source_outlet": display.get("source_outlet", ""),
            "source_title": display.get("source_title", ""),
            "source_url": display.get("source_url", ""),
            "source_archived_url": display.get("source_archived_url", ""),
            "report_count": len(reports),
            "reports": reports,
            "topics": sorted(topic.name_en for topic in statement.topics.all()),
            "countries_mentioned": sorted(country.iso_alpha2 for country in statement.countries_mentioned.all()),
        }


def neutralise(value):
    """A cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def _csv_cells(row: dict) -> dict:
    """A row flattened for one CSV line: lists joined with "; ", speakers in parallel columns."""
    speakers = row.pop("speakers")
    row.pop("reports")
    return {
        **row,
        "speakers": "; ".join(speaker["name"] for speaker in speakers),
        "speaker_ids": "; ".join(str(speaker["id"]) for speaker in speakers),
        "roles": "; ".join(speaker["role"] for speaker in speakers),
        "countries": "; ".join(speaker["country"] for speaker in speakers),
        "organisations": "; ".join(speaker["organisation"] for speaker in speakers),
        "date_earliest": row["date_earliest"] or "",
        "topics": "; ".join(row["topics"]),
        "countries_mentioned": "; ".join(row["countries_mentioned"]),
    }


def _csv(rows: Iterator[dict], absolute) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # byte-order mark: spreadsheets then read the file as UTF-8, accents intact
    yield writer.writerow(COLUMNS)
    for row in rows:
        row["permalink"] = absolute(row["permalink"])
        cells = _csv_cells(row)
        yield writer.writerow([neutralise(cells[column]) for column in COLUMNS])


def _json(rows: Iterator[dict], absolute) -> Iterator[str]:
    yield "["
    for number, row in enumerate(rows):
        row["permalink"] = absolute(row["permalink"])
        yield ("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]\n"


def export_response(request, statements: QuerySet, export_format: str, name: str) -> StreamingHttpResponse:
    render = _csv if export_format == "csv" else _json
    content_type = "text/csv; charset=utf-8" if export_format == "csv" else "application/json; charset=utf-8"
    body = render(export_rows(statements), request.build_absolute_uri)
    response = StreamingHttpResponse((part.encode() for part in body), content_type=content_type)
    stamp = datetime.date.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.{export_format}"'
    return response
