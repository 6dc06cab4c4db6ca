"""/api/reference/: the API's documentation as an ordinary page of the archive, written
from the same OpenAPI schema as /api/schema/ (drf-spectacular): every operation with its
parameters and answers, every object with its fields. Readable without JavaScript, in
the site's own style; the interactive Swagger UI stays at /api/docs/."""

from functools import cache

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.generators import SchemaGenerator

# An enum longer than this (the ISO 639-1 languages) is summed up, not listed.
ENUM_LISTED = 12


def schema() -> dict:
    """The schema with its descriptions in the current language."""
    return _schema(get_language())


@cache
def _schema(language: str) -> dict:  # noqa: ARG001 — the cache's key: descriptions are translated
    return SchemaGenerator().get_schema(request=None, public=True)


def prose(text: str) -> str:
    """A description without the list of enum values drf-spectacular appends to it (the
    type column names them)."""
    return text.split("\n\n* `")[0].split("\n* `")[0].strip()


def describe(spec: dict) -> dict:
    """A field's or parameter's type for a reader: {"text", "ref"} where ref names another
    object of the reference (a link), if any; enums are spelt out."""
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[1]
        target = schema()["components"]["schemas"][name]
        return {"text": name, "ref": name} if target.get("type") == "object" else describe(target)
    for combined in ("allOf", "oneOf", "anyOf"):
        if combined in spec:
            parts = [describe(part) for part in spec[combined]]
            refs = [part["ref"] for part in parts if part.get("ref")]
            text = _(" or ").join(dict.fromkeys(part["text"] for part in parts))
            return {"text": text, "ref": refs[0] if refs else ""}
    if spec.get("type") == "array":
        items = describe(spec.get("items", {}))
        return {"text": _("list of %(items)s") % {"items": items["text"]}, "ref": items.get("ref", "")}
    if "enum" in spec:
        values = [str(value) for value in spec["enum"] if value not in ("", None)]
        listed = ", ".join(values) if len(values) <= ENUM_LISTED else _("%(count)d codes") % {"count": len(values)}
        return {"text": _("one of: %(values)s") % {"values": listed}, "ref": ""}
    text = spec.get("type", "any")
    if spec.get("format"):
        text += f" ({spec['format']})"
    if spec.get("nullable"):
        text += _(", or null")
    return {"text": text, "ref": ""}


def operations(document: dict) -> list[dict]:
    found = []
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            found.append({
                "id": operation["operationId"],
                "method": method.upper(),
                "path": path,
                "description": operation.get("description", ""),
                "parameters": [
                    {"name": parameter["name"], "in": parameter["in"], "required": parameter.get("required", False),
                     "type": describe(parameter.get("schema", {})),
                     "description": prose(parameter.get("description", ""))}
                    for parameter in operation.get("parameters", [])
                ],
                "responses": [
                    {"status": status, "description": answer.get("description", ""),
                     "type": describe(next(iter(answer.get("content", {}).values()), {}).get("schema", {}))}
                    for status, answer in operation["responses"].items()
                ],
            })  # fmt: skip
    return found


def objects(document: dict) -> list[dict]:
    return [
        {
            "name": name,
            "description": spec.get("description", ""),
            "fields": [
                {
                    "name": field,
                    "type": describe(field_spec),
                    "description": field_spec.get("description") or field_spec.get("title", ""),
                }
                for field, field_spec in spec.get("properties", {}).items()
            ],  # fmt: skip
        }
        for name, spec in document["components"]["schemas"].items()
        if spec.get("type") == "object"
    ]


def api_reference(request):
    document = schema()
    context = {"info": document["info"], "operations": operations(document), "objects": objects(document)}
    return render(request, "api/reference.html", context)
