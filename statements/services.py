"""Writes that matter: loading reference data and datasets, filing statements.

Keyword-only functions; each validates with `full_clean()` before saving so a bad data
file stops with a clear message instead of storing half-valid rows.
"""

import datetime
import gettext
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
from django.contrib.auth.models import Group, Permission
from django.contrib.postgres.search import TrigramSimilarity
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .extraction import Candidate, KnownSpeaker, extract, same_statement
from .models import (
    Country,
    Organisation,
    Role,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
    Summit,
    Topic,
)
from .search import refresh_search_vectors

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


def filing_for(*, speaker: Speaker, date: datetime.date) -> tuple[Role | None, Country | None]:
    """The role a speaker held on `date` and the country a statement of that day is filed under.

    The country is the one the role represents; without a role, the speaker's own
    (an unnamed "German government source" is filed under Germany).
    """
    role = speaker.role_on(date)
    country = role.represented_country if role else None
    return role, country or speaker.country


def fill_filing(*, statement: Statement) -> None:
    """Fill in what the editor left empty: the role the speaker held on the statement's
    date, and the country it is filed under (from that role, or the speaker's own)."""
    if not (statement.speaker_id and statement.date):
        return
    if statement.role_id is None:
        statement.role = statement.speaker.role_on(statement.date)
    if statement.country_id is None:
        represented = statement.role.represented_country if statement.role_id else None
        statement.country = represented or statement.speaker.country


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


def _upsert(model: type[models.Model], *, lookup: dict, values: dict) -> tuple[models.Model, bool, bool]:
    """Create or update one row; save only when a value differs, so reloading changes nothing.

    Returns (object, created, changed).
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, True, False
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.full_clean()
        obj.save()
    return obj, False, bool(changed)


class _Resolver:
    """Turns the keys a data file uses into rows, with a clear error for a missing one."""

    def __init__(self):
        self.seen: dict[str, dict[str, models.Model]] = {}

    def add(self, kind: str, key: str, obj: models.Model) -> None:
        self.seen.setdefault(kind, {})[key] = obj

    def get(self, kind: str, key: str | None):
        if key is None:
            return None
        try:
            return self.seen[kind][key]
        except KeyError:
            raise DatasetError(f"unknown {kind} {key!r}") from None

    @staticmethod
    def country(code: str | None) -> Country | None:
        if code is None:
            return None
        try:
            return Country.objects.get(iso_alpha2=code)
        except Country.DoesNotExist:
            raise DatasetError(f"unknown country code {code!r}") from None

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
                    "name": item["name"],
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
                },
            ),
        )
        for alias in item.get("aliases", []):
            _, created = SpeakerAlias.objects.get_or_create(speaker=speaker, name=alias)
            report.count("aliases", created=created, changed=False)
        for role in item.get("roles", []):
            _, created, changed = _upsert(
                Role,
                lookup={"speaker": speaker, "title": role["title"]},
                values={
                    "language": role["language"],
                    "country": refs.country(role.get("country")),
                    "organisation": refs.get("organisation", role.get("organisation")),
                    "start_date": role.get("start_date"),
                    "end_date": role.get("end_date"),
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
                    "name": item["name"],
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
            "language": item.get("language", ""),
            "reported_in": refs.get("source", item.get("reported_in")),
            "full_text": full_text,
            "notes": item.get("notes", ""),
        }
        lookup_field = "url" if values["url"] else "full_text" if full_text else "notes"
        lookup = {lookup_field: values.pop(lookup_field)}
        record("sources", "source", item["key"], _upsert(Source, lookup=lookup, values=values))

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
    dataset = data.get("dataset", {})
    status = dataset.get("status", Statement.Status.DRAFT)
    first_published = dict(
        Statement.objects.filter(import_ref__in=[item["ref"] for item in data.get("statements", [])]).values_list(
            "import_ref", "published_at"
        )
    )
    now = timezone.now()
    statements = []
    for position, item in enumerate(data.get("statements", []), start=1):
        speaker = refs.get("speaker", item["speaker"])
        role, country = filing_for(speaker=speaker, date=item["date"])
        published_at = None
        if status in (Statement.Status.PUBLISHED, Statement.Status.RETRACTED):
            # Publication time is set once, the first time the dataset is loaded.
            published_at = first_published.get(item["ref"]) or now
        statement, created, changed = _upsert(
            Statement,
            lookup={"import_ref": item["ref"]},
            values={
                "text": item["text"],
                "language": item.get("language", dataset.get("language", "")),
                "attribution": item.get("attribution", ""),
                "wording": item["wording"],
                "speaker": speaker,
                "role": role,
                "country": refs.country(item["country"]) if "country" in item else country,
                "date": item["date"],
                "date_precision": item.get("date_precision", Statement.DatePrecision.DAY),
                "summit": refs.get("summit", item.get("summit")),
                "place": item.get("place", ""),
                "source": refs.get("source", item["source"]),
                "source_position": position,
                "context": item.get("context", ""),
                "status": status,
                "published_at": published_at,
            },
        )
        report.count("statements", created=created, changed=changed)
        refs.add("statement", item["ref"], statement)
        statement.topics.set([refs.get("topic", key) for key in item.get("topics", [])])
        statement.countries_mentioned.set(refs.countries(item.get("countries_mentioned", [])))
        statements.append((statement, item))

    # Second pass: a statement may answer one that comes later in the file.
    for statement, item in statements:
        answers = refs.get("statement", item.get("answers"))
        if statement.answers != answers:
            statement.answers = answers
            statement.save(update_fields=["answers", "updated_at"])


# --- Editorial workflow -------------------------------------------------------------
# draft → in review → published → retracted. Every change of status goes through these
# functions, which check the user's permission themselves: the admin's buttons and
# actions only call them, so hiding a button is never the only guard.

PUBLISH_PERMISSION = "statements.publish_statement"
CHANGE_PERMISSION = "statements.change_statement"


class WorkflowError(Exception):
    """A change of status that this user may not make, or that this status does not allow."""


def _set_status(*, statement: Statement, user, status: str, **fields) -> Statement:
    statement.status = status
    for name, value in fields.items():
        setattr(statement, name, value)
    statement.updated_by = user
    statement.version += 1
    statement.full_clean()
    statement.save()
    return statement


@transaction.atomic
def submit_for_review(*, statement: Statement, user) -> Statement:
    if not user.has_perm(CHANGE_PERMISSION):
        raise WorkflowError(_("You may not change statements."))
    if statement.status != Statement.Status.DRAFT:
        raise WorkflowError(_("Only a draft can be submitted for review."))
    return _set_status(statement=statement, user=user, status=Statement.Status.IN_REVIEW)


@transaction.atomic
def publish(*, statement: Statement, user) -> Statement:
    if not user.has_perm(PUBLISH_PERMISSION):
        raise WorkflowError(_("Only chief editors may publish."))
    if statement.status not in (Statement.Status.DRAFT, Statement.Status.IN_REVIEW):
        raise WorkflowError(_("Only a draft or a statement in review can be published."))
    return _set_status(statement=statement, user=user, status=Statement.Status.PUBLISHED, published_at=timezone.now())


@transaction.atomic
def retract(*, statement: Statement, user, reason: str) -> Statement:
    if not user.has_perm(PUBLISH_PERMISSION):
        raise WorkflowError(_("Only chief editors may retract."))
    if statement.status != Statement.Status.PUBLISHED:
        raise WorkflowError(_("Only a published statement can be retracted."))
    if not reason.strip():
        raise WorkflowError(_("A retraction needs a public reason."))
    return _set_status(
        statement=statement, user=user, status=Statement.Status.RETRACTED, retraction_reason=reason.strip()
    )


# --- Editorial groups ---------------------------------------------------------------

EDITORS = "Editors"
CHIEF_EDITORS = "Chief editors"
_EDITED_MODELS = (
    "statement",
    "translation",
    "speaker",
    "speakeralias",
    "role",
    "summit",
    "source",
    "topic",
    "organisation",
)
# What editors may do: add and change the archive's records (and the display names of
# countries), never delete or publish. Chief editors may do all of it.
_EDITOR_PERMISSIONS = [f"{action}_{model}" for model in _EDITED_MODELS for action in ("add", "change", "view")] + [
    "view_country",
    "change_country",
]
_CHIEF_EXTRA_PERMISSIONS = ["publish_statement"] + [f"delete_{model}" for model in _EDITED_MODELS]


def ensure_editorial_groups() -> tuple[Group, Group]:
    """Create or update the Editors and Chief editors groups. Safe to run again."""
    editors = Group.objects.get_or_create(name=EDITORS)[0]
    chiefs = Group.objects.get_or_create(name=CHIEF_EDITORS)[0]
    permissions = Permission.objects.filter(content_type__app_label="statements")
    editors.permissions.set(permissions.filter(codename__in=_EDITOR_PERMISSIONS))
    chiefs.permissions.set(permissions.filter(codename__in=_EDITOR_PERMISSIONS + _CHIEF_EXTRA_PERMISSIONS))
    return editors, chiefs


# --- Quote extraction ---------------------------------------------------------------


def known_speakers(*, on: datetime.date) -> list[KnownSpeaker]:
    """What the extractor may match: every speaker's names, aliases and roles held `on`."""
    speakers = Speaker.objects.prefetch_related("aliases", "roles")
    return [
        KnownSpeaker(
            id=speaker.pk,
            name=speaker.name,
            names=[speaker.name, speaker.native_name, *(alias.name for alias in speaker.aliases.all())],
            titles=[role.title for role in speaker.roles.all() if role.held_on(on)],
            anonymous=speaker.kind != Speaker.Kind.PERSON,
        )
        for speaker in speakers
    ]


def extract_candidates(*, text: str, published: datetime.date, language: str) -> list[Candidate]:
    return extract(text, published=published, language=language, speakers=known_speakers(on=published))


@dataclass
class ImportResult:
    created: list[Statement] = field(default_factory=list)
    duplicates: list[tuple[Candidate, Statement]] = field(default_factory=list)


# Same threshold as the admin's duplicate warning: the same quote with other punctuation.
IMPORT_DUPLICATE_SIMILARITY = 0.6
# Below that, statements sharing enough trigrams are compared word by word (same_statement).
IMPORT_CANDIDATE_SIMILARITY = 0.3


def _existing_statement(candidate: Candidate) -> Statement | None:
    """The speaker's statement this candidate repeats, if any: nearly the same text
    (trigram similarity, as the admin warns), or the same words with other boundaries
    (one text holding most of the other, as when an editor cut the quote differently)."""
    similar = (
        Statement.objects.filter(speaker_id=candidate.speaker_id)
        .annotate(similarity=TrigramSimilarity("text", candidate.text))
        .filter(similarity__gte=IMPORT_CANDIDATE_SIMILARITY)
        .order_by("-similarity")[:10]
    )
    for statement in similar:
        if statement.similarity >= IMPORT_DUPLICATE_SIMILARITY or same_statement(candidate.text, statement.text):
            return statement
    return None


@transaction.atomic
def import_candidates(*, source: Source, candidates: list[Candidate], user) -> ImportResult:
    """Turn the chosen candidates into draft statements of `source`, in article order.

    A candidate whose speaker already has that statement (_existing_statement) is not
    imported again: importing an article twice creates nothing the second time.
    Candidates must have a known speaker.
    """
    result = ImportResult()
    for position, candidate in enumerate(candidates, start=1):
        if candidate.speaker_id is None:
            raise ValueError(f"Candidate {candidate.text[:40]!r} has no speaker: choose or create one first.")
        duplicate = _existing_statement(candidate)
        if duplicate:
            result.duplicates.append((candidate, duplicate))
            continue
        statement = Statement(
            text=candidate.text,
            language=candidate.language,
            attribution=candidate.attribution,
            wording=candidate.wording,
            speaker_id=candidate.speaker_id,
            date=datetime.date.fromisoformat(candidate.date),
            source=source,
            source_position=position,
            status=Statement.Status.DRAFT,
            created_by=user,
            updated_by=user,
        )
        fill_filing(statement=statement)
        statement.full_clean()
        statement.save()
        result.created.append(statement)
    return result
