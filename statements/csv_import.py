"""Bulk import of statements from a CSV file: how a newsroom or a research group brings
an archive it already has (`manage.py import_statements FILE.csv`, or the admin's "Import
a CSV file" for chief editors).

One row per statement, a header naming the columns, in any order:

- required: `id` (the row's key in the other archive, kept as the statement's import
  reference), `date` (2025-09-04, or 2025-09 or 2025 when known only to the month or the
  year), `speaker`, `country` (ISO 3166 alpha-2, may be empty), `language` (ISO 639-1),
  `text` (the words);
- optional: `role`, `summit`, `source_url`, `outlet`, `topics` (separated by ";"),
  `speech_mode` (direct, indirect, mixed or paraphrase; direct when left empty).

All or nothing: every row is checked while it is read, and when any is bad nothing is
written and each bad row is reported with its line number. A row whose id is already in
the archive is left as it is, so importing the same file again creates nothing.
Speakers are matched by name or alias (case aside) and created when new, with the row's
country; summits, topics and outlets by name, sources by URL. Imported statements are
drafts unless asked otherwise.

Fast at any size, and each row written once: the rows are streamed into a temporary
table with COPY; the reference rows (speakers, roles, summits, topics, outlets, sources)
are matched or created once per distinct value; the reports, speakers and topics are
inserted with one INSERT … SELECT each, then the statements, with their search vectors
computed in the same INSERT from the staged rows (search.documents_sql). Foreign keys
are checked at commit (Django makes them DEFERRABLE INITIALLY DEFERRED), so the reports
can be written before their statements. No history rows are written for imported
statements: the import reference says where each came from.
"""

import codecs
import csv
import datetime
import functools
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from . import search
from .caching import data_changed
from .filters import LANGUAGE_CHOICES
from .models import (
    Country,
    Organisation,
    Role,
    Source,
    Speaker,
    SpeakerAlias,
    SpeechMode,
    Statement,
    Summit,
    Topic,
    date_bounds,
    normalise_url,
    web_url_validator,
)
from .workflow import PUBLISH_PERMISSION

REQUIRED = ("id", "date", "speaker", "country", "language", "text")
OPTIONAL = ("role", "summit", "source_url", "outlet", "topics", "speech_mode")
# Bad rows listed in full; beyond that, only counted.
ERRORS_SHOWN = 50
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_LANGUAGES = {code for code, _name in LANGUAGE_CHOICES}


class ImportRefused(Exception):
    """The file is not imported: nothing was written. `errors` says why, line by line."""

    def __init__(self, errors: list[str], total: int):
        self.errors, self.total = errors, total
        more = f" (and {total - len(errors)} more)" if total > len(errors) else ""
        super().__init__(f"{total} bad row(s), nothing imported{more}:\n" + "\n".join(errors))


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    already_there: int = 0
    new_speakers: int = 0
    timings: dict[str, float] = field(default_factory=dict)


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


LIMITS = {
    "id": _max_length(Statement, "import_ref"),
    "speaker": _max_length(Speaker, "name"),
    "role": min(_max_length(Role, "title_fr"), _max_length(Role, "title_en")),
    "summit": _max_length(Summit, "name_as_recorded"),
    "source_url": _max_length(Source, "url"),
    "outlet": _max_length(Organisation, "name_as_recorded"),
    "topics": min(_max_length(Topic, "name_en"), _max_length(Topic, "name_fr")),
}


def _date(value: str) -> tuple[datetime.date, datetime.date, str]:
    """(earliest, latest, precision) of 2025-09-04, 2025-09 or 2025."""
    try:
        year, month, day = _DATE.match(value).groups()
        if day:
            date = datetime.date(int(year), int(month), int(day))
            return date, date, Statement.DatePrecision.DAY
        precision = Statement.DatePrecision.MONTH if month else Statement.DatePrecision.YEAR
        return *date_bounds(datetime.date(int(year), int(month or 1), 1), precision), precision
    except (AttributeError, ValueError):
        raise ValueError(_("%(date)r is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") % {"date": value}) from None


@functools.lru_cache(maxsize=100_000)
def _source_url(url: str) -> tuple[str, bool]:
    """The URL as sources store it, and whether it is a web address. Normalising takes
    most of the time of checking a row, and a source usually reports several statements."""
    url = normalise_url(url)
    try:
        if url:
            web_url_validator(url)
    except ValidationError:
        return url, False
    return url, True


class _Row:
    """One CSV record checked; `problems` is empty when it may be imported."""

    def __init__(self, record: dict[str, str], countries: dict[str, int]):
        self.problems: list[str] = []
        self.values = {name: (record.get(name) or "").strip() for name in (*REQUIRED, *OPTIONAL)}
        for name, value in self.values.items():
            if "\x00" in value:
                self.problems.append(_("%(column)s holds a NUL character") % {"column": name})
            elif name in LIMITS and name != "topics" and len(value) > LIMITS[name]:
                self.problems.append(
                    _("%(column)s is longer than %(limit)d characters") % {"column": name, "limit": LIMITS[name]}
                )
        for name in ("id", "speaker", "text", "date", "language"):
            if not self.values[name]:
                self.problems.append(_("%(column)s is empty") % {"column": name})
        if self.values["date"]:
            try:
                self.earliest, self.latest, self.precision = _date(self.values["date"])
            except ValueError as error:
                self.problems.append(str(error))
        self.country = self.values["country"].upper()
        if self.country and self.country not in countries:
            self.problems.append(_("unknown country code %(code)r") % {"code": self.values["country"]})
        if self.values["role"] and not self.country:
            # A role belongs to a country or a body: one in a body is entered in the admin.
            self.problems.append(_("a role needs the country it is held for"))
        language = self.values["language"].lower()
        if language and language not in _LANGUAGES:
            self.problems.append(_("unknown language code %(code)r") % {"code": self.values["language"]})
        self.language = language
        self.mode = self.values["speech_mode"].lower() or SpeechMode.DIRECT
        if self.mode not in SpeechMode.values:
            self.problems.append(_("speech_mode must be one of %(modes)s") % {"modes": ", ".join(SpeechMode.values)})
        self.url, valid = _source_url(self.values["source_url"])
        if not valid:
            self.problems.append(_("source_url is not a web address"))
        self.topics = sorted({topic.strip() for topic in self.values["topics"].split(";") if topic.strip()})
        if any(len(topic) > LIMITS["topics"] for topic in self.topics):
            self.problems.append(_("a topic is longer than %(limit)d characters") % {"limit": LIMITS["topics"]})

    def staged(self, line: int) -> tuple:
        v = self.values
        return (
            line, v["id"], self.earliest, self.latest, self.precision, v["speaker"], self.country or None,
            self.language, v["text"], v["role"], v["summit"], self.url, v["outlet"], self.topics, self.mode,
        )  # fmt: skip


_TEMPORARY_TABLES = (
    "import_rows", "import_rows_new", "speaker_map", "role_map", "summit_map", "topic_map", "outlet_map",
    "outlet_source_map", "import_statements",
)  # fmt: skip
_STAGING = """
CREATE TEMPORARY TABLE import_rows (
    line integer, ref text, date_earliest date, date date, date_precision text, speaker text, country text,
    language text, text text, role text, summit text, url text, outlet text, topics text[], mode text
) ON COMMIT DROP
"""
_COPY = (
    "COPY import_rows (line, ref, date_earliest, date, date_precision, speaker, country, language, text, role, "
    "summit, url, outlet, topics, mode) FROM STDIN"
)


def _stage(
    lines: Iterable[str], cursor, countries: dict[str, int], progress: Callable[[int], None], max_rows: int | None
) -> int:
    """Check every record and COPY the good ones into import_rows; refuse the file if any is bad."""
    reader = csv.DictReader(lines, strict=True)  # a stray or unclosed quote is an error, not data
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in REQUIRED + OPTIONAL]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(_("line 1: missing column(s): %(names)s") % {"names": ", ".join(missing)})
        if unknown:
            problems.append(
                _("line 1: unknown column(s): %(names)s (the columns are %(known)s)")
                % {"names": ", ".join(unknown), "known": ", ".join(REQUIRED + OPTIONAL)}
            )
        raise ImportRefused(problems, len(problems))
    reader.fieldnames = header
    errors, total, first_line, rows = [], 0, {}, 0
    with cursor.copy(_COPY) as copy:
        line = 1
        try:
            for record in reader:
                if None in record:
                    problems = [_("more fields than columns")]
                    row = None
                else:
                    row = _Row(record, countries)
                    problems = row.problems
                    ref = row.values["id"]
                    if ref and ref in first_line:
                        problems.append(
                            _("id %(id)r is already on line %(line)d") % {"id": ref, "line": first_line[ref]}
                        )
                    elif ref:
                        first_line[ref] = line + 1
                if problems:
                    total += 1
                    if len(errors) < ERRORS_SHOWN:
                        errors.append(
                            _("line %(line)d: %(problems)s") % {"line": line + 1, "problems": "; ".join(problems)}
                        )
                elif not total:
                    copy.write_row(row.staged(line + 1))
                rows += 1
                if max_rows is not None and rows > max_rows:
                    raise ImportRefused([_("more than %(count)d rows: import larger files with "
                                          "manage.py import_statements") % {"count": max_rows}], 1)  # fmt: skip
                line = reader.line_num
                if rows % 10_000 == 0:
                    progress(rows)
        except csv.Error as error:
            total += 1
            errors.append(_("line %(line)d: %(problem)s") % {"line": line + 1, "problem": error})
    progress(rows)
    if total:
        raise ImportRefused(errors, total)
    if not rows:
        raise ImportRefused([_("the file holds no rows")], 1)
    return rows


def _ci(value: str) -> str:
    return value.casefold()


def _unique_slug(model, name: str, taken: set[str]) -> str:
    base = slugify(name)[:180] or model._meta.model_name
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def _distinct(cursor, sql: str) -> list[tuple]:
    cursor.execute(sql)
    return cursor.fetchall()


def _mapping_table(cursor, name: str, columns: str, rows: list[tuple]) -> None:
    # The names and columns are constants of this module.
    cursor.execute(f"CREATE TEMPORARY TABLE {name} ({columns}) ON COMMIT DROP")
    with cursor.copy(f"COPY {name} FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    cursor.execute(f"ANALYZE {name}")


def _speakers(cursor, countries: dict[str, int]) -> int:
    """speaker_map(name, id): each distinct speaker name, matched by name or alias, or new."""
    # In file order: a new speaker is named and placed as the first row naming them does.
    wanted = _distinct(
        cursor,
        "SELECT speaker, (array_agg(country ORDER BY line))[1] FROM import_rows_new "
        "GROUP BY speaker ORDER BY min(line)",
    )
    known = {_ci(name): pk for pk, name in Speaker.objects.values_list("id", "name")}
    for pk, alias in SpeakerAlias.objects.values_list("speaker_id", "name"):
        known.setdefault(_ci(alias), pk)
    taken = set(Speaker.objects.values_list("slug", flat=True))
    new = {}
    for name, code in wanted:
        if _ci(name) not in known and _ci(name) not in new:
            slug = _unique_slug(Speaker, name, taken)
            new[_ci(name)] = Speaker(name=name, sort_name=name, slug=slug, country_id=countries.get(code))
    for speaker in Speaker.objects.bulk_create(new.values(), batch_size=2000):
        known[_ci(speaker.name)] = speaker.pk
    _mapping_table(cursor, "speaker_map", "name text, id bigint", [(name, known[_ci(name)]) for name, _c in wanted])
    return len(new)


def _roles(cursor, countries: dict[str, int]) -> None:
    """role_map(speaker, title, id, organisation_id): each distinct role of a speaker."""
    wanted = _distinct(
        cursor,
        "SELECT DISTINCT ON (n.speaker, n.role) n.speaker, n.role, m.id, n.country, n.language "
        "FROM import_rows_new n JOIN speaker_map m ON m.name = n.speaker WHERE n.role <> '' "
        "ORDER BY n.speaker, n.role, n.line",
    )
    speaker_ids = {speaker_id for _n, _r, speaker_id, _c, _l in wanted}
    known = {}
    for role in Role.objects.filter(speaker_id__in=speaker_ids):
        for title in (role.title_fr, role.title_en):
            if title:
                known.setdefault((role.speaker_id, _ci(title)), role)
    new = []
    for _name, title, speaker_id, code, language in wanted:
        if (speaker_id, _ci(title)) not in known:
            titles = {"title_fr": title} if language == "fr" else {"title_en": title}
            role = Role(speaker_id=speaker_id, country_id=countries.get(code), **titles)
            role.fill_level()  # from the title, as a save does
            known[(speaker_id, _ci(title))] = role
            new.append(role)
    Role.objects.bulk_create(new, batch_size=2000)
    rows = []
    for name, title, speaker_id, _code, _language in wanted:
        role = known[(speaker_id, _ci(title))]
        rows.append((name, title, role.pk, role.organisation_id))
    _mapping_table(cursor, "role_map", "speaker text, title text, id bigint, organisation_id bigint", rows)


def _named(cursor, model, column: str, table: str, make: Callable[[str, str], object]) -> None:
    """{table}(name, id): each distinct value of `column` (a summit, topic or outlet),
    matched by slug or one of its names, or new (`make(name, language of its first row)`)."""
    value = "unnest(topics)" if column == "topics" else column
    sql = (
        f"SELECT value, (array_agg(language ORDER BY line))[1] FROM (SELECT {value} AS value, language, line "  # noqa: S608 — a constant
        "FROM import_rows_new) staged WHERE value <> '' GROUP BY value ORDER BY min(line)"
    )
    wanted = _distinct(cursor, sql)
    known, taken = {}, set()
    names = [name for name in ("name_as_recorded", "name_en", "name_fr", "short_name") if hasattr(model, name)]
    for pk, slug, *others in model.objects.values_list("id", "slug", *names):
        taken.add(slug)
        for name in (slug, *others):
            if name:
                known.setdefault(_ci(name), pk)
    for value, language in wanted:
        if _ci(value) not in known:
            made = make(value, language)
            made.slug = _unique_slug(model, value, taken)
            made.save()
            known[_ci(value)] = made.pk
    _mapping_table(cursor, table, "name text, id bigint", [(value, known[_ci(value)]) for value, _l in wanted])


def _sources(cursor, file_name: str) -> None:
    """The sources of the rows: one per web address (new ones inserted), and for rows
    without one, a source per outlet (outlet_source_map), noting the file they came from."""
    notes = _("Statements imported from %(file)s, %(day)s.") % {
        "file": file_name,
        "day": timezone.localdate().isoformat(),
    }
    cursor.execute(
        """
        INSERT INTO statements_source
            (kind, title, url, archived_url, language, full_text, notes, outlet_id, candidates)
        SELECT DISTINCT ON (n.url) %(kind)s, '', n.url, '', n.language, '', %(notes)s, o.id, '[]'::jsonb
          FROM import_rows_new n LEFT JOIN outlet_map o ON o.name = n.outlet
         WHERE n.url <> '' AND NOT EXISTS (SELECT 1 FROM statements_source s WHERE s.url = n.url)
         ORDER BY n.url, n.line
        """,
        {"kind": Source.Kind.ARTICLE, "notes": notes},
    )
    without_url = _distinct(
        cursor,
        "SELECT DISTINCT n.outlet, o.id FROM import_rows_new n LEFT JOIN outlet_map o ON o.name = n.outlet "
        "WHERE n.url = ''",
    )
    rows = []
    for outlet, outlet_id in without_url:
        source = Source.objects.create(kind=Source.Kind.OTHER, outlet_id=outlet_id, notes=notes)
        rows.append((outlet, source.pk))
    _mapping_table(cursor, "outlet_source_map", "outlet text, id bigint", rows)


_INSERT_REPORTS = """
INSERT INTO statements_report
    (statement_id, source_id, position, text, attribution, mode, language, is_translation, translated_by,
     translated_from, excerpt, is_display, import_ref, created_at, updated_at)
SELECT n.id, COALESCE(by_url.id, by_outlet.id), NULL, n.text, '', n.mode, n.language, FALSE, '', '', '', TRUE, '',
       %(now)s, %(now)s
  FROM import_rows_new n
  LEFT JOIN statements_source by_url ON n.url <> '' AND by_url.url = n.url
  LEFT JOIN outlet_source_map by_outlet ON n.url = '' AND by_outlet.outlet = n.outlet
"""
_INSERT_SPEAKERS = """
INSERT INTO statements_statementspeaker
    (statement_id, speaker_id, capacity, "order", role_id, country_id, organisation_id)
SELECT n.id, speaker.id, 'author', 1, role.id, country.id, role.organisation_id
  FROM import_rows_new n
  JOIN speaker_map speaker ON speaker.name = n.speaker
  LEFT JOIN role_map role ON role.speaker = n.speaker AND role.title = n.role
  LEFT JOIN statements_country country ON country.iso_alpha2 = n.country
"""
_INSERT_TOPICS = """
INSERT INTO statements_statement_topics (statement_id, topic_id)
SELECT DISTINCT n.id, topic.id
  FROM import_rows_new n, unnest(n.topics) AS tag(value) JOIN topic_map topic ON topic.name = tag.value
"""
_STAGED_STATEMENTS = """
CREATE TEMPORARY TABLE import_statements ON COMMIT DROP AS
SELECT n.id, '' AS context, '' AS place, summit.id AS summit_id
  FROM import_rows_new n LEFT JOIN summit_map summit ON summit.name = n.summit
"""
_INSERT_STATEMENTS = (
    "WITH documents AS MATERIALIZED ("
    + search.documents_sql(statements="import_statements")
    + """)
INSERT INTO statements_statement
    (id, date, date_earliest, date_precision, date_basis, time, time_zone, summit_id, place, context, status,
     published_at, retraction_reason, retracted_at, import_ref, version, original_language, created_at, updated_at,
     created_by_id, updated_by_id, facet_values, search_vector)
SELECT n.id, n.date, n.date_earliest, n.date_precision, 'stated', NULL, '', staged.summit_id, '', '', %(status)s,
       %(published_at)s, '', NULL, n.ref, 1, n.language, %(now)s, %(now)s, %(user)s, %(user)s,
       documents.facet_values, """
    + search.VECTOR_SQL
    + """
  FROM import_rows_new n
  JOIN import_statements staged ON staged.id = n.id
  JOIN documents ON documents.id = n.id
"""
)


def import_statements(
    lines: Iterable[str],
    *,
    file_name: str,
    status: str = Statement.Status.DRAFT,
    user=None,
    progress: Callable[[str, int], None] | None = None,
    max_rows: int | None = None,
) -> ImportResult:
    """Import the CSV `lines` (see the module's docstring); raises ImportRefused, having
    written nothing, when a row is bad."""
    if status not in (Statement.Status.DRAFT, Statement.Status.PUBLISHED):
        raise ValueError(f"status must be draft or published, not {status!r}")
    progress = progress or (lambda _phase, _done: None)
    result = ImportResult()
    now = timezone.now()
    clock = time.perf_counter()

    def phase(name: str) -> None:
        nonlocal clock
        result.timings[name] = time.perf_counter() - clock
        clock = time.perf_counter()
        progress(name, result.rows)

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_STAGING)
        countries = dict(Country.objects.values_list("iso_alpha2", "id"))  # by ISO code, read once
        result.rows = _stage(lines, cursor, countries, lambda done: progress("reading", done), max_rows)
        phase("read and checked")
        cursor.execute(
            """
            CREATE TEMPORARY TABLE import_rows_new ON COMMIT DROP AS
            SELECT nextval(pg_get_serial_sequence('statements_statement', 'id')) AS id, r.*
              FROM import_rows r
             WHERE NOT EXISTS (SELECT 1 FROM statements_statement s WHERE s.import_ref = r.ref)
            """
        )
        result.created = cursor.rowcount
        result.already_there = result.rows - result.created
        cursor.execute("ANALYZE import_rows_new")
        result.new_speakers = _speakers(cursor, countries)
        _roles(cursor, countries)
        _named(cursor, Summit, "summit", "summit_map", lambda name, _language: Summit(name_as_recorded=name))
        _named(
            cursor, Topic, "topics", "topic_map",
            # A topic needs an English name; a French article's topic is its French name too.
            lambda name, language: Topic(name_en=name, name_fr=name if language == "fr" else ""),
        )  # fmt: skip
        _named(
            cursor, Organisation, "outlet", "outlet_map",
            lambda name, _language: Organisation(name_as_recorded=name, kind=Organisation.Kind.MEDIA),
        )  # fmt: skip
        _sources(cursor, file_name)
        phase("speakers, summits, topics and sources matched")
        params = {"now": now}
        cursor.execute(_INSERT_REPORTS, params)
        cursor.execute(_INSERT_SPEAKERS, params)
        cursor.execute(_INSERT_TOPICS, params)
        cursor.execute(_STAGED_STATEMENTS)
        cursor.execute("CREATE INDEX ON import_statements (id)")
        cursor.execute("ANALYZE import_statements")
        phase("reports, speakers and topics written")
        cursor.execute(
            _INSERT_STATEMENTS,
            {
                "now": now,
                "status": status,
                "published_at": now if status == Statement.Status.PUBLISHED else None,
                "user": user.pk if user else None,
            },
        )
        phase("statements and their search vectors written")
        # Dropped at commit anyway; now, in case the import runs inside a longer transaction.
        cursor.execute("DROP TABLE " + ", ".join(_TEMPORARY_TABLES))
        data_changed()
    phase("committed (the deferred foreign keys checked)")
    with connection.cursor() as cursor:
        for table in ("statements_statement", "statements_report", "statements_statementspeaker"):
            cursor.execute(f"ANALYZE {table}")  # the planner's figures, after a large change
    phase("statistics refreshed")
    return result


def decoded_lines(binary: Iterable[bytes]) -> Iterator[str]:
    """The lines of an uploaded or opened file as text: UTF-8, with or without the byte
    order mark spreadsheets write; a line in another encoding refuses the file by number."""
    for number, line in enumerate(binary, start=1):
        try:
            yield (line.removeprefix(codecs.BOM_UTF8) if number == 1 else line).decode("utf-8")
        except UnicodeDecodeError:
            raise ImportRefused(
                [_("line %(line)d: not UTF-8 text (save the file as CSV UTF-8)") % {"line": number}], 1
            ) from None


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "UTF-8, a header row; columns id, date, speaker, country, language, text, and optionally role, "
            "summit, source_url, outlet, topics (separated by ;), speech_mode."
        ),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Import as"),
        choices=[
            (Statement.Status.DRAFT, gettext_lazy("Drafts")),
            (Statement.Status.PUBLISHED, gettext_lazy("Published")),
        ],
    )


# Imported while the chief editor's request waits: about 10 s, well within the web
# server's 30 s timeout (gunicorn.conf.py). Larger files go through the command.
ADMIN_MAX_ROWS = 20_000


def import_csv_view(model_admin, request):
    """The admin's screen for `import_statements`, for chief editors."""
    if not request.user.has_perm(PUBLISH_PERMISSION):
        raise PermissionDenied
    form = CsvImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_statements(
                decoded_lines(upload),
                file_name=upload.name,
                status=form.cleaned_data["status"],
                user=request.user,
                max_rows=ADMIN_MAX_ROWS,
            )
        except ImportRefused as refused:
            form.add_error("file", _("Nothing was imported: %(count)d bad row(s).") % {"count": refused.total})
            for error in refused.errors:
                form.add_error("file", error)
        else:
            counts = {"created": result.created, "already": result.already_there, "speakers": result.new_speakers}
            messages.success(
                request,
                (
                    ngettext("%(created)d statement imported", "%(created)d statements imported", result.created)
                    + ", "
                    + _("%(already)d already in the archive")
                    + ", "
                    + ngettext("%(speakers)d new speaker", "%(speakers)d new speakers", result.new_speakers)
                    + "."
                )
                % counts,
            )
            return HttpResponseRedirect(reverse("admin:statements_statement_changelist"))
    context = {**model_admin.admin_site.each_context(request), "opts": model_admin.opts, "form": form,
               "title": _("Import statements from a CSV file")}  # fmt: skip
    return render(request, "admin/statements/statement/import_csv.html", context)
