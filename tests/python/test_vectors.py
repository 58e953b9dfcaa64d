"""The shared conformance vectors (tests/vectors) through the generated Python
package, which must answer exactly as the Rust and TypeScript modules do."""

from __future__ import annotations

import enum
import importlib
import json
import os
from pathlib import Path

import pytest

errors = importlib.import_module(os.environ["ERRSPEC_PACKAGE"])
VECTORS = Path(__file__).resolve().parents[1] / "vectors"


def load(name):
    return json.loads((VECTORS / name).read_text(encoding="utf-8"))


def body(spec):
    """A vector's body: a string, or {"parts": [...]} of strings and {"repeat", "times"}."""
    if isinstance(spec, str):
        return spec
    return "".join(part if isinstance(part, str) else part["repeat"] * part["times"] for part in spec["parts"])


RESPONSES = load("responses.json")
RETRIES = load("retries.json")


@pytest.mark.parametrize("vector", RESPONSES, ids=[v["name"] for v in RESPONSES])
def test_response_vector(vector):
    error = errors.parse_error(body(vector["body"]), vector["status"])
    expected = vector["expect"]["error"]
    if expected is None:
        assert error is None
        return
    assert error is not None
    assert str(error.code) == expected["code"]
    assert isinstance(error.code, errors.ErrorCode) == expected["known"]
    assert (error.status, error.retryable) == (expected["status"], expected["retryable"])
    if "message" in expected:
        assert error.message == expected["message"]


@pytest.mark.parametrize("vector", RETRIES, ids=[v["name"] for v in RETRIES])
def test_retry_vector(vector):
    policy = errors.RetryPolicy(**vector["policy"])
    error = errors.parse_error({"error": {"code": "RATE_LIMITED"}}, 429, retry_after=vector["retry_after"])
    random_unit = 1.0 if vector["random"] is None else vector["random"]
    waits = [policy.wait_seconds(n, error, lambda: random_unit) * 1000 for n in range(policy.max_retries)]
    assert waits == pytest.approx(vector["expect_waits_ms"], abs=1e-6)


#: [set, package]: tests/vectors/<set>/responses.json runs through the package
#: generated from tests/vectors/<set>/spec.yaml.
VECTOR_SETS = json.loads(os.environ["ERRSPEC_VECTOR_SETS"])
SET_VECTORS = [
    (package, vector) for vector_set, package in VECTOR_SETS for vector in load(f"{vector_set}/responses.json")
]


def code_value(code):
    """A code as JSON has it: a known code's value, else the code as received."""
    return code.value if isinstance(code, enum.Enum) else code


@pytest.mark.parametrize("package,vector", SET_VECTORS, ids=[f"{p}: {v['name']}" for p, v in SET_VECTORS])
def test_vector_set(package, vector):
    """The vector sets with a spec of their own: wire formats, integer codes,
    typed fields, extra members and templates."""
    module = importlib.import_module(package)
    error = module.parse_error(body(vector["body"]), vector["status"])
    expected = vector["expect"]["error"]
    if expected is None:
        assert error is None
        if "data" in vector["expect"]:
            assert module.raise_for_error(body(vector["body"]), vector["status"]) == vector["expect"]["data"]
        return
    assert error is not None
    code = code_value(error.code)
    assert (code, type(code)) == (expected["code"], type(expected["code"]))
    assert isinstance(error.code, module.ErrorCode) == expected["known"]
    assert (error.status, error.retryable, error.message) == (expected["status"], expected["retryable"], expected["message"])
    if "fields" in expected:
        assert {name: getattr(error, name) for name in expected["fields"]} == expected["fields"]
    if "extra" in expected:
        assert error.extra == expected["extra"]
    if "members" in expected:
        assert error.members == expected["members"]
    if "object" in expected:
        assert error.to_dict() == expected["object"]
