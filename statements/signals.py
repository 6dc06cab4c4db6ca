"""Keep derived data current when what it is built from changes: statements' search
vectors, and the generation number that cached list summaries are keyed on.

Work is deferred to the transaction's commit, so a statement saved with its translations
in one admin request is refreshed once its translations are in. Bulk writes skip signals:
call statements.search.refresh_search_vectors() after them, or `manage.py rebuild_search`.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .caching import bump_generation
from .models import Speaker, SpeakerAlias, Statement, Translation
from .search import refresh_search_vectors


def _refresh_on_commit(statement_ids):
    ids = list(statement_ids)
    if ids:
        transaction.on_commit(lambda: refresh_search_vectors(ids))


@receiver(post_save, sender=Statement)
def statement_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_on_commit([instance.pk])


@receiver([post_save, post_delete], sender=Translation)
def translation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_on_commit([instance.statement_id])


@receiver(post_save, sender=Speaker)
def speaker_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        _refresh_on_commit(instance.statements.values_list("pk", flat=True))


@receiver([post_save, post_delete], sender=SpeakerAlias)
def alias_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_on_commit(Statement.objects.filter(speaker_id=instance.speaker_id).values_list("pk", flat=True))


@receiver([post_save, post_delete, m2m_changed])
def statements_data_changed(sender, raw=False, **kwargs):
    if raw or sender._meta.app_label != "statements":
        return
    bump_generation()
    transaction.on_commit(bump_generation)
