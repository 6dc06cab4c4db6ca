"""Database extensions and text search configurations the archive's search relies on.

`french_unaccent` and `english_unaccent` are copies of PostgreSQL's `french` and
`english` configurations whose word mappings run `unaccent` before stemming, so that a
stored vector and a query both fold accents: "Elysee" matches "Élysée" without any
unaccent() call at query time. `simple_unaccent` does the same without stemming, for
names. pg_trgm serves typo-tolerant name search.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

CONFIGURATIONS = [
    ("french_unaccent", "french", "french_stem"),
    ("english_unaccent", "english", "english_stem"),
    ("simple_unaccent", "simple", "simple"),
]

create_sql = []
drop_sql = []
for name, template, dictionary in CONFIGURATIONS:
    # Only when missing: a database rebuilt table by table (the migration tests) keeps them.
    create_sql.append(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{name}') THEN "
        f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = pg_catalog.{template}); "
        f"ALTER TEXT SEARCH CONFIGURATION {name} "
        f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {dictionary}; "
        "END IF; END $$;"
    )
    drop_sql.append(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name};")


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        UnaccentExtension(),
        TrigramExtension(),
        migrations.RunSQL(sql=create_sql, reverse_sql=drop_sql),
    ]
