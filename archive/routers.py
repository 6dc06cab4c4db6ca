"""Reads from a streaming replica, everything else on the primary (DATABASE_REPLICA_URL).

Only an anonymous reader's GET or HEAD request may read from the replica (marked by
ReplicaReadsMiddleware): public pages tolerate the replica's replay lag, usually well under
a second. Everything else reads from the primary: editors, who must see their own writes
(they carry a session cookie), any other method, management commands and background
work, and every read inside a transaction on the primary (a read that leads to a write,
or one under `SET LOCAL statement_timeout`).

Such a request reads the database cache from the replica too: the data generation it
finds there is the one of the data it reads (the generation's bump is replicated after
the write it follows), so a summary computed from lagging rows is never cached under a
newer generation. Cache writes go to the primary, like every write.
"""

import contextvars

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
_replica_allowed = contextvars.ContextVar("replica_allowed", default=False)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_allowed.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Lets an anonymous reader's GET or HEAD request read from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        anonymous_read = request.method in ("GET", "HEAD") and settings.SESSION_COOKIE_NAME not in request.COOKIES
        token = _replica_allowed.set(anonymous_read)
        try:
            return self.get_response(request)
        finally:
            _replica_allowed.reset(token)
