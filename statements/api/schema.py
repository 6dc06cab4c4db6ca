"""OpenAPI schema adjustments for drf-spectacular. Descriptions are translated: the
reference page (reference.py) builds the schema in the reader's language."""

from django.utils.translation import gettext_lazy as _

ERROR = {
    "content": {
        "application/json": {
            "schema": {"type": "object", "additionalProperties": True, "description": _("What was wrong, per field.")}
        }
    }
}
ERROR_RESPONSES = {
    "400": {**ERROR, "description": _("A parameter was invalid; the body says which and why.")},
    "404": {**ERROR, "description": _("No such object, page or cursor.")},
    "429": {**ERROR, "description": _("Too many requests: wait for the seconds given in Retry-After.")},
}


def add_error_responses(result, generator, request, public):
    """Document the errors every operation can answer: bad parameters, not found, throttled."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for status, response in ERROR_RESPONSES.items():
                operation["responses"].setdefault(status, response)
    return result
