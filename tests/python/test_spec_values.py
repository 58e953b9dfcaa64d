"""Every generated package keeps its spec's codes, statuses, retryability and
messages exactly. ERRSPEC_CASES is a JSON list of {"package", "expected"}:
the import name, and a JSON file the Rust test wrote from its own data."""

from __future__ import annotations

import importlib
import json
import os
import pickle

import pytest

CASES = json.loads(os.environ.get("ERRSPEC_CASES", "[]"))


def received(expected, e, message=None):
    """An error object of code ``e`` in the spec's format, as a server of
    this API sends it: for the problem format a whole problem document."""
    if expected["format"] == "problem":
        document = {"type": e["problem_type"], "title": "t", "status": 400, "code": e["code"]}
        return document if message is None else {**document, "detail": message}
    return {"code": e["code"]} if message is None else {"code": e["code"], "message": message}


def sent(expected, e, message):
    """The error object a generated server writes for code ``e``."""
    if expected["format"] == "problem":
        return {"type": e["problem_type"], "title": e["summary"], "status": e["status"], "detail": message, "code": e["code"]}
    return {"code": e["code"], "message": message}


def body(expected, error_object):
    """A response body in the spec's format carrying ``error_object``."""
    if expected["format"] == "envelope":
        return {"data": None, "error": error_object}
    if expected["format"] == "error-object":
        return {"error": error_object}
    return error_object


@pytest.mark.parametrize("case", CASES, ids=[case["package"] for case in CASES])
def test_every_code_keeps_its_values(case):
    module = importlib.import_module(case["package"])
    with open(case["expected"], encoding="utf-8") as file:
        expected = json.load(file)
    assert module.FORMAT == expected["format"]
    members = list(module.ErrorCode)
    assert [member.value for member in members] == [e["code"] for e in expected["errors"]]
    for member, e in zip(members, expected["errors"]):
        assert (member.status, member.retryable) == (e["status"], e["retryable"])
        assert member.default_message == e["message"]
        assert member.summary == e["summary"]
        assert member.doc_url == e["doc_url"]
        assert module.parse_error(body(expected, {"code": e["code"]}), 400).doc_url == e["doc_url"]
        error = module.parse_error(body(expected, received(expected, e)))
        assert type(error).default_code is member
        assert str(error) == f"{e['code']}: {e['default_message']}"
        assert member.fields == tuple(f["name"] for f in e["fields"])
        copied = pickle.loads(pickle.dumps(error))
        assert (type(copied), copied.code, copied.message) == (type(error), error.code, error.message)
        assert copied.doc_url == error.doc_url == e["doc_url"]
        assert module.parse_error(json.dumps(body(expected, received(expected, e, e["message"])))).message == e["message"]
        assert module.ApiError(code=member).to_dict() == sent(expected, e, e["default_message"])
        response = module.ApiError(code=member, retry_after=1.5).to_response()
        media = "application/problem+json" if expected["format"] == "problem" else "application/json"
        assert response == (e["status"], {"Content-Type": media, "Retry-After": "2"}, response.body)
        assert json.loads(response.body) == body(expected, sent(expected, e, e["default_message"]))
        again = module.parse_error(response.body, response.status, retry_after=response.headers["Retry-After"])
        assert (type(again), again.code, again.message, again.retry_after) == (type(error), member, e["default_message"], 2.0)
    assert module.parse_error(body(expected, {"code": "NO SUCH CODE"}), 400).doc_url is None
    unknown = module.ApiError("m", code="NO SUCH CODE").to_response()
    assert (unknown.status, list(unknown.headers)) == (module.UNKNOWN_CODE_STATUS, ["Content-Type"])
    retry = expected["retry"]
    policy = module.DEFAULT_RETRY_POLICY
    assert (policy.max_retries, policy.initial_delay_ms, policy.max_delay_ms) == (
        retry["max_retries"],
        retry["initial_delay_ms"],
        retry["max_delay_ms"],
    )
    assert policy.multiplier == retry["multiplier"]
    assert policy.jitter == ("full" if retry["full_jitter"] else "none")


def fill(template, values):
    """A message template filled as every generated language fills it."""
    out, rest = [], template
    while True:
        found = [i for i in (rest.find("{"), rest.find("}")) if i >= 0]
        if not found:
            return "".join(out) + rest
        at = min(found)
        out.append(rest[:at])
        brace, after = rest[at], rest[at + 1 :]
        if after.startswith(brace):
            out.append(brace)
            rest = after[1:]
            continue
        end = after.find("}") if brace == "{" else -1
        name = after[:end] if end > 0 else ""
        if not name or not all(c.isascii() and (c.isalnum() or c == "_") for c in name):
            out.append(brace)
            rest = after
            continue
        value = values.get(name)
        if value is None:
            out.append("{" + name + "}")
        else:
            out.append(value if isinstance(value, str) else json.dumps(value, separators=(",", ":"), ensure_ascii=False))
        rest = after[end + 1 :]


@pytest.mark.parametrize("case", CASES, ids=[case["package"] for case in CASES])
def test_every_field_is_typed_kept_and_built(case):
    module = importlib.import_module(case["package"])
    with open(case["expected"], encoding="utf-8") as file:
        expected = json.load(file)
    for e in expected["errors"]:
        fields = e["fields"]
        full = {**received(expected, e, "m"), **{f["name"]: f["value"] for f in fields}, "zz_extra": [1, "x"]}
        error = module.parse_error(json.dumps(body(expected, full)))
        assert error.to_dict() == full
        assert error.extra == {"zz_extra": [1, "x"]}
        for f in fields:
            assert getattr(error, f["python"]) == f["value"], f
        assert pickle.loads(pickle.dumps(error)).to_dict() == full
        wrong = {**received(expected, e, "m"), **{f["name"]: f["wrong"] for f in fields}}
        error = module.parse_error(body(expected, wrong))
        assert error.to_dict() == wrong
        assert error.extra == {}
        for f in fields:
            assert getattr(error, f["python"]) is None, f
        if not fields and not e["templated"]:
            continue
        values = {f["name"]: f["value"] for f in fields}
        required = {f["python"]: f["value"] for f in fields if f["required"]}
        built = type(error)(**required)
        template = e["message"] if e["templated"] else e["message"].replace("{", "{{").replace("}", "}}")
        assert built.message == fill(template, {f["name"]: f["value"] for f in fields if f["required"]})
        required_members = {f["name"]: values[f["name"]] for f in fields if f["required"]}
        assert built.to_dict() == {**sent(expected, e, built.message), **required_members}
