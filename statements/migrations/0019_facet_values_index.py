import django.contrib.postgres.indexes
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("statements", "0018_statement_facet_values"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="statement",
            index=django.contrib.postgres.indexes.GinIndex(fields=["facet_values"], name="statement_facet_values_idx"),
        ),
    ]
