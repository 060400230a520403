# SPDX-License-Identifier: EUPL-1.2
"""Checks every answer the API tests receive against docs/openapi.json.

`check_answer` finds the operation (method + path template), then the documented response
for the status (the exact status, then its range such as "5XX", then "default"), and:
- fails when the operation or the status is not documented; a path that matches no
  documented template must be the documented 404 `route_not_found`, a documented path
  asked with another method the documented 405 `method_not_allowed` (see the document's
  description);
- validates a JSON body against the response's schema with a JSON Schema 2020-12 validator
  (OpenAPI 3.1 schemas are 2020-12), `$ref`s resolved within the document, formats checked
  where the validator knows them;
- fails when a JSON body comes where the document describes none, or another media type;
- checks that every number in a JSON body is written in plain decimal (no exponent).

The route that moves the test clock exists only in test mode and is deliberately left out
of the public document: its answers are not checked. Safe to call from several threads.
"""
import json
import os
import re
import threading

import jsonschema

DOC_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../docs/openapi.json")
TEST_ONLY = {("PUT", "/api/v1/test/clock")}
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

with open(DOC_PATH, encoding="utf-8") as f:
    DOC = json.load(f)

_lock = threading.Lock()  # jsonschema's RefResolver keeps a scope stack: one validation at a time
_resolver = jsonschema.RefResolver("", DOC)
_format_checker = jsonschema.Draft202012Validator.FORMAT_CHECKER


def _template_regex(template):
    # The router captures one whole segment, possibly empty, for each {name}.
    parts = re.split(r"(\{[^}/]+\})", template)
    return re.compile("".join("[^/]*" if p.startswith("{") else re.escape(p) for p in parts) + r"\Z")


# Literal paths before templated ones (fewest captures first), as a reader would expect.
_PATHS = sorted(((_template_regex(t), t, item) for t, item in DOC["paths"].items()), key=lambda e: e[1].count("{"))


class AnswerMismatch(AssertionError):
    """An answer that its description in docs/openapi.json does not allow."""


def _deref(obj):
    while isinstance(obj, dict) and "$ref" in obj:
        ref = obj["$ref"]
        if not ref.startswith("#/"):
            raise AnswerMismatch(f"docs/openapi.json: reference outside the document: {ref}")
        target = DOC
        for part in ref[2:].split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        obj = target
    return obj


# A JSON number token (outside strings), or a whole string token to skip.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?')


def exponent_numbers(text):
    """The number tokens of a JSON text written with an exponent (e.g. 5.76E2)."""
    return [t for t in (m.group(0) for m in _TOKEN.finditer(text)) if not t.startswith('"') and re.search("[eE]", t)]


def _media(content_type):
    return content_type.split(";", 1)[0].strip().lower()


def find_operation(method, path):
    """(template, operation) documented for the request, or (template, None) when the path is
    documented but not with this method, or (None, None)."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    for regex, template, item in _PATHS:
        if regex.match(path):
            return template, item.get(method.lower())
    return None, None


def _validate(schema, body, where):
    with _lock:
        validator = jsonschema.Draft202012Validator(schema, resolver=_resolver, format_checker=_format_checker)
        errors = sorted(validator.iter_errors(body), key=lambda e: list(e.absolute_path))
    if errors:
        lines = []
        for e in errors[:20]:
            rule = "/".join(str(p) for p in e.absolute_schema_path)
            lines.append(f"  at {e.json_path}: {e.validator} {json.dumps(e.validator_value, ensure_ascii=False)[:200]}"
                         f" (schema rule {rule}): {e.message[:300]}")
        more = f"\n  … and {len(errors) - 20} more" if len(errors) > 20 else ""
        raise AnswerMismatch(f"{where}: the answer does not match its schema in docs/openapi.json:\n"
                             + "\n".join(lines) + more)


def check_answer(method, path, status, content_type, payload):
    """Raises AnswerMismatch when the answer (status, Content-Type, raw body bytes) is not
    what docs/openapi.json describes for the request."""
    bare = path.split("?", 1)[0]
    if (method, bare) in TEST_ONLY:
        return
    media = _media(content_type or "")
    is_json = media == "application/json" and bool(payload)
    body = None
    if is_json:
        text = payload.decode("utf-8")
        bad = exponent_numbers(text)
        if bad:
            raise AnswerMismatch(f"{method} {path} → {status}: numbers written with an exponent: {bad[:5]}")
        body = json.loads(text)
    template, op = find_operation(method, path)
    if op is None:
        # The document's description: an unknown address is 404 route_not_found, a known one
        # asked with another method is 405 method_not_allowed, both with the Error body.
        expected = (404, "route_not_found") if template is None else (405, "method_not_allowed")
        where = f"{method} {path} (no documented operation" + (f"; path {template})" if template else ")")
        code = body.get("error", {}).get("code") if isinstance(body, dict) else None
        if (status, code) != expected:
            raise AnswerMismatch(f"{where}: answered {status} {payload[:200]!r}, "
                                 f"where the document says {expected[0]} {expected[1]}")
        _validate({"$ref": "#/components/schemas/Error"}, body, where + f" → {status}")
        return
    where = f"{method} {template} ({op.get('operationId', '?')}) → {status}"
    responses = op.get("responses", {})
    response = None
    for key in (str(status), f"{status // 100}XX", "default"):
        if key in responses:
            response = _deref(responses[key])
            break
    if response is None:
        raise AnswerMismatch(f"{where}: status not documented (documented: {', '.join(responses)}); "
                             f"body {payload[:200]!r}")
    content = response.get("content") or {}
    if not payload:
        return
    if media not in content:
        raise AnswerMismatch(f"{where}: answered {media or 'without Content-Type'}, documented: "
                             f"{', '.join(content) or 'no body'}")
    if is_json:
        schema = _deref(content[media]).get("schema")
        if schema is None:
            raise AnswerMismatch(f"{where}: no schema documented for the JSON answer")
        _validate(schema, body, where)
