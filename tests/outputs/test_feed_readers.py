"""The Atom feeds as a feed reader reads them (feedparser): well-formed (bozo 0), no
deprecation warning, each entry with `updated` and `published`, its author, the day the
statement was said, its topics."""

import datetime
import warnings

import feedparser
import pytest

from statements.feeds import SAID_ON_SCHEME
from statements.models import Correction
from tests.factories import StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db(transaction=True)


def parse(site, url):
    response = site.get(url)
    assert response.status_code == 200
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # feedparser warns of fallbacks it will drop
        feed = feedparser.parse(response.content)
        entries = [(entry.updated, entry.published) for entry in feed.entries]
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert entries
    return feed


def test_the_statements_feed_reads_cleanly_with_dates_author_and_topics(site):
    statement = StatementFactory(text="Nous tiendrons.", date=datetime.date(2026, 3, 1))
    statement.topics.add(TopicFactory(name_en="Invented ceasefire"))
    feed = parse(site, "/en/statements/?format=atom")
    entry = feed.entries[0]
    assert entry.author == statement.speaker_names
    assert entry.published_parsed and entry.updated_parsed
    said_on = [tag for tag in entry.tags if tag.scheme == SAID_ON_SCHEME]
    assert [(tag.term, tag.label) for tag in said_on] == [("2026-03-01", statement.date_text)]
    assert [tag.term for tag in entry.tags if not tag.scheme] == ["Invented ceasefire"]
    assert "Nous tiendrons." in entry.summary


def test_the_corrections_feed_reads_cleanly(site):
    Correction.objects.create(statement=StatementFactory(), note="Un mot corrigé.")
    entry = parse(site, "/en/corrections/?format=atom").entries[0]
    assert entry.summary == "Un mot corrigé."


def test_a_feed_of_the_seed_reads_cleanly(site, live_seed):
    feed = parse(site, "/en/statements/?format=atom")
    assert len(feed.entries) == 16
    said = [tag.term for entry in feed.entries for tag in entry.tags if tag.scheme == SAID_ON_SCHEME]
    assert len(said) == 16 and all(term.startswith("2025-09-0") for term in said)
