import django.contrib.postgres.fields
from django.db import migrations, models

# The facet values of the statements already stored, as statements/search.py's documents
# query computes them today (frozen here: that query may change after this migration).
FILL = """
UPDATE statements_statement statement
   SET facet_values = array_remove(ARRAY['summit:' || statement.summit_id], NULL) || coalesce((
       SELECT array_agg(DISTINCT keyed.key)
         FROM (SELECT unnest(ARRAY['country:' || credit.country_id, 'speaker:' || credit.speaker_id,
                                   'organisation:' || credit.organisation_id, 'level:' || role.level,
                                   'speaker_kind:' || speaker.kind]) AS key
                 FROM statements_statementspeaker credit
                 JOIN statements_speaker speaker ON speaker.id = credit.speaker_id
                 LEFT JOIN statements_role role ON role.id = credit.role_id
                WHERE credit.statement_id = statement.id
               UNION ALL
               SELECT 'topic:' || tag.topic_id
                 FROM statements_statement_topics tag WHERE tag.statement_id = statement.id
               UNION ALL
               SELECT unnest(ARRAY['mode:' || report.mode, 'outlet:' || source.outlet_id,
                                   'language:' || report.language])
                 FROM statements_report report
                 JOIN statements_source source ON source.id = report.source_id
                WHERE report.statement_id = statement.id) keyed
        WHERE keyed.key IS NOT NULL), ARRAY[]::text[])
"""


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0017_role_constraint_message"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="facet_values",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.TextField(), default=list, editable=False, size=None
            ),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
    ]
