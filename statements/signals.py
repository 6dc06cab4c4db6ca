"""Every save of the app's rows: text loses its control characters on the way in; then
derived data stays current when what it is built from changes: statements' search
vectors, and the generation number that cached list summaries are keyed on.

Work is deferred to the transaction's commit, so a statement saved with its translations
in one admin request is refreshed once its translations are in. Bulk writes skip signals:
call statements.search.refresh_search_vectors() after them, or `manage.py rebuild_search`.
"""

from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver

from .caching import bump_last, data_changed
from .models import (
    Country,
    Organisation,
    Report,
    Role,
    Source,
    Speaker,
    SpeakerAlias,
    Statement,
    StatementSpeaker,
    Summit,
    Topic,
    Translation,
    without_control_characters,
)
from .search import refresh_search_vectors


@receiver(pre_save)
def strip_control_characters(sender, instance, **kwargs):
    """Every text the archive stores, whatever wrote it (admin, import, loader, restore),
    loses its control characters (models.without_control_characters) on the way in."""
    if sender._meta.app_label != "statements":
        return
    for field in sender._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, without_control_characters(value))


class _PendingRefresh:
    """The statements whose vectors one transaction changed, refreshed in one UPDATE at commit."""

    def __init__(self):
        self.ids: set[int] = set()
        self.done = False

    def __call__(self):
        self.done = True
        refresh_search_vectors(self.ids)


def _refresh_on_commit(statement_ids):
    """Add to this transaction's pending refresh: an admin save of a statement with its
    reports and speakers asks once per row, the database is asked once."""
    ids = set(statement_ids)
    if not ids:
        return
    for _sids, callback, _robust in transaction.get_connection().run_on_commit:
        if isinstance(callback, _PendingRefresh) and not callback.done:
            callback.ids |= ids
            return
    pending = _PendingRefresh()
    pending.ids = ids
    transaction.on_commit(pending)
    # Lists count their facets from the refreshed rows: the generation changes after.
    bump_last()


@receiver(post_save, sender=Statement)
def statement_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_on_commit([instance.pk])


@receiver([post_save, post_delete], sender=Report)
@receiver([post_save, post_delete], sender=StatementSpeaker)
@receiver([post_save, post_delete], sender=Translation)
def part_of_statement_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_on_commit([instance.statement_id])


@receiver(post_save, sender=Speaker)
def speaker_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        _refresh_on_commit(instance.statement_credits.values_list("statement_id", flat=True))


@receiver([post_save, post_delete], sender=SpeakerAlias)
def alias_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        speaking = StatementSpeaker.objects.filter(speaker_id=instance.speaker_id)
        _refresh_on_commit(speaking.values_list("statement_id", flat=True))


# What a statement's vector reads from other rows (statements/search.py): a renamed
# summit, topic, country, organisation, role or source is found under its new name.
RENAMED = {
    Summit: lambda summit: Statement.objects.filter(summit=summit),
    Topic: lambda topic: Statement.objects.filter(topics=topic),
    Country: lambda country: Statement.objects.filter(
        Q(statement_speakers__country=country) | Q(countries_mentioned=country)
    ),
    Organisation: lambda organisation: Statement.objects.filter(
        Q(statement_speakers__organisation=organisation)
        | Q(statement_speakers__role__organisation=organisation)
        | Q(reports__source__outlet=organisation)
    ),
    Role: lambda role: Statement.objects.filter(statement_speakers__role=role),
    Source: lambda source: Statement.objects.filter(reports__source=source),
}


@receiver(post_save)
def label_renamed(sender, instance, raw=False, created=False, **kwargs):
    if sender in RENAMED and not raw and not created:
        _refresh_on_commit(RENAMED[sender](instance).values_list("id", flat=True))


@receiver(m2m_changed, sender=Statement.topics.through)
@receiver(m2m_changed, sender=Statement.countries_mentioned.through)
def tags_changed(sender, instance, action, pk_set, reverse, **kwargs):
    if action.startswith("post_"):
        _refresh_on_commit(pk_set or [] if reverse else [instance.pk])


@receiver([post_save, post_delete, m2m_changed])
def statements_data_changed(sender, raw=False, **kwargs):
    """Any write to the app's data changes the generation (statements/caching.py). History
    rows only record changes that have their own signal."""
    if raw or sender._meta.app_label != "statements" or sender.__name__.startswith("Historical"):
        return
    data_changed()
