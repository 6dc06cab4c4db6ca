"""A retraction records when it happened, so a retracted statement's page, share cards
and citations can say "retracted on …". Statements already retracted take the time of
the first history row that shows them retracted (their last change when there is none)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0008_remove_single_report_fields"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="statement",
            name="statement_retraction_has_reason",
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="retracted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="retracted at"),
        ),
        migrations.AddField(
            model_name="statement",
            name="retracted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="retracted at"),
        ),
        migrations.RunSQL(
            sql="""
                UPDATE statements_statement AS s
                SET retracted_at = COALESCE(
                    (SELECT min(h.history_date) FROM statements_historicalstatement h
                     WHERE h.id = s.id AND h.status = 'retracted'),
                    s.updated_at)
                WHERE s.status = 'retracted'
            """,
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "retracted"), _negated=True),
                    models.Q(models.Q(("retraction_reason", ""), _negated=True), ("retracted_at__isnull", False)),
                    _connector="OR",
                ),
                name="statement_retraction_recorded",
            ),
        ),
    ]
