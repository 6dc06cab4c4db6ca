import datetime

import pytest

from tests.factories import RoleFactory, SourceFactory, StatementFactory


@pytest.fixture
def draft(db):
    role = RoleFactory(start_date=datetime.date(2020, 1, 1))
    return StatementFactory(draft=True, speaker=role.speaker, role=role, text="Nous ne reculerons pas d'un pouce.")


def _management(prefix: str, total: int, initial: int, minimum: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": str(minimum),
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def statement_form(
    statement=None, *, text=None, speaker=None, role=None, source=None, mode=None, date=None, **overrides
):
    """The POST data of the statement admin form with its inlines (speakers, reports,
    links, translations, corrections), from `statement` or a fresh one.

    `text`, `mode` and `source` set the first report, `speaker` and `role` the first
    speaker, `date` the day (both ends of the date); any other keyword is a raw field.
    """
    speaker_rows = list(statement.statement_speakers.all()) if statement else []
    reports = list(statement.reports.order_by("-is_display", "id")) if statement else []
    corrections = list(statement.corrections.all()) if statement else []
    if statement:
        day = date or statement.date.isoformat()
        earliest = statement.date_earliest.isoformat() if statement.date_earliest else ""
        if date:
            earliest = date
    else:
        day = earliest = date or "2024-03-01"
    data = {
        "date_earliest": earliest,
        "date": day,
        "date_precision": statement.date_precision if statement else "day",
        "date_basis": statement.date_basis if statement else "stated",
        "time": "",
        "time_zone": "",
        "summit": statement.summit_id or "" if statement else "",
        "place": "Fictionville",
        "original_language": "",
        "context": "",
        "correction_kind": "archive",
        "correction_note": "",
        "version_seen": statement.version if statement else "",
        **_management("statement_speakers", max(len(speaker_rows), 1), len(speaker_rows), 1),
        **_management("reports", max(len(reports), 1), len(reports), 1),
        **_management("links_out", 0, 0),
        **_management("translations", 0, 0),
        **_management("corrections", len(corrections), len(corrections)),
    }
    for number, correction in enumerate(corrections):
        data.update({f"corrections-{number}-id": correction.pk, f"corrections-{number}-statement": statement.pk})
    for number, credit in enumerate(speaker_rows or [None]):
        prefix = f"statement_speakers-{number}-"
        speaker_id = speaker.pk if number == 0 and speaker else credit.speaker_id if credit else None
        if speaker_id is None:
            speaker_id = RoleFactory(start_date=datetime.date(2020, 1, 1)).speaker_id
        role_id = role.pk if number == 0 and role else credit.role_id if credit else None
        data.update(
            {
                prefix + "id": credit.pk if credit else "",
                prefix + "statement": statement.pk if statement else "",
                prefix + "speaker": speaker_id,
                prefix + "capacity": credit.capacity if credit else "author",
                prefix + "order": credit.order if credit else 1,
                prefix + "role": role_id or "",
                prefix + "country": credit.country_id or "" if credit else "",
                prefix + "organisation": credit.organisation_id or "" if credit else "",
            }
        )
    for number, report in enumerate(reports or [None]):
        prefix = f"reports-{number}-"
        data.update(
            {
                prefix + "id": report.pk if report else "",
                prefix + "statement": statement.pk if statement else "",
                prefix + "source": (source or (report.source if report else SourceFactory())).pk,
                prefix + "position": report.position or "" if report else "",
                prefix + "text": report.text if report else "Une déclaration inventée pour le test.",
                prefix + "language": report.language if report else "fr",
                prefix + "mode": report.mode if report else "direct",
                prefix + "attribution": report.attribution if report else "a déclaré la ministre",
                prefix + "translated_by": report.translated_by if report else "",
                prefix + "translated_from": report.translated_from if report else "",
                prefix + "excerpt": report.excerpt if report else "",
            }
        )
        if report and report.is_translation:  # a checkbox is sent only when ticked
            data[prefix + "is_translation"] = "on"
        if report is None or report.is_display:
            data[prefix + "is_display"] = "on"
        if number == 0 and text is not None:
            data[prefix + "text"] = text
        if number == 0 and mode is not None:
            data[prefix + "mode"] = mode
    data.update(overrides)
    return data
