"""Loading data files: every ISO country, and TOML datasets such as the seed (statements/seed/).

Keyword-only functions; each validates with `full_clean()` before saving so a bad data
file stops with a clear message instead of storing half-valid rows. Loading the same file
twice changes nothing the second time.
"""

import gettext
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from .models import (
    Country,
    Organisation,
    Report,
    Role,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementLink,
    StatementSpeaker,
    Summit,
    Topic,
    date_bounds,
)
from .search import refresh_search_vectors
from .workflow import file_statement, fill_credit

SEED_DIR = Path(__file__).resolve().parent / "seed"
SEED_DATASET = SEED_DIR / "paris-2025-09-04.toml"


class DatasetError(ValueError):
    """A data file refers to something that does not exist or holds an invalid value."""


def load_countries() -> int:
    """Create every ISO 3166-1 country missing from the table; return how many were created.

    Existing rows are left alone, so names an editor adjusted for display survive a reload.
    """
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    existing = set(Country.objects.values_list("iso_alpha2", flat=True))
    new = []
    for record in pycountry.countries:
        if record.alpha_2 in existing:
            continue
        name_en = getattr(record, "common_name", None) or record.name
        new.append(
            Country(
                iso_alpha2=record.alpha_2,
                iso_alpha3=record.alpha_3,
                name_en=name_en,
                name_fr=french.gettext(record.name),
                slug=slugify(name_en),
            )
        )
    Country.objects.bulk_create(new)
    return len(new)


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, label: str, *, created: bool, changed: bool) -> None:
        bucket = self.created if created else self.updated if changed else None
        if bucket is not None:
            bucket[label] = bucket.get(label, 0) + 1

    def __str__(self) -> str:
        def describe(counts):
            return ", ".join(f"{n} {label}" for label, n in sorted(counts.items())) or "nothing"

        return f"created {describe(self.created)}; updated {describe(self.updated)}"


def _names(item: dict) -> dict:
    """An organisation's or summit's names: `name` as recorded (any language), and
    `name_en`, `name_fr` when the file gives them."""
    return {"name_as_recorded": item["name"], "name_en": item.get("name_en", ""), "name_fr": item.get("name_fr", "")}


def _upsert(model: type[models.Model], *, lookup: dict, values: dict) -> tuple[models.Model, bool, bool]:
    """Create or update one row; save only when a value differs, so reloading changes nothing.

    Returns (object, created, changed).
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        _checked_save(obj)
        return obj, True, False
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        _checked_save(obj)
    return obj, False, bool(changed)


def _checked_save(obj: models.Model) -> None:
    """Validate and save. The database enforces uniqueness and the model's constraints
    anyway; asking it first for each one (a query apiece in full_clean) would double the
    cost of a load, so they are asked only to explain a refusal, by name. Nor is whether a
    foreign key's row exists (a query each): each is a row this load has just read or
    written. A missing one is still refused."""
    resolved = [
        field.name
        for field in obj._meta.concrete_fields
        if field.is_relation and not field.remote_field.limit_choices_to and getattr(obj, field.attname) is not None
    ]
    obj.full_clean(exclude=resolved, validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        obj.validate_unique()
        obj.validate_constraints()
        raise


class _Resolver:
    """Turns the keys a data file uses into rows, with a clear error for a missing one."""

    def __init__(self):
        self.seen: dict[str, dict[str, models.Model]] = {}
        self.countries_by_code: dict[str, Country] = {}

    def add(self, kind: str, key: str, obj: models.Model) -> None:
        self.seen.setdefault(kind, {})[key] = obj

    def get(self, kind: str, key: str | None):
        if key is None:
            return None
        try:
            return self.seen[kind][key]
        except KeyError:
            raise DatasetError(f"unknown {kind} {key!r}") from None

    def country(self, code: str | None) -> Country | None:
        if code is None:
            return None
        if code not in self.countries_by_code:
            try:
                self.countries_by_code[code] = Country.objects.get(iso_alpha2=code)
            except Country.DoesNotExist:
                raise DatasetError(f"unknown country code {code!r}") from None
        return self.countries_by_code[code]

    def countries(self, codes: list[str]) -> list[Country]:
        return [self.country(code) for code in codes]


@transaction.atomic
def load_dataset(*, path: Path) -> LoadReport:
    """Load a TOML dataset (see statements/seed/) idempotently, keyed on each record's key.

    Loading the same file twice creates and changes nothing the second time.
    """
    with path.open("rb") as file:
        data = tomllib.load(file)
    load_countries()
    report = LoadReport()
    refs = _Resolver()

    def record(label, kind, key, result):
        obj, created, changed = result
        report.count(label, created=created, changed=changed)
        refs.add(kind, key, obj)
        return obj

    for item in data.get("organisations", []):
        record(
            "organisations",
            "organisation",
            item["key"],
            _upsert(
                Organisation,
                lookup={"slug": item["key"]},
                values={
                    **_names(item),
                    "short_name": item.get("short_name", ""),
                    "aliases": item.get("aliases", []),
                    "kind": item.get("kind", Organisation.Kind.OTHER),
                    "country": refs.country(item.get("country")),
                    "wikidata_id": item.get("wikidata_id", ""),
                },
            ),
        )

    for item in data.get("speakers", []):
        speaker = record(
            "speakers",
            "speaker",
            item["key"],
            _upsert(
                Speaker,
                lookup={"slug": item["key"]},
                values={
                    "kind": item.get("kind", Speaker.Kind.PERSON),
                    "name": item["name"],
                    "sort_name": item.get("sort_name", item["name"]),
                    "native_name": item.get("native_name", ""),
                    "country": refs.country(item.get("country")),
                    "organisation": refs.get("organisation", item.get("organisation")),
                    "wikidata_id": item.get("wikidata_id", ""),
                    "bio": item.get("bio", ""),
                    "described_as": item.get("described_as", ""),
                },
            ),
        )
        for alias in item.get("aliases", []):
            _, created = SpeakerAlias.objects.get_or_create(speaker=speaker, name=alias)
            report.count("aliases", created=created, changed=False)
        for role in item.get("roles", []):
            _, created, changed = _upsert(
                Role,
                lookup={"speaker": speaker, "title_fr": role.get("title_fr", ""), "title_en": role.get("title_en", "")},
                values={
                    "position_wikidata_id": role.get("position_wikidata_id", ""),
                    "attested_on": sorted(role.get("attested_on", [])),
                    "country": refs.country(role.get("country")),
                    "organisation": refs.get("organisation", role.get("organisation")),
                    "start_date": role.get("start_date"),
                    "end_date": role.get("end_date"),
                    # Left out, the level is read from the title on save.
                    **({"level": role["level"]} if "level" in role else {}),
                },
            )
            report.count("roles", created=created, changed=changed)

    for item in data.get("summits", []):
        summit = record(
            "summits",
            "summit",
            item["key"],
            _upsert(
                Summit,
                lookup={"slug": item["key"]},
                values={
                    "kind": item.get("kind", Summit.Kind.SUMMIT),
                    **_names(item),
                    "start_date": item.get("start_date"),
                    "end_date": item.get("end_date"),
                    "city": item.get("city", ""),
                    "venue": item.get("venue", ""),
                    "host_country": refs.country(item.get("host_country")),
                    "description": item.get("description", "").strip(),
                    "official_url": item.get("official_url", ""),
                },
            ),
        )
        summit.participant_countries.set(refs.countries(item.get("participant_countries", [])))
        summit.participant_organisations.set(
            [refs.get("organisation", key) for key in item.get("participant_organisations", [])]
        )

    # Sources are keyed on their URL when they have one, else on their full text or notes;
    # `reported_in` may only point to a source listed earlier in the file.
    for item in data.get("sources", []):
        full_text = item.get("full_text", "").strip()
        if "full_text_file" in item:
            full_text = (path.parent / item["full_text_file"]).read_text(encoding="utf-8").strip()
        values = {
            "kind": item.get("kind", Source.Kind.ARTICLE),
            "outlet": refs.get("organisation", item.get("outlet")),
            "title": item.get("title", ""),
            "url": item.get("url", ""),
            "archived_url": item.get("archived_url", ""),
            "published_on": item.get("published_on"),
            "accessed_on": item.get("accessed_on"),
            "language": item.get("language", ""),
            "reported_in": refs.get("source", item.get("reported_in")),
            "full_text": full_text,
            "notes": item.get("notes", ""),
        }
        lookup_field = "url" if values["url"] else "full_text" if full_text else "notes"
        lookup = {lookup_field: values.pop(lookup_field)}
        record("sources", "source", item["key"], _upsert(Source, lookup=lookup, values=values))

    # An unnamed source names the document that first described it.
    for item in data.get("speakers", []):
        if "first_described_in" in item:
            speaker = refs.get("speaker", item["key"])
            source = refs.get("source", item["first_described_in"])
            if speaker.first_described_in_id != source.pk:
                speaker.first_described_in = source
                speaker.save(update_fields=["first_described_in"])

    for item in data.get("topics", []):
        record(
            "topics",
            "topic",
            item["key"],
            _upsert(
                Topic,
                lookup={"slug": item["key"]},
                values={
                    "name_en": item["name_en"],
                    "name_fr": item.get("name_fr", ""),
                    "description": item.get("description", ""),
                },
            ),
        )

    _load_statements(data, refs=refs, report=report)
    # Explicitly, not only through the on-commit signals: the vectors are right as soon as
    # this returns, inside the caller's transaction too.
    refresh_search_vectors(statement.pk for statement in refs.seen.get("statement", {}).values())
    return report


def _load_statements(data: dict, *, refs: _Resolver, report: LoadReport) -> None:
    """Statements with their speakers, reports and links (see the seed file for the format).

    A dataset owns the statements whose ref starts with its key: one that left the file
    (merged into another as a report, say) is removed, after its reports moved on.
    """
    dataset = data.get("dataset", {})
    status = dataset.get("status", Statement.Status.DRAFT)
    items = data.get("statements", [])
    first_published = dict(
        Statement.objects.filter(import_ref__in=[item["ref"] for item in items]).values_list(
            "import_ref", "published_at"
        )
    )
    now = timezone.now()
    loaded = []
    for item in items:
        precision = item.get("date_precision", Statement.DatePrecision.DAY)
        earliest, latest = date_bounds(item["date"], precision)
        published_at = None
        if status in (Statement.Status.PUBLISHED, Statement.Status.RETRACTED):
            # Publication time is set once, the first time the dataset is loaded.
            published_at = first_published.get(item["ref"]) or now
        statement, created, changed = _upsert(
            Statement,
            lookup={"import_ref": item["ref"]},
            values={
                "original_language": item.get("original_language", ""),
                "date": latest,
                "date_earliest": None if item.get("on_or_before") else earliest,
                "date_precision": precision,
                "date_basis": item.get("date_basis", Statement.DateBasis.STATED),
                "summit": refs.get("summit", item.get("summit")),
                "place": item.get("place", ""),
                "context": item.get("context", "").strip(),
                "status": status,
                "published_at": published_at,
            },
        )
        report.count("statements", created=created, changed=changed)
        refs.add("statement", item["ref"], statement)
        statement.topics.set([refs.get("topic", key) for key in item.get("topics", [])])
        statement.countries_mentioned.set(refs.countries(item.get("countries_mentioned", [])))
        _load_credits(statement, item, refs=refs, report=report)
        _load_reports(statement, item, dataset=dataset, refs=refs, report=report)
        loaded.append((statement, item))

    # Second pass: a statement may link to one that comes later in the file.
    for statement, item in loaded:
        kept = []
        for link in item.get("links", []):
            obj, created, changed = _upsert(
                StatementLink,
                lookup={
                    "from_statement": statement,
                    "to_statement": refs.get("statement", link["to"]),
                    "kind": link["kind"],
                },
                values={
                    "basis": link.get("basis", StatementLink.Basis.EDITORIAL),
                    "source": refs.get("source", link.get("source")),
                    "note": link.get("note", ""),
                },
            )
            report.count("links", created=created, changed=changed)
            kept.append(obj.pk)
        statement.links_out.exclude(pk__in=kept).delete()
        file_statement(statement)

    if "key" in dataset:
        refs_in_file = [item["ref"] for item in items]
        gone = Statement.objects.filter(import_ref__startswith=f"{dataset['key']}/").exclude(
            import_ref__in=refs_in_file
        )
        for statement in gone:
            report.count("statements removed", created=True, changed=False)
            statement.delete()


def _load_credits(statement: Statement, item: dict, *, refs: _Resolver, report: LoadReport) -> None:
    """The statement's speakers: `speaker = "key"` for one author, or a `speakers` list of
    tables with speaker, capacity, country and organisation (whom they spoke for)."""
    entries = item.get("speakers") or [{"speaker": item["speaker"]}]
    kept = []
    for order, entry in enumerate(entries, start=1):
        speaker = refs.get("speaker", entry["speaker"])
        # What the file says, completed as every write path completes it (role that day, …).
        credit = StatementSpeaker(
            statement=statement,
            speaker=speaker,
            country=refs.country(entry.get("country")),
            organisation=refs.get("organisation", entry.get("organisation")),
        )
        fill_credit(credit=credit, date=statement.date if statement.known_to_the_day else None)
        obj, created, changed = _upsert(
            StatementSpeaker,
            lookup={"statement": statement, "speaker": speaker},
            values={
                "capacity": entry.get("capacity", StatementSpeaker.Capacity.AUTHOR),
                "order": order,
                "role": credit.role,
                "country": credit.country,
                "organisation": credit.organisation,
            },
        )
        report.count("speakers of statements", created=created, changed=changed)
        kept.append(obj.pk)
    statement.statement_speakers.exclude(pk__in=kept).delete()


def _load_reports(statement: Statement, item: dict, *, dataset: dict, refs: _Resolver, report: LoadReport) -> None:
    """The statement's reports, each keyed on its own ref; one may be `display = true`."""
    # A report moving here from another statement (two statements found to be one remark)
    # stops being that statement's display report.
    refs_here = [entry["ref"] for entry in item["reports"]]
    Report.objects.filter(import_ref__in=refs_here).exclude(statement=statement).update(is_display=False)
    display = None
    for entry in item["reports"]:
        translation = entry.get("translation")
        source = refs.get("source", entry["source"])
        obj, created, changed = _upsert(
            Report,
            lookup={"import_ref": entry["ref"]},
            values={
                "statement": statement,
                "source": source,
                "position": entry.get("position"),
                "text": entry["text"],
                "attribution": entry.get("attribution", ""),
                "mode": entry["mode"],
                "language": entry.get("language", dataset.get("language", "")),
                "is_translation": translation is not None,
                "translated_by": (translation or {}).get("by", ""),
                "translated_from": (translation or {}).get("from", ""),
                "excerpt": entry.get("excerpt", "").strip() or source.paragraph_holding(entry["text"]),
            },
        )
        report.count("reports", created=created, changed=changed)
        if entry.get("display"):
            display = obj
    if display is not None:
        statement.reports.exclude(pk=display.pk).filter(is_display=True).update(is_display=False)
        Report.objects.filter(pk=display.pk).update(is_display=True)
