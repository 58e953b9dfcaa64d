"""Checks errspec's published artifacts with real validators.

Usage: check_published.py OUT_DIR EXPECTED_JSON SPEC_YAML

OUT_DIR holds what `errspec generate` wrote for the spec at SPEC_YAML;
EXPECTED_JSON lists that spec's errors (code, status, message, example) as
the test wrote them from its own data. Exits non-zero with a message on the
first failure.
"""

import copy
import json
import pathlib
import importlib
import re
import sys

import jsonschema
import markdown_it
import yaml
from openapi_spec_validator import validate as validate_openapi

out = pathlib.Path(sys.argv[1])
expected = json.loads(pathlib.Path(sys.argv[2]).read_text(encoding="utf-8"))
spec_path = pathlib.Path(sys.argv[3])
codes = [e["code"] for e in expected["errors"]]
FORMAT = expected["format"]
INTEGER_CODES = isinstance(codes[0], int)
# The response body's schema, and its media type.
BODY = {"envelope": "ErrorEnvelope", "error-object": "ErrorResponse", "problem": "Problem"}[FORMAT]
MEDIA = "application/problem+json" if FORMAT == "problem" else "application/json"
# A code of the spec's type that the spec does not define: longer than any
# string code, or an integer no code is.
UNKNOWN = next(n for n in range(1, 2**53) if n not in codes) if INTEGER_CODES else "NOT_A_CODE_" + "X" * 70
BY_CODE = {e["code"]: e for e in expected["errors"]}


def fail(message):
    sys.exit(f"check_published: {out}: {message}")


def error_object(code, message="m", **members):
    """An error object of ``code`` in the spec's format, as a server sends it."""
    if FORMAT != "problem":
        return {"code": code, "message": message, **members}
    known = BY_CODE.get(code)
    document = {
        "type": known["problem_type"] if known else "about:blank",
        "title": known["summary"] if known else "t",
        "status": known["status"] if known else 502,
        "detail": message,
        "code": code,
    }
    return {**document, **members}


def wrap(error):
    """A response body in the spec's format carrying the error object ``error``."""
    if FORMAT == "envelope":
        return {"data": None, "error": error}
    if FORMAT == "error-object":
        return {"error": error}
    return error


def unwrap(body):
    """The error object of a response body in the spec's format."""
    return body if FORMAT == "problem" else body["error"]


def envelope(code, message="m", **members):
    """A response body in the spec's format with an error of ``code``."""
    return wrap(error_object(code, message, **members))


def required_members(error):
    """A sample value of each required field of ``error``."""
    return {f["name"]: f["value"] for f in error["fields"] if f["required"]}


# -- JSON Schema of the error response ------------------------------------
schema = json.loads((out / "schema/errors.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
for error in expected["errors"]:
    for message in {error["message"], error["example"] or error["message"]}:
        problems = list(validator.iter_errors(envelope(error["code"], message, **required_members(error))))
        if problems:
            fail(f"a valid envelope for {error['code']!r} is rejected: {problems[0].message}")
    every = {f["name"]: f["value"] for f in error["fields"]}
    if not validator.is_valid(envelope(error["code"], **every)):
        fail(f"{error['code']!r} with every field is rejected")
    for field in error["fields"]:
        wrong = envelope(error["code"], **{**required_members(error), field["name"]: field["wrong"]})
        if field["wrong"] is not None and validator.is_valid(wrong):
            fail(f"{error['code']!r} with a wrong-typed {field['name']!r} is accepted")
        if field["required"]:
            missing = required_members(error)
            del missing[field["name"]]
            if validator.is_valid(envelope(error["code"], **missing)):
                fail(f"{error['code']!r} without its required {field['name']!r} is accepted")

first = expected["errors"][0]
bad_bodies = {
    "a wrong code": envelope(UNKNOWN),
    "a code of another type": envelope("5" if INTEGER_CODES else 5),
    "junk inside error": envelope(codes[0], junk=1, **required_members(first)),
    "a list": [envelope(codes[0])],
}
if FORMAT == "problem":
    for member, value in [("detail", None), ("title", None), ("type", None), ("status", None), ("status", "400"), ("type", 5)]:
        body = envelope(codes[0], **required_members(first))
        if value is None:
            del body[member]
            bad_bodies[f"a missing {member}"] = body
        else:
            bad_bodies[f"a {member} of another type"] = {**body, member: value}
else:
    bad_bodies["a missing message"] = wrap({"code": codes[0], **required_members(first)})
    bad_bodies["a message that is not a string"] = envelope(codes[0], None)
    bad_bodies["a missing error"] = {"data": None} if FORMAT == "envelope" else {}
    bad_bodies["a null error"] = {"data": None, "error": None} if FORMAT == "envelope" else {"error": None}
    bad_bodies["junk beside the error"] = {**envelope(codes[0]), "junk": 1}
if FORMAT == "envelope":
    bad_bodies["non-null data beside an error"] = {"data": {"id": 1}, "error": unwrap(envelope(codes[0]))}
    bad_bodies["a missing data"] = {"error": unwrap(envelope(codes[0]))}
for what, body in bad_bodies.items():
    if validator.is_valid(body):
        fail(f"the schema accepts {what}")

# Every code's description is reachable by tools, next to its const.
described = {
    branch["const"]: branch.get("description", "")
    for branch in schema["$defs"]["ErrorCode"]["oneOf"]
}
if list(described) != codes:
    fail("ErrorCode's oneOf does not list every code in spec order")
if not all(described.values()):
    fail("a code has no description")

# -- OpenAPI components ------------------------------------------------------
openapi_yaml = out / "openapi/errors.yaml"
document = yaml.safe_load(openapi_yaml.read_text(encoding="utf-8"))
if document != json.loads((out / "openapi/errors.json").read_text(encoding="utf-8")):
    fail("openapi/errors.yaml and openapi/errors.json differ")
validate_openapi(copy.deepcopy(document), base_uri=openapi_yaml.resolve().as_uri())

responses = document["components"]["responses"]
by_status = {}
for error in expected["errors"]:
    by_status.setdefault(error["status"], []).append(error)
if len(responses) != len(by_status):
    fail(f"{len(responses)} responses for {len(by_status)} statuses")
components_validator = jsonschema.Draft202012Validator(
    {"$ref": f"#/components/schemas/{BODY}", "components": document["components"]}
)
# Client-facing: a newer server's code is accepted here, while the JSON Schema
# (for checking what a server sends) refuses it.
newer = envelope(UNKNOWN)
if not components_validator.is_valid(newer) or validator.is_valid(newer):
    fail("OpenAPI's ErrorCode must accept unknown codes and the JSON Schema's must not")
# Members a code does not declare: the JSON Schema refuses them, OpenAPI
# (for clients, which keep them) allows them; a declared field's type and
# required fields hold in both.
for error in expected["errors"]:
    extra = envelope(error["code"], zz_undeclared=1, **required_members(error))
    if not components_validator.is_valid(extra) or validator.is_valid(extra):
        fail(f"{error['code']!r}: OpenAPI must allow undeclared members and the JSON Schema must not")
    for field in error["fields"]:
        wrong = envelope(error["code"], **{**required_members(error), field["name"]: field["wrong"]})
        if field["wrong"] is not None and components_validator.is_valid(wrong):
            fail(f"OpenAPI accepts {error['code']!r} with a wrong-typed {field['name']!r}")
known = document["components"]["schemas"]["KnownErrorCode"]["oneOf"]
known_codes = [b["const"] for b in known]
if known_codes != codes:
    fail("KnownErrorCode does not list every code in spec order")
# Each code's docs link: `externalDocs` in OpenAPI, a line in the JSON Schema.
for branch, schema_branch, error in zip(known, schema["$defs"]["ErrorCode"]["oneOf"], expected["errors"]):
    url = error.get("doc_url")
    if branch.get("externalDocs", {}).get("url") != url:
        fail(f"{error['code']}: externalDocs is not {url!r}")
    if url is not None and f"Docs: <{url}>" not in schema_branch["description"]:
        fail(f"{error['code']}: the JSON Schema does not link {url!r}")
# Redocly's resolver crashes on `Object.prototype`'s names inside example
# values: a code with a field of such a name has no example.
OBJECT_PROTOTYPE = {"constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable",
                    "toLocaleString", "toString", "valueOf"}
# Spectral reads a `title` (or `description`) member of an example value as
# Markdown and flags `<script`: a problem document whose title has it has no
# example either.
without_example = {
    e["code"]
    for e in expected["errors"]
    if any(f["name"] in OBJECT_PROTOTYPE and (f["required"] or f.get("example") is not None) for f in e["fields"])
    or (FORMAT == "problem" and "<script" in e["summary"])
}
seen = set()
for name, response in responses.items():
    if list(response["content"]) != [MEDIA]:
        fail(f"response {name} is not {MEDIA}")
    examples = response["content"][MEDIA].get("examples", {})
    for name, example in examples.items():
        code = unwrap(example["value"])["code"]
        if name not in (str(code), f"{code}_"):
            fail(f"response {name}: example {name} is not named by its code {code}")
        seen.add(code)
        problems = list(components_validator.iter_errors(example["value"]))
        if problems:
            fail(f"response {name}: example for {code} does not match the schema: {problems[0].message}")
    statuses = {
        next(e["status"] for e in expected["errors"] if e["code"] == unwrap(x["value"])["code"])
        for x in examples.values()
    }
    if not statuses:
        continue
    if len(statuses) != 1:
        fail(f"response {name} mixes statuses {statuses}")
    status = statuses.pop()
    wants_retry_after = status in (429, 503) and any(e["retryable"] for e in by_status[status])
    if ("Retry-After" in response.get("headers", {})) != wants_retry_after:
        fail(f"response {name}: Retry-After header should be {wants_retry_after}")
if seen != set(codes) - without_example:
    fail("not every code has an example")

# An API document that $refs every response validates, external refs resolved.
api = {
    "openapi": "3.1.0",
    "info": {"title": "uses errspec's responses", "version": "1"},
    "paths": {
        "/things": {
            "get": {
                "responses": {
                    "200": {"description": "OK"},
                    **{
                        str(status): {"$ref": f"errors.yaml#/components/responses/{name}"}
                        for name, status in zip(responses, sorted(by_status))
                    },
                }
            }
        }
    },
}
api_path = out / "openapi/api.yaml"
api_path.write_text(yaml.safe_dump(api), encoding="utf-8")
validate_openapi(yaml.safe_load(api_path.read_text(encoding="utf-8")), base_uri=api_path.resolve().as_uri())
api_path.unlink()

# -- The spec file against spec.schema.json ----------------------------------
spec_schema = json.loads((out / "spec.schema.json").read_text(encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(spec_schema)
# Through JSON, as an editor checks YAML: mapping keys become strings.
spec = json.loads(json.dumps(yaml.safe_load(spec_path.read_text(encoding="utf-8"))))
problems = list(jsonschema.Draft202012Validator(spec_schema).iter_errors(spec))
if problems:
    fail(f"{spec_path} does not match spec.schema.json: {problems[0].message} at {list(problems[0].path)}")
broken = copy.deepcopy(spec)
broken["errors"][0]["retryble"] = True
if jsonschema.Draft202012Validator(spec_schema).is_valid(broken):
    fail("spec.schema.json accepts an unknown key")

# -- The docs page, rendered as a Markdown renderer would --------------------
page = (out / "docs/errors.md").read_text(encoding="utf-8")
md = markdown_it.MarkdownIt("commonmark").enable("table")
html = md.render(page)
tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", html))
allowed = {"h1", "h2", "h3", "p", "a", "code", "pre", "ul", "ol", "li", "strong", "em", "br", "hr",
           "table", "thead", "tbody", "tr", "th", "td", "blockquote", "img"}
if tags - allowed:
    fail(f"the docs page renders live markup from the spec: {sorted(tags - allowed)}")
for href in re.findall(r'(?:href|src)="([^"]*)"', html):
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href) and not re.match(r"^(https?|mailto):", href, re.I):
        fail(f"the docs page links to {href!r}")
tokens = md.parse(page)
# Every row of a table has its header's cells: the status table's 3, a field
# table's 4, whatever the spec's text holds.
expected_cells = None
table_rows = []
table_columns = []
for index, token in enumerate(tokens):
    if token.type == "table_open":
        expected_cells = None
        table_rows.append(0)
        table_columns.append(0)
    if token.type != "tr_open":
        continue
    cells = 0
    for inner in tokens[index + 1:]:
        if inner.type == "tr_close":
            break
        cells += inner.type in ("td_open", "th_open")
    table_rows[-1] += 1
    if expected_cells is None:
        expected_cells = table_columns[-1] = cells
        if cells not in (3, 4):
            fail(f"a table has {cells} columns")
    elif cells != expected_cells:
        fail(f"a table row has {cells} cells, its header {expected_cells}")
status_rows = [rows for rows, columns in zip(table_rows, table_columns) if columns == 3]
if len(status_rows) != 1 or status_rows[0] - 1 < len(by_status):
    fail("the status table lacks a status")
for error in expected["errors"]:
    for field in error["fields"]:
        if f"<code>{field['name']}</code>" not in html:
            fail(f"{error['code']}: the docs page does not describe its field {field['name']!r}")
for error in expected["errors"]:
    code, anchor = error["code"], error["identifier"].lower()
    if f'<h3><code>{code}</code>' not in html:
        fail(f"the docs page has no section for {code}")
    if f'<a id="{anchor}"></a>' not in page:
        fail(f"the docs page has no anchor `{anchor}` for {code}")
    if error.get("problem_type") and f"Problem type: `{error['problem_type']}`" not in page:
        fail(f"the docs page does not give {code}'s problem type")
for error in expected["errors"]:
    url = error.get("doc_url") or ""
    if "#" in url and f'<a id="{url.split("#", 1)[1]}"></a>' not in page:
        fail(f"{error['code']}: its docs link points at no anchor of the docs page: {url}")
# -- What a server builds validates ------------------------------------------
# Each code's error built by the generated Python package's constructor, with
# its required fields, is a valid body under the JSON Schema.
sys.path.insert(0, str(out / "python/src"))
(package,) = [p.name for p in (out / "python/src").iterdir() if (p / "__init__.py").exists()]
errors_module = importlib.import_module(package)
for member, error in zip(errors_module.ErrorCode, expected["errors"]):
    cls = errors_module._class_of(member.value)
    if error["fields"] or error.get("templated"):
        built = cls(**{f["python"]: f["value"] for f in error["fields"] if f["required"]})
    else:
        built = cls()
    body = wrap(built.to_dict())
    problems = list(validator.iter_errors(body))
    if problems:
        fail(f"the error a server builds for {error['code']!r} is invalid: {problems[0].message}: {body}")
print(f"check_published: {out}: ok ({len(codes)} codes)")
