"""Who is asking: the client's address, read one way everywhere (login lockouts, API
throttling, the access log), and one log line per request.

Behind reverse proxies, REMOTE_ADDR is the nearest proxy and the client is in
X-Forwarded-For, which anyone can also write. TRUSTED_PROXIES says how many proxies in
front of the archive append to that header: the client is the address the outermost
trusted one saw, that many places from the right. With 0 (the default, no proxy) the
header is ignored, so nobody can choose the address they are counted under.
"""

import ipaddress
import logging
import time

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

access_log = logging.getLogger("archive.access")


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if not trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    candidate = forwarded[-min(trusted, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # not written by a proxy we trust
        return remote


class ClientAddressThrottle(AnonRateThrottle):
    """DRF's anonymous rate limit, keyed on client_address() rather than DRF's own reading
    of X-Forwarded-For."""

    def get_ident(self, request):
        return client_address(request)


class AccessLogMiddleware:
    """One line a request (method, path, status, duration, client), in the log format the
    rest of the archive uses (JSON in production), instead of the server's own access log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        fields = {
            "client": client_address(request),
            "method": request.method,
            "path": request.get_full_path(),
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        }
        access_log.info("%(client)s %(method)s %(path)s %(status)s %(duration_ms)s ms", fields, extra=fields)
        return response
