"""Atom feeds of any list of statements: `?format=atom` on the statements list (the
latest statements, or any search and filter), and on a speaker's, country's,
organisation's, summit's or topic's page; and of the corrections."""

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .citations import speakers_with_roles
from .models import without_control_characters

FEED_SIZE = 50


def _clean(value):
    return without_control_characters(value) if isinstance(value, str) else value


# The scheme of the category that gives the day a statement was said (its `published`
# is when the archive published it, its `updated` its last change).
SAID_ON_SCHEME = "https://schema.org/dateCreated"


class ArchiveAtomFeed(Atom1Feed):
    """Atom (RFC 4287) with, for each statement, the day it was said as a category of the
    SAID_ON_SCHEME. It cannot fail on text stored before control characters were stripped
    at input: XML 1.0 has no way to carry them, so they are dropped here too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(_clean, args), **{key: _clean(value) for key, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(_clean, args), **{key: _clean(value) for key, value in kwargs.items()})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("said_on"):
            term, label = item["said_on"]
            handler.addQuickElement("category", "", {"term": term, "scheme": SAID_ON_SCHEME, "label": label})


class StatementsFeed(Feed):
    feed_type = ArchiveAtomFeed

    def __init__(self, *, title: str, link: str, self_url: str, statements: QuerySet):
        super().__init__()
        self.feed_title = title
        self.feed_link = link
        self.self_url = self_url
        self.statements = statements

    def feed_url(self):
        return self.self_url

    def title(self):
        return self.feed_title

    def link(self):
        return self.feed_link

    def subtitle(self):
        return _("Statements from the diplomatic statements archive, newest first.")

    def items(self):
        # Newest first, whatever the page's sort: a feed reader wants what is new.
        return self.statements.latest_first().with_card_relations().prefetch_related("topics")[:FEED_SIZE]

    def item_title(self, statement):
        report = statement.display_report
        return f"{statement.speaker_names}: “{Truncator(report.text if report else '').chars(80)}”"

    def item_description(self, statement):
        # Plain text: the syndication framework escapes it into the feed.
        report = statement.display_report
        speakers = "; ".join(speakers_with_roles(statement))
        mode = f" ({report.get_mode_display()})" if report else ""
        return f"{report.text if report else ''}\n\n— {speakers}, {statement.date_text}{mode}"

    def item_link(self, statement):
        return statement.get_absolute_url()

    def item_pubdate(self, statement):
        return statement.published_at

    def item_updateddate(self, statement):
        return statement.updated_at

    def item_author_name(self, statement):
        return statement.speaker_names

    def item_categories(self, statement):
        return [topic.name for topic in statement.topics.all()]

    def item_extra_kwargs(self, statement):
        # The latest possible day as the term; the label says "on or before", or the month.
        return {"said_on": (statement.date.isoformat(), statement.date_text)}


class CorrectionsFeed(Feed):
    """/corrections/?format=atom: every correction to a published statement, newest first."""

    feed_type = ArchiveAtomFeed

    def __init__(self, *, corrections: QuerySet):
        super().__init__()
        self.corrections = corrections

    def title(self):
        return _("Corrections — diplomatic statements archive")

    def link(self):
        return reverse("statements:corrections")

    def subtitle(self):
        return _("Every public correction of a published statement, newest first.")

    def items(self):
        return self.corrections[:FEED_SIZE]

    def item_title(self, correction):
        return f"{correction.get_kind_display()}: #{correction.statement_id}"

    def item_description(self, correction):
        return correction.note

    def item_link(self, correction):
        return correction.statement.get_absolute_url() + f"#correction-{correction.pk}"

    def item_pubdate(self, correction):
        return correction.created_at

    def item_updateddate(self, correction):
        return correction.created_at
