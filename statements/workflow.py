"""The editorial record: every write that changes what the public may read goes through here.

- Saving (`StatementSave`): every editor's save of a statement with its parts (the
  admin's form and inlines, a restored old version, an imported article's new statement)
  checks who may make it, claims the next version (refusing a save over a newer one),
  keeps the workflow's own fields, files the statement, writes the public correction and
  finds possible duplicates (`possible_duplicates`), once, here.
- Filing (`file_statement`): after a statement's speakers and reports are saved, fill in
  what the editor left empty (each speaker's role that day and whom they spoke for), record
  the day as an attestation of those roles, and make sure one report is the display report.
- Corrections (`substance`, `record_correction`): a published statement whose words,
  attribution, speakers or date change gets a public, dated correction note.
- Status (`submit_for_review`, `publish`, `retract`): draft → in review → published →
  retracted, each checking the user's permission itself, so a hidden button is never the
  only guard.
- Who may edit what (`may_edit`): editors change drafts and statements in review; what
  is on record (published or retracted) changes only by a chief editor's hand. An editor
  proposes such a change instead (a ProposedChange, in the admin), and a chief editor
  applies or declines it (`close_proposal`).
- Merging (`merge_statements`, `merge_speakers`): two statements found to be one remark
  become one with all their reports; two unnamed sources are never merged by name, but an
  editor may merge them, explicitly.
- The editorial groups and their permissions.
"""

import datetime

from django.contrib.auth.models import Group, Permission
from django.contrib.postgres.search import TrigramSimilarity
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Correction, ProposedChange, Report, Speaker, SpeakerAlias, Statement, StatementSpeaker

PUBLISH_PERMISSION = "statements.publish_statement"
CHANGE_PERMISSION = "statements.change_statement"
MERGE_PERMISSION = "statements.delete_speaker"
ADD_PERMISSION = "statements.add_statement"


class WorkflowError(Exception):
    """A change that this user may not make, or that the record's state does not allow."""


# --- Filing ---------------------------------------------------------------------------


def fill_credit(*, credit: StatementSpeaker, date: datetime.date | None) -> None:
    """Fill in what the editor left empty on one speaker of a statement: the role the
    archive knows they held on `date` (never a guess: Role.covers), and the country and
    organisation they spoke for, from that role or, for unnamed and collective sources,
    from the speaker."""
    if credit.role_id is None and date is not None:
        credit.role = credit.speaker.role_on(date)
    role = credit.role if credit.role_id else None
    if credit.country_id is None:
        credit.country = (role.represented_country if role else None) or credit.speaker.country
    if credit.organisation_id is None:
        credit.organisation = (role.organisation if role else None) or credit.speaker.organisation


def default_display_report(statement: Statement, reports: list[Report]) -> Report:
    """The original-language direct quote when there is one, else the earliest report."""

    def earliest(report):
        return (report.source.published_on or datetime.date.max, report.position or 0, report.pk)

    originals = [
        report
        for report in reports
        if report.mode == Report.Mode.DIRECT
        and not report.is_translation
        and statement.original_language
        and report.language == statement.original_language
    ]
    return min(originals or reports, key=earliest)


def ensure_display_report(statement: Statement) -> Report | None:
    """Make one report the display report if none is (the editor's choice is kept)."""
    reports = list(statement.reports.select_related("source"))
    if not reports:
        return None
    chosen = [report for report in reports if report.is_display]
    if chosen:
        return chosen[0]
    best = default_display_report(statement, reports)
    Report.objects.filter(pk=best.pk).update(is_display=True)
    best.is_display = True
    return best


@transaction.atomic
def file_statement(statement: Statement) -> None:
    """Complete a statement once its speakers and reports are saved (see the module's docstring)."""
    known_to_the_day = statement.known_to_the_day
    for credit in statement.statement_speakers.select_related("speaker", "role"):
        before = (credit.role_id, credit.country_id, credit.organisation_id)
        fill_credit(credit=credit, date=statement.date if known_to_the_day else None)
        if (credit.role_id, credit.country_id, credit.organisation_id) != before:
            credit.save(update_fields=["role", "country", "organisation"])
        role = credit.role
        if role and known_to_the_day and statement.date not in role.attested_on:
            role.attested_on = sorted([*role.attested_on, statement.date])
            role.save(update_fields=["attested_on"])
    ensure_display_report(statement)


# --- Corrections ----------------------------------------------------------------------

SUBSTANCE_LABELS = {
    "text": gettext_lazy("words"),
    "attribution": gettext_lazy("attribution"),
    "speakers": gettext_lazy("speakers"),
    "date": gettext_lazy("date"),
}


def substance(statement: Statement) -> dict:
    """What a reader relies on, to compare before and after an edit: each report's words
    and attribution (by report), the speakers, the date."""
    reports = {report.pk: (report.text, report.attribution) for report in statement.reports.all()}
    return {
        "text": {pk: text for pk, (text, _attribution) in reports.items()},
        "attribution": {pk: attribution for pk, (_text, attribution) in reports.items()},
        "speakers": sorted(statement.statement_speakers.values_list("speaker_id", "capacity")),
        "date": (statement.date_earliest, statement.date, statement.date_precision),
    }


def changed_substance(before: dict, after: dict) -> list[str]:
    """What changed between two `substance` snapshots. A report added is new evidence, not
    a correction; a report changed or removed is."""
    changed = []
    for key in ("text", "attribution"):
        if any(after[key].get(pk) != value for pk, value in before[key].items()):
            changed.append(key)
    changed += [key for key in ("speakers", "date") if before[key] != after[key]]
    return changed


def record_correction(
    *, statement: Statement, before: dict, user=None, kind: str = Correction.Kind.ARCHIVE, note: str = ""
) -> Correction | None:
    """A public correction note when a published statement's substance changed since `before`.

    The editor's note is used when given; otherwise the note says what changed.
    """
    if statement.status != Statement.Status.PUBLISHED:
        return None
    changed = changed_substance(before, substance(statement))
    if not changed:
        return None
    what = ", ".join(str(SUBSTANCE_LABELS[key]) for key in changed)
    note = note.strip() or _("The archive corrected the %(what)s of this statement.") % {"what": what}
    return Correction.objects.create(
        statement=statement, kind=kind or Correction.Kind.ARCHIVE, note=note, changed=what, created_by=user
    )


# --- Versions -------------------------------------------------------------------------


class StaleVersion(WorkflowError):
    """Someone saved the statement after the editor's form was built from it."""


def claim_version(statement_pk: int, *, seen: int | None = None) -> int:
    """The version number a save of the statement writes: one more than the stored one.

    Every write to a statement (its form, a restore, a status change, an imported report,
    a merge) claims it: the row stays locked until the transaction ends, so two saves
    cannot both start from the same version. With `seen`, the version the editor's form
    was built from, a save over someone else's newer one is refused (StaleVersion).
    Must run inside a transaction.
    """
    current = Statement.objects.select_for_update().filter(pk=statement_pk).values_list("version", flat=True).get()
    if seen is not None and seen != current:
        raise StaleVersion(_("Someone saved this statement after you opened it; your changes were not saved."))
    return current + 1


def _touch(statement: Statement, user) -> None:
    """Record a change made to the statement's parts (a report added, a merge)."""
    Statement.objects.filter(pk=statement.pk).update(
        version=claim_version(statement.pk), updated_by=user, updated_at=timezone.now()
    )


# --- Saving ---------------------------------------------------------------------------


class StatementSave:
    """One editor's save of a statement with its speakers and reports, in three steps
    inside one transaction: construct it before the editor's values are written (it
    checks the user may make the save and, for a statement that exists, locks the row and
    claims the next version, refusing with StaleVersion a save over a newer version than
    `seen`); `apply` to the statement before saving its row; `finish` once its parts are
    saved, which returns the possible duplicates to tell the editor about.
    """

    # Changed only by the workflow's own steps, never by a form or a restored old version.
    WORKFLOW_FIELDS = ("status", "published_at", "retraction_reason", "retracted_at", "created_at", "created_by")

    def __init__(self, *, user, statement_pk: int | None = None, seen: int | None = None):
        self.user = user
        self.current = None
        if statement_pk is None:
            if not user.has_perm(ADD_PERMISSION):
                raise WorkflowError(_("You may not add statements."))
            return
        self.version = claim_version(statement_pk, seen=seen)
        self.current = Statement.objects.get(pk=statement_pk)
        if not may_edit(user, self.current):
            raise WorkflowError(_("Only chief editors change a statement on record: propose the change to them."))
        # What readers relied on before this save, to write a correction if it changes.
        self.before = substance(self.current)

    def apply(self, statement: Statement) -> None:
        if self.current is None:
            statement.created_by = self.user
        else:
            for name in self.WORKFLOW_FIELDS:
                setattr(statement, name, getattr(self.current, name))
            statement.version = self.version
        statement.updated_by = self.user

    def finish(self, statement: Statement, *, correction_kind: str = "", correction_note: str = "") -> list[Report]:
        file_statement(statement)
        if self.current is not None:
            record_correction(
                statement=statement, before=self.before, user=self.user, kind=correction_kind, note=correction_note
            )
        return possible_duplicates(statement)


# Trigram similarity above which two reports by one speaker are probably the same quote:
# the same words with different punctuation, quotation marks or one word changed score
# above 0.8, while different sentences on the same subject stay under 0.4.
DUPLICATE_SIMILARITY = 0.6


def similar_reports(*, speaker_ids, text: str, threshold: float = DUPLICATE_SIMILARITY):
    """Reports of statements by any of `speaker_ids` whose words resemble `text`, closest first."""
    return (
        Report.objects.filter(statement__statement_speakers__speaker_id__in=list(speaker_ids))
        .annotate(similarity=TrigramSimilarity("text", text))
        .filter(similarity__gte=threshold)
        .select_related("statement", "source")
        .order_by("-similarity")
        .distinct()
    )


def possible_duplicates(statement: Statement, *, per_report: int = 3) -> list[Report]:
    """Reports of other statements by the same speakers with nearly the same words as one
    of this statement's: probably the same remark, of which this could be one more report.
    One report per other statement, the closest first."""
    speaker_ids = list(statement.statement_speakers.values_list("speaker_id", flat=True))
    found: dict[int, Report] = {}
    for report in statement.reports.all():
        for other in similar_reports(speaker_ids=speaker_ids, text=report.text).exclude(statement=statement)[
            :per_report
        ]:
            found.setdefault(other.statement_id, other)
    return list(found.values())


# --- Status ---------------------------------------------------------------------------
# draft → in review → published → retracted.


def _set_status(*, statement: Statement, user, status: str, **fields) -> Statement:
    statement.status = status
    for name, value in fields.items():
        setattr(statement, name, value)
    statement.updated_by = user
    statement.version = claim_version(statement.pk)
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
    if not statement.reports.exists():
        raise WorkflowError(_("A statement needs at least one report (its words in a source) to be published."))
    if not statement.statement_speakers.exists():
        raise WorkflowError(_("A statement needs at least one speaker to be published."))
    file_statement(statement)
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
        statement=statement,
        user=user,
        status=Statement.Status.RETRACTED,
        retraction_reason=reason.strip(),
        retracted_at=timezone.now(),
    )


# --- Who may edit -----------------------------------------------------------------------

ON_RECORD = (Statement.Status.PUBLISHED, Statement.Status.RETRACTED)


def may_edit(user, statement: Statement | None) -> bool:
    """Whether `user` may change `statement` (None: statements in general) directly."""
    if not user.has_perm(CHANGE_PERMISSION):
        return False
    return statement is None or statement.status not in ON_RECORD or user.has_perm(PUBLISH_PERMISSION)


@transaction.atomic
def add_report(*, statement: Statement, report: Report, user) -> Report | ProposedChange:
    """Add another source's report to an existing statement. On a statement on record and
    by an editor, it becomes a proposal for a chief editor instead of a public change."""
    report.statement = statement
    report.full_clean()
    if not may_edit(user, statement):
        return ProposedChange.objects.create(
            statement=statement,
            proposed_by=user,
            proposal=_("Add a report from %(source)s: “%(text)s” (%(attribution)s)")
            % {"source": report.source, "text": report.text, "attribution": report.attribution},
        )
    _touch(statement, user)
    report.save()
    return report


def close_proposal(*, proposal: ProposedChange, user, status: str) -> ProposedChange:
    """Mark an open proposal applied (the chief editor made the change in the statement's
    form, which wrote the public correction) or declined."""
    if not user.has_perm(PUBLISH_PERMISSION):
        raise WorkflowError(_("Only chief editors may apply or decline a proposed change."))
    if proposal.status != ProposedChange.Status.OPEN:
        raise WorkflowError(_("This proposal was already handled."))
    if status not in (ProposedChange.Status.APPLIED, ProposedChange.Status.DECLINED):
        raise WorkflowError(_("A proposal is applied or declined."))
    proposal.status, proposal.handled_by, proposal.handled_at = status, user, timezone.now()
    proposal.save()
    return proposal


# --- Merging ---------------------------------------------------------------------------


@transaction.atomic
def merge_statements(*, statement: Statement, into: Statement, user) -> Statement:
    """Fold `statement` into `into` when both are the same remark: its reports and
    speakers move over, then it is deleted. A published statement keeps its permalink, so
    only a draft or a statement in review may be folded."""
    if not user.has_perm(CHANGE_PERMISSION):
        raise WorkflowError(_("You may not change statements."))
    if statement.pk == into.pk:
        raise WorkflowError(_("A statement cannot be merged into itself."))
    if statement.status in ON_RECORD:
        raise WorkflowError(_("A published statement keeps its permalink: retract it rather than merging it."))
    if not may_edit(user, into):
        raise WorkflowError(_("Only chief editors change a statement on record: propose the merge to them."))
    _touch(into, user)
    for report in statement.reports.all():
        report.statement, report.is_display = into, False
        report.save(update_fields=["statement", "is_display"])
    for credit in statement.statement_speakers.all():
        if not into.statement_speakers.filter(speaker_id=credit.speaker_id).exists():
            credit.statement = into
            credit.save(update_fields=["statement"])
    statement.delete()
    file_statement(into)
    return into


@transaction.atomic
def merge_speakers(*, target: Speaker, others: list[Speaker], user) -> Speaker:
    """Fold `others` into `target`: their statements, roles and names become target's,
    then they are deleted. An editor's explicit decision; nothing merges speakers by name."""
    if not user.has_perm(MERGE_PERMISSION):
        raise WorkflowError(_("Only chief editors may merge speakers."))
    others = [other for other in others if other.pk != target.pk]
    for other in others:
        for credit in other.statement_credits.all():
            if StatementSpeaker.objects.filter(statement_id=credit.statement_id, speaker=target).exists():
                credit.delete()  # target already speaks in this statement
            else:
                credit.speaker = target
                credit.save(update_fields=["speaker"])
        other.roles.update(speaker=target)
        names = {other.name, other.described_as, *other.aliases.values_list("name", flat=True)} - {"", target.name}
        for name in names:
            SpeakerAlias.objects.get_or_create(speaker=target, name=name)
        other.delete()
    return target


# --- Editorial groups -----------------------------------------------------------------

EDITORS = "Editors"
CHIEF_EDITORS = "Chief editors"
_EDITED_MODELS = (
    "statement",
    "report",
    "statementspeaker",
    "statementlink",
    "correction",
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
# countries), never delete or publish. Chief editors may do all of it. The inlines of a
# statement (reports, speakers, links) may be removed by editors while they edit it.
_EDITOR_PERMISSIONS = (
    [f"{action}_{model}" for model in _EDITED_MODELS for action in ("add", "change", "view")]
    + ["delete_report", "delete_statementspeaker", "delete_statementlink", "delete_translation"]
    + ["view_country", "change_country"]
    + ["add_proposedchange", "view_proposedchange"]
)
_CHIEF_EXTRA_PERMISSIONS = ["publish_statement", "change_proposedchange"] + [
    f"delete_{model}" for model in _EDITED_MODELS
]


def ensure_editorial_groups() -> tuple[Group, Group]:
    """Create or update the Editors and Chief editors groups. Safe to run again."""
    editors = Group.objects.get_or_create(name=EDITORS)[0]
    chiefs = Group.objects.get_or_create(name=CHIEF_EDITORS)[0]
    permissions = Permission.objects.filter(content_type__app_label="statements")
    editors.permissions.set(permissions.filter(codename__in=_EDITOR_PERMISSIONS))
    chiefs.permissions.set(permissions.filter(codename__in=_EDITOR_PERMISSIONS + _CHIEF_EXTRA_PERMISSIONS))
    return editors, chiefs
