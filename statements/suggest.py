"""Names a reader may be looking for: speakers, countries, organisations, summits and
topics whose name resembles what was typed (accents, case and typos aside).

The header search offers them as the reader types (`/suggest/?q=`, static/js/suggest.js),
and a search that finds nothing offers them as "did you mean". Only rows with published
statements are offered (the models' `public()`).
"""

from dataclasses import dataclass

from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from .models import Country, Organisation, Speaker, Summit, Topic, without_control_characters

SUGGESTIONS = 8
NAMES = ("name_as_recorded", "name_en", "name_fr")  # of an organisation or a summit
LONGEST_QUERY = 100  # characters compared; a longer text is cut


@dataclass
class Suggestion:
    kind: str
    label: str
    url: str
    similarity: float


# (what the row is, its rows resembling a text)
SOURCES = (
    (_("Speaker"), lambda text: Speaker.objects.public().matching_name(text)),
    (_("Country"), lambda text: Country.objects.public().resembling(text, "name_en", "name_fr")),
    (
        _("Organisation"),
        lambda text: Organisation.objects.public().resembling(text, *NAMES, "short_name", Cast("aliases", TextField())),
    ),
    (_("Summit"), lambda text: Summit.objects.public().resembling(text, *NAMES, "city")),
    (_("Topic"), lambda text: Topic.objects.public().resembling(text, "name_en", "name_fr")),
)


def suggestions(text: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The rows whose name best resembles `text`, at most `limit`, most similar first."""
    text = " ".join(without_control_characters(text).split())[:LONGEST_QUERY]
    if len(text) < 2:
        return []
    found = [
        Suggestion(str(kind), str(row), row.get_absolute_url(), row.similarity)
        for kind, rows in SOURCES
        for row in rows(text)[:limit]
    ]
    return sorted(found, key=lambda suggestion: -suggestion.similarity)[:limit]
