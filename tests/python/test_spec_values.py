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


@pytest.mark.parametrize("case", CASES, ids=[case["package"] for case in CASES])
def test_every_code_keeps_its_values(case):
    module = importlib.import_module(case["package"])
    with open(case["expected"], encoding="utf-8") as file:
        expected = json.load(file)
    members = list(module.ErrorCode)
    assert [member.value for member in members] == [e["code"] for e in expected["errors"]]
    for member, e in zip(members, expected["errors"]):
        assert (member.status, member.retryable) == (e["status"], e["retryable"])
        assert member.default_message == e["message"]
        assert member.doc_url == e["doc_url"]
        assert module.parse_error({"error": {"code": e["code"]}}, 400).doc_url == e["doc_url"]
        error = module.parse_error({"data": None, "error": {"code": e["code"]}})
        assert type(error).default_code is member
        assert str(error) == f"{e['code']}: {e['message']}"
        copied = pickle.loads(pickle.dumps(error))
        assert (type(copied), copied.code, copied.message) == (type(error), error.code, error.message)
        assert copied.doc_url == error.doc_url == e["doc_url"]
        assert module.parse_error(json.dumps({"error": {"code": e["code"], "message": e["message"]}})).message == e["message"]
    assert module.parse_error({"error": {"code": "NO SUCH CODE"}}, 400).doc_url is None
    retry = expected["retry"]
    policy = module.DEFAULT_RETRY_POLICY
    assert (policy.max_retries, policy.initial_delay_ms, policy.max_delay_ms) == (
        retry["max_retries"],
        retry["initial_delay_ms"],
        retry["max_delay_ms"],
    )
    assert policy.multiplier == retry["multiplier"]
    assert policy.jitter == ("full" if retry["full_jitter"] else "none")
