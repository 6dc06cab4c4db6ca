"""Full-text search over statements, and the stored vectors it reads.

Each statement's `search_vector` holds the words of every report of it (weight A); its
speakers' names and aliases and its translations (B); the reports' attributions, the
statement's context, its place, its summit (name, city, venue) and the roles its
speakers held (C); its topics, the countries it was made for or mentions, the
organisations of its speakers and the outlets and titles of its sources, in French and
English where they have both names (D): all of it is shown on the statement's page, and
the quote's own words weigh most. Every part is
processed by both `french_unaccent` and `english_unaccent` (migration 0001), and a query
is parsed by both and the two ORed: a French query finds French inflections ("garantie"
finds "garanties"), an English one English inflections ("guarantees" finds
"guarantee"), accents never matter, and a name is stemmed the same way on both sides.

The same documents query gives each statement's facet values (statements/facets.py), kept
beside the vector. Both read other tables, so neither can be a generated column:
`refresh_search_vectors` recomputes them in one UPDATE, run on commit whenever a
statement or anything it reads changes (statements/signals.py), and for every row by
`manage.py rebuild_search`.
"""

import re
from collections.abc import Iterable

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, Func, Value, When
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

SEARCH_CONFIGS = ("french_unaccent", "english_unaccent")
# Highlight markers: control characters that are removed from the text before
# highlighting, so only PostgreSQL's own markers can turn into <mark> tags.
MARK_START, MARK_STOP = "\x02", "\x03"

# Each statement's searchable text, in the parts a page shows, one column each. The
# statements are read from {statements}: the table itself, or rows about to be inserted
# into it (statements/csv_import.py) with its columns id, context, place and summit_id.
# Each part is aggregated once over the rows of the chosen statements (a join, not a
# subquery per statement): the same plan serves one statement saved (index lookups) and
# a million rebuilt or imported (hash joins).
_DOCUMENTS_SQL = """
WITH chosen AS MATERIALIZED (
    SELECT statement.id, statement.context, statement.place, statement.summit_id
      FROM {statements} statement
     WHERE {where}
)
SELECT chosen.id,
       reports.quote,
       reports.other_reports,
       credits.speakers,
       translations.texts AS translations,
       concat_ws(' ', reports.attributions, chosen.context) AS attribution_and_context,
       concat_ws(' ', chosen.place, summit.name_as_recorded, summit.name_en, summit.name_fr,
                 summit.city, summit.venue) AS occasion,
       credits.roles,
       topics.names AS topics,
       countries.names AS countries,
       organisations.names AS organisations,
       reports.sources,
       array_remove(ARRAY['summit:' || chosen.summit_id], NULL) || coalesce(facets.keys, ARRAY[]::text[])
           AS facet_values
  FROM chosen
  LEFT JOIN statements_summit summit ON summit.id = chosen.summit_id
  LEFT JOIN (
       SELECT report.statement_id,
              string_agg(report.text, ' ') FILTER (WHERE report.is_display) AS quote,
              string_agg(report.text, ' ') FILTER (WHERE NOT report.is_display) AS other_reports,
              string_agg(report.attribution, ' ') AS attributions,
              string_agg(concat_ws(' ', outlet.name_as_recorded, outlet.name_en, outlet.name_fr,
                                   outlet.short_name, source.title), ' ') AS sources
         FROM statements_report report
         JOIN statements_source source ON source.id = report.source_id
         LEFT JOIN statements_organisation outlet ON outlet.id = source.outlet_id
        WHERE report.statement_id IN (SELECT id FROM chosen)
        GROUP BY report.statement_id) reports ON reports.statement_id = chosen.id
  LEFT JOIN (
       SELECT credit.statement_id,
              string_agg(concat_ws(' ', speaker.name, speaker.native_name, aliases.names), ' ') AS speakers,
              string_agg(concat_ws(' ', role.title_fr, role.title_en), ' ') FILTER (WHERE role.id IS NOT NULL)
                  AS roles
         FROM statements_statementspeaker credit
         JOIN statements_speaker speaker ON speaker.id = credit.speaker_id
         LEFT JOIN statements_role role ON role.id = credit.role_id
         LEFT JOIN LATERAL (SELECT string_agg(alias.name, ' ') AS names
                              FROM statements_speakeralias alias WHERE alias.speaker_id = speaker.id) aliases ON TRUE
        WHERE credit.statement_id IN (SELECT id FROM chosen)
        GROUP BY credit.statement_id) credits ON credits.statement_id = chosen.id
  LEFT JOIN (
       SELECT translation.statement_id, string_agg(translation.text, ' ') AS texts
         FROM statements_translation translation
        WHERE translation.statement_id IN (SELECT id FROM chosen)
        GROUP BY translation.statement_id) translations ON translations.statement_id = chosen.id
  LEFT JOIN (
       SELECT tag.statement_id, string_agg(concat_ws(' ', topic.name_en, topic.name_fr), ' ') AS names
         FROM statements_statement_topics tag
         JOIN statements_topic topic ON topic.id = tag.topic_id
        WHERE tag.statement_id IN (SELECT id FROM chosen)
        GROUP BY tag.statement_id) topics ON topics.statement_id = chosen.id
  LEFT JOIN (
       SELECT named.statement_id, string_agg(concat_ws(' ', country.name_en, country.name_fr), ' ') AS names
         FROM (SELECT credit.statement_id, credit.country_id FROM statements_statementspeaker credit
                WHERE credit.statement_id IN (SELECT id FROM chosen)
               UNION
               SELECT mention.statement_id, mention.country_id FROM statements_statement_countries_mentioned mention
                WHERE mention.statement_id IN (SELECT id FROM chosen)) named
         JOIN statements_country country ON country.id = named.country_id
        GROUP BY named.statement_id) countries ON countries.statement_id = chosen.id
  LEFT JOIN (
       SELECT named.statement_id,
              string_agg(concat_ws(' ', organisation.name_as_recorded, organisation.name_en, organisation.name_fr,
                                   organisation.short_name,
                                   (SELECT string_agg(alias, ' ')
                                      FROM jsonb_array_elements_text(organisation.aliases) alias)), ' ') AS names
         FROM (SELECT credit.statement_id, credit.organisation_id FROM statements_statementspeaker credit
                WHERE credit.statement_id IN (SELECT id FROM chosen)
               UNION
               SELECT credit.statement_id, role.organisation_id FROM statements_statementspeaker credit
                 JOIN statements_role role ON role.id = credit.role_id
                WHERE credit.statement_id IN (SELECT id FROM chosen)) named
         JOIN statements_organisation organisation ON organisation.id = named.organisation_id
        GROUP BY named.statement_id) organisations ON organisations.statement_id = chosen.id
  LEFT JOIN (
       SELECT keyed.statement_id, array_agg(DISTINCT keyed.key) AS keys
         FROM (SELECT credit.statement_id,
                      unnest(ARRAY['country:' || credit.country_id, 'speaker:' || credit.speaker_id,
                                   'organisation:' || credit.organisation_id, 'level:' || role.level,
                                   'speaker_kind:' || speaker.kind]) AS key
                 FROM statements_statementspeaker credit
                 JOIN statements_speaker speaker ON speaker.id = credit.speaker_id
                 LEFT JOIN statements_role role ON role.id = credit.role_id
                WHERE credit.statement_id IN (SELECT id FROM chosen)
               UNION ALL
               SELECT tag.statement_id, 'topic:' || tag.topic_id
                 FROM statements_statement_topics tag
                WHERE tag.statement_id IN (SELECT id FROM chosen)
               UNION ALL
               SELECT report.statement_id,
                      unnest(ARRAY['mode:' || report.mode, 'outlet:' || source.outlet_id,
                                   'language:' || report.language])
                 FROM statements_report report
                 JOIN statements_source source ON source.id = report.source_id
                WHERE report.statement_id IN (SELECT id FROM chosen)) keyed
        WHERE keyed.key IS NOT NULL
        GROUP BY keyed.statement_id) facets ON facets.statement_id = chosen.id
"""

# The parts by weight: the quote's own words first.
WEIGHTS = {
    "A": ("quote", "other_reports"),
    "B": ("speakers", "translations"),
    "C": ("attribution_and_context", "occasion", "roles"),
    "D": ("topics", "countries", "organisations", "sources"),
}


def _vector(columns) -> str:
    text = "concat_ws(' ', " + ", ".join(f"documents.{column}" for column in columns) + ")"
    return " || ".join(f"to_tsvector('{config}', {text})" for config in SEARCH_CONFIGS)


# The search vector of a row of `documents`. Built from the constants above, no input in it.
VECTOR_SQL = " || ".join(f"setweight({_vector(columns)}, '{weight}')" for weight, columns in WEIGHTS.items())


def documents_sql(*, statements: str = "statements_statement", where: str = "TRUE") -> str:
    """The documents query over `statements` (a table or a query's name, never input)."""
    return _DOCUMENTS_SQL.format(statements=statements, where=where)


def _refresh_sql(where: str) -> str:
    return (
        f"WITH documents AS MATERIALIZED ({documents_sql(where=where)})\n"
        f"UPDATE statements_statement AS statement SET search_vector = {VECTOR_SQL},\n"
        "       facet_values = documents.facet_values\n"
        "  FROM documents WHERE documents.id = statement.id"
    )


# Where, outside the quote a card shows, a search matched: the reader is told.
MATCH_PLACES = {
    "other_reports": _("another report of it"),
    "speakers": _("a speaker's name"),
    "translations": _("a translation"),
    "attribution_and_context": _("the attribution or context"),
    "occasion": _("the place or summit"),
    "roles": _("a speaker's role"),
    "topics": _("a topic"),
    "countries": _("a country"),
    "organisations": _("an organisation"),
    "sources": _("a source"),
}


def matched_outside_the_quote(statement_ids: Iterable[int], terms: str) -> dict[int, list[str]]:
    """For each statement whose display report does not match `terms`, where it matched:
    the MATCH_PLACES holding any of the words, in that order. One query for a page."""
    ids = list(statement_ids)
    if not ids:
        return {}
    query = " || ".join(f"websearch_to_tsquery('{config}', %(terms)s)" for config in SEARCH_CONFIGS)
    # A place is named when it holds any of the words: the same query with OR for AND.
    any_word = f"replace(({query})::text, '&', '|')::tsquery"
    checks = ", ".join(
        [f"({_vector(['quote'])}) @@ ({query}) AS quote"]
        + [f"({_vector([column])}) @@ {any_word} AS {column}" for column in MATCH_PLACES]
    )
    documents = documents_sql(where="statement.id = ANY(%(ids)s)")
    sql = f"WITH documents AS ({documents}) SELECT documents.id, {checks} FROM documents"  # noqa: S608 — constants
    with connection.cursor() as cursor:
        cursor.execute(sql, {"ids": ids, "terms": terms})
        rows = cursor.fetchall()
    places = {}
    for statement_id, in_quote, *found in rows:
        if not in_quote:
            places[statement_id] = [str(label) for label, hit in zip(MATCH_PLACES.values(), found, strict=True) if hit]
    return places


def refresh_search_vectors(statement_ids: Iterable[int] | None = None) -> int:
    """Recompute the search vector of the given statements (all of them with None); return the row count."""
    with connection.cursor() as cursor:
        if statement_ids is None:
            cursor.execute(_refresh_sql("TRUE"))
        else:
            cursor.execute(_refresh_sql("statement.id = ANY(%s)"), [list(statement_ids)])
        return cursor.rowcount


def search_query(terms: str) -> SearchQuery:
    """Web-search syntax ("a phrase", OR, -word) parsed in every search configuration."""
    queries = [SearchQuery(terms, search_type="websearch", config=config) for config in SEARCH_CONFIGS]
    combined = queries[0]
    for query in queries[1:]:
        combined |= query
    return combined


def rank(terms: str) -> SearchRank:
    return SearchRank(F("search_vector"), search_query(terms))


def headline_expression(terms: str) -> SearchHeadline:
    """A report's text with the matching words between MARK_START and MARK_STOP (over Report rows)."""
    config = Case(When(language="en", then=Value("english_unaccent")), default=Value("french_unaccent"))
    clean_text = Func(F("text"), Value(f"[{MARK_START}{MARK_STOP}]"), Value(""), Value("g"), function="regexp_replace")
    return SearchHeadline(
        clean_text,
        search_query(terms),
        config=config,
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        # Quotes are short: show the whole text with its matches marked, never a fragment
        # that would cut a quotation in the middle.
        highlight_all=True,
    )


_MARKS = re.compile(f"[{MARK_START}{MARK_STOP}]")


def highlighted_html(headline: str) -> SafeString:
    """Escape a headline, then turn its markers into <mark> tags.

    Everything from the database is escaped first; only the marker characters, which the
    text cannot contain (headline_expression strips them), become markup.
    """
    return mark_safe(  # noqa: S308 — the text is escaped on the line itself; only our markers become tags.
        _MARKS.sub(lambda match: "<mark>" if match.group() == MARK_START else "</mark>", escape(headline))
    )
