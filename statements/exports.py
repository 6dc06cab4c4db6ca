"""Downloads of a list of statements: CSV and JSON of exactly the filtered result, all rows.

Streamed: rows are read from a server-side cursor in chunks and written as they come,
so an export of a million statements starts at once and runs in constant memory
(benchmarks/export_memory.py measures it). Only published statements: the queryset
comes from the listing, which starts from `published()`.
"""

import csv
import datetime
import json
from collections.abc import Iterator

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.http import StreamingHttpResponse

from .models import Statement

FORMATS = ("csv", "json")
CHUNK_SIZE = 2000
COLUMNS = [
    "id",
    "permalink",
    "date",
    "date_precision",
    "speaker",
    "speaker_id",
    "role",
    "country",
    "organisation",
    "summit",
    "place",
    "language",
    "wording",
    "text",
    "attribution",
    "source_outlet",
    "source_title",
    "source_url",
    "source_archived_url",
    "topics",
    "countries_mentioned",
    "answers_id",
]
# Characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def export_rows(statements: QuerySet) -> Iterator[dict]:
    """One plain dict per statement, in the listing's order, read in chunks."""
    topics = Statement.topics.through.objects.filter(statement=OuterRef("pk")).values("topic__name_en")
    mentioned = Statement.countries_mentioned.through.objects.filter(statement=OuterRef("pk")).values(
        "country__iso_alpha2"
    )
    rows = statements.values(
        "id",
        "date",
        "date_precision",
        "place",
        "language",
        "wording",
        "text",
        "attribution",
        "answers_id",
        speaker_name=F("speaker__name"),
        speaker_key=F("speaker_id"),
        role_title=F("role__title"),
        country_code=F("country__iso_alpha2"),
        organisation_name=Coalesce(F("role__organisation__name"), F("speaker__organisation__name")),
        summit_name=F("summit__name"),
        source_outlet=F("source__outlet__name"),
        source_title=F("source__title"),
        source_url=F("source__url"),
        source_archived_url=F("source__archived_url"),
        topic_names=ArraySubquery(topics),
        mentioned_codes=ArraySubquery(mentioned),
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        yield {
            "id": row["id"],
            "permalink": f"/statements/{row['id']}/",
            "date": row["date"].isoformat(),
            "date_precision": row["date_precision"],
            "speaker": row["speaker_name"],
            "speaker_id": row["speaker_key"],
            "role": row["role_title"] or "",
            "country": row["country_code"] or "",
            "organisation": row["organisation_name"] or "",
            "summit": row["summit_name"] or "",
            "place": row["place"],
            "language": row["language"],
            "wording": row["wording"],
            "text": row["text"],
            "attribution": row["attribution"],
            "source_outlet": row["source_outlet"] or "",
            "source_title": row["source_title"],
            "source_url": row["source_url"],
            "source_archived_url": row["source_archived_url"],
            "topics": sorted(row["topic_names"]),
            "countries_mentioned": sorted(row["mentioned_codes"]),
            "answers_id": row["answers_id"],
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


def _csv(rows: Iterator[dict], absolute) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # byte-order mark: spreadsheets then read the file as UTF-8, accents intact
    yield writer.writerow(COLUMNS)
    for row in rows:
        row["permalink"] = absolute(row["permalink"])
        row["topics"] = "; ".join(row["topics"])
        row["countries_mentioned"] = "; ".join(row["countries_mentioned"])
        yield writer.writerow([neutralise(row[column]) for column in COLUMNS])


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
