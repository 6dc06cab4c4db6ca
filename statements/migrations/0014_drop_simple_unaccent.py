"""`simple_unaccent` (0001) was never used: names are matched with pg_trgm on unaccented
text (models.folded), and search uses the French and English configurations only."""

from django.db import migrations

CREATE = (
    "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'simple_unaccent') THEN "
    "CREATE TEXT SEARCH CONFIGURATION simple_unaccent (COPY = pg_catalog.simple); "
    "ALTER TEXT SEARCH CONFIGURATION simple_unaccent ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple; "
    "END IF; END $$;"
)


class Migration(migrations.Migration):
    dependencies = [("statements", "0013_office_level")]

    operations = [
        migrations.RunSQL(sql="DROP TEXT SEARCH CONFIGURATION IF EXISTS simple_unaccent;", reverse_sql=CREATE),
    ]
