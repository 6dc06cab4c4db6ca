"""Carry every statement over to the remark-and-reports model (0006 added it, 0008 drops
the old columns).

Each statement becomes a remark with one report (its text, attribution, language, wording
and source, shown as its display report) and one speaker (its speaker as author, with
its role and filed-under country); an "answers" link becomes an editorial link. A
date known to the month or year becomes the range of that month or year. Set-based SQL,
so a million rows take seconds, not hours of Python loops.
"""

from django.db import migrations

FORWARD = [
    # Roles: the one title in its language becomes the French or English title.
    """UPDATE statements_role SET title_fr = CASE WHEN language = 'en' THEN '' ELSE title END,
                                  title_en = CASE WHEN language = 'en' THEN title ELSE '' END""",
    # An unnamed source keeps a description as printed: its first alias, else its name.
    """UPDATE statements_speaker speaker
          SET described_as = COALESCE((SELECT alias.name FROM statements_speakeralias alias
                                        WHERE alias.speaker_id = speaker.id ORDER BY alias.id LIMIT 1), speaker.name)
        WHERE kind = 'anonymous' AND described_as = ''""",
    # Translators: an official translation is now "the speaker's office".
    "UPDATE statements_translation SET translator_kind = 'speaker_office' WHERE translator_kind = 'official'",
    # Dates become ranges.
    """UPDATE statements_statement
          SET date_earliest = date,
              date = CASE date_precision
                       WHEN 'month' THEN (date_trunc('month', date) + interval '1 month - 1 day')::date
                       WHEN 'year' THEN make_date(extract(year FROM date)::int, 12, 31)
                       ELSE date END,
              original_language = CASE WHEN wording = 'verbatim' THEN language ELSE '' END""",
    # One report per statement, its display report.
    """INSERT INTO statements_report (statement_id, source_id, position, text, attribution, mode, language,
                                      is_translation, translated_by, translated_from, excerpt, is_display,
                                      import_ref, created_at, updated_at)
       SELECT id, source_id, source_position, text, attribution,
              CASE wording WHEN 'verbatim' THEN 'direct' WHEN 'reported' THEN 'indirect'
                           WHEN 'paraphrase' THEN 'paraphrase' ELSE 'direct' END,
              language, wording = 'translation', '', '', '', TRUE, import_ref, created_at, updated_at
         FROM statements_statement""",
    # Its speaker as author, with the role held that day and what it was filed under.
    """INSERT INTO statements_statementspeaker (statement_id, speaker_id, capacity, "order", role_id, country_id,
                                               organisation_id)
       SELECT statement.id, statement.speaker_id, 'author', 1, statement.role_id, statement.country_id,
              COALESCE(role.organisation_id, speaker.organisation_id)
         FROM statements_statement statement
         JOIN statements_speaker speaker ON speaker.id = statement.speaker_id
         LEFT JOIN statements_role role ON role.id = statement.role_id""",
    # The roles are attested on the days of the statements filed with them.
    """UPDATE statements_role role
          SET attested_on = ARRAY(SELECT DISTINCT statement.date FROM statements_statement statement
                                   WHERE statement.role_id = role.id AND statement.date_precision = 'day'
                                   ORDER BY 1)""",
    # "Answers" becomes an editorial link.
    """INSERT INTO statements_statementlink (from_statement_id, to_statement_id, kind, basis, note)
       SELECT id, answers_id, 'answers', 'editorial', '' FROM statements_statement WHERE answers_id IS NOT NULL""",
]


def normalise_source_urls(apps, schema_editor):
    """Normalise every source's URL (0008 makes them unique); a second source with the
    same address keeps it in its editor's notes instead."""
    from statements.models import normalise_url

    Source = apps.get_model("statements", "Source")
    seen = set()
    for source in Source.objects.exclude(url="").order_by("id").iterator():
        url = normalise_url(source.url)
        if url in seen:
            source.notes = (source.notes + f"\nSame address as an earlier source: {url}").strip()
            url = ""
        seen.add(url)
        Source.objects.filter(pk=source.pk).update(url=url, notes=source.notes)


def forward(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        for statement in FORWARD:
            cursor.execute(statement)
    normalise_source_urls(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0006_remarks_and_reports"),
    ]

    operations = [migrations.RunPython(forward, elidable=False)]
