"""Atom feeds of any list of statements: `?format=atom` on the statements list (the
latest statements, or any search and filter), and on a speaker's, country's,
organisation's, summit's or topic's page."""

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

FEED_SIZE = 50


class StatementsFeed(Feed):
    feed_type = Atom1Feed

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
        return self.statements.latest_first().with_card_relations()[:FEED_SIZE]

    def item_title(self, statement):
        excerpt = statement.text if len(statement.text) <= 80 else statement.text[:79] + "…"
        return f"{statement.speaker.name}: “{excerpt}”"

    def item_description(self, statement):
        # Plain text: the syndication framework escapes it into the feed.
        role = f", {statement.role.title}" if statement.role_id else ""
        byline = f"{statement.speaker.name}{role}, {statement.date.isoformat()}"
        return f"{statement.text}\n\n— {byline} ({statement.get_wording_display()})"

    def item_link(self, statement):
        return statement.get_absolute_url()

    def item_pubdate(self, statement):
        return statement.published_at

    def item_author_name(self, statement):
        return statement.speaker.name
