"""Behaviour of the Python package generated from the repo's spec.

The package is imported by the name in ERRSPEC_PACKAGE, from wherever the
Rust test installed it. Expectations are the seed error page's facts.
"""

from __future__ import annotations

import asyncio
import copy
import email.utils
import http.server
import importlib
import json
import os
import pickle
import threading
import time
import urllib.error
import urllib.request

import pytest

errors = importlib.import_module(os.environ["ERRSPEC_PACKAGE"])

#: (code, status, retryable, class name, default message) from the seed page.
SEED = [
    ("VALIDATION_ERROR", 400, False, "ValidationError", "Request parameters are invalid."),
    ("UNAUTHORIZED", 401, False, "UnauthorizedError", "Invalid or missing API key"),
    ("INSUFFICIENT_BALANCE", 403, False, "InsufficientBalanceError", "Insufficient balance"),
    ("NOT_FOUND", 404, False, "NotFoundError", "Requested resource doesn't exist."),
    ("RATE_LIMITED", 429, True, "RateLimitedError", "Rate limit exceeded"),
    ("INTERNAL_ERROR", 500, True, "InternalError", "An unexpected error occurred"),
    ("UPSTREAM_ERROR", 502, True, "UpstreamError", "Provider temporarily unavailable"),
]


def body(code, message="m"):
    return {"data": None, "error": {"code": code, "message": message}}


@pytest.mark.parametrize(("code", "status", "retryable", "class_name", "default"), SEED)
def test_every_seed_code_parses_to_its_subclass(code, status, retryable, class_name, default):
    cls = getattr(errors, class_name)
    member = errors.ErrorCode(code)
    assert member is getattr(errors.ErrorCode, code)
    assert (member.status, member.retryable, member.default_message) == (status, retryable, default)
    assert str(member) == code and member == code

    for form in (body(code), json.dumps(body(code)), json.dumps(body(code)).encode()):
        error = errors.parse_error(form, status)
        assert type(error) is cls and isinstance(error, errors.ApiError)
        assert error.code is member
        assert (error.message, error.status, error.retryable) == ("m", status, retryable)
    assert str(error) == f"{code}: m"
    assert error.to_dict() == {"code": code, "message": "m"}
    assert error.extra == {}
    with pytest.raises(cls):
        errors.raise_for_error(body(code), status)

    bare = cls()
    assert (bare.code, bare.message, bare.status) == (member, default, status)
    assert cls("custom").message == "custom"


def test_the_code_list_is_the_seed_list_in_order():
    assert [member.value for member in errors.ErrorCode] == [row[0] for row in SEED]


def test_a_success_gives_no_error_and_its_data():
    success = {"data": {"id": 7}, "error": None}
    assert errors.parse_error(success, 200) is None
    assert errors.raise_for_error(success, 200) == {"id": 7}
    assert errors.raise_for_error(json.dumps(success).encode()) == {"id": 7}
    assert errors.raise_for_error({"data": [1]}) == [1]


@pytest.mark.parametrize(
    ("status", "retryable"),
    [(429, True), (502, True), (503, True), (504, True), (400, False), (500, False), (None, False)],
)
def test_an_unknown_code_is_kept_and_retried_only_on_transient_statuses(status, retryable):
    error = errors.parse_error(body("QUOTA_FROZEN", "later"), status)
    assert type(error) is errors.ApiError
    assert error.code == "QUOTA_FROZEN" and not isinstance(error.code, errors.ErrorCode)
    assert (error.message, error.status, error.retryable) == ("later", status, retryable)
    assert str(error) == "QUOTA_FROZEN: later"


def test_missing_message_and_extra_fields():
    error = errors.parse_error({"error": {"code": "RATE_LIMITED", "extra": {"deep": [1]}}, "meta": 1})
    assert type(error) is errors.RateLimitedError
    assert error.message == "Rate limit exceeded"
    assert errors.parse_error({"error": {"code": "NEW", "message": 5}}).message == ""


DEEP = "[" * 100_000 + "]" * 100_000

MALFORMED = [
    "<html><body>502 Bad Gateway</body></html>",
    b"<html>\xff\xfe</html>",
    "not json",
    "",
    "[1, 2]",
    "null",
    "42",
    '"a string"',
    [body("RATE_LIMITED")],
    None,
    {"data": None, "error": "RATE_LIMITED"},
    {"data": None, "error": 5},
    {"data": None, "error": True},
    {"data": None, "error": []},
    {"data": None, "error": {}},
    {"data": None, "error": {"code": 5}},
    {"data": None, "error": {"code": ""}},
    {"data": None, "error": {"code": None, "message": "m"}},
    {"data": None, "error": {"code": ["RATE_LIMITED"]}},
    DEEP,
    '{"error": ' * 50_000 + "1" + "}" * 50_000,
    "x" * 5_000_000,
]


@pytest.mark.parametrize("malformed", MALFORMED, ids=range(len(MALFORMED)))
@pytest.mark.parametrize(("status", "retryable"), [(502, True), (400, False), (None, False)])
def test_malformed_bodies_give_a_malformed_response_error(malformed, status, retryable):
    error = errors.parse_error(malformed, status)
    assert type(error) is errors.MalformedResponseError
    assert error.code == errors.MALFORMED_RESPONSE
    assert (error.status, error.retryable) == (status, retryable)
    assert error.message
    with pytest.raises(errors.MalformedResponseError):
        errors.raise_for_error(malformed, status)


COPIES = [
    ("copy", copy.copy),
    ("deepcopy", copy.deepcopy),
    ("pickle", lambda error: pickle.loads(pickle.dumps(error))),
]


@pytest.mark.parametrize(("how", "duplicate"), COPIES, ids=[how for how, _ in COPIES])
def test_every_kind_of_error_survives_copies_and_pickles(how, duplicate):
    originals = [
        errors.parse_error(body("RATE_LIMITED", "slow down"), 429, retry_after="3"),
        errors.ValidationError("prompt is required"),
        errors.parse_error(body("BRAND_NEW", "from a newer server"), 503, retry_after=1.5),
        errors.ApiError(code="BRAND_NEW"),
        errors.parse_error(b"<html>bad gateway</html>", 502),
    ]
    for original in originals:
        copied = duplicate(original)
        assert copied is not original
        assert type(copied) is type(original)
        attributes = ("code", "message", "status", "retryable", "retry_after", "args")
        assert [getattr(copied, a) for a in attributes] == [getattr(original, a) for a in attributes]
        assert str(copied) == str(original)
        assert copied.to_dict() == original.to_dict()


def test_an_error_status_without_an_error_is_malformed():
    error = errors.parse_error({"data": None, "error": None}, 503)
    assert type(error) is errors.MalformedResponseError and error.retryable
    assert errors.parse_error({"data": None, "error": None}, 204) is None


class Flaky:
    """Raises the given errors in turn, then returns "ok"."""

    def __init__(self, *failures):
        self.failures = list(failures)
        self.calls = 0

    def __call__(self):
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)
        return "ok"


def test_retryable_errors_are_retried_after_one_two_four_seconds():
    sleeps = []
    flaky = Flaky(errors.RateLimitedError(), errors.InternalError(), errors.UpstreamError())
    assert errors.with_retry(flaky, sleep=sleeps.append) == "ok"
    assert sleeps == [1.0, 2.0, 4.0]
    assert flaky.calls == 4


def test_the_last_error_is_raised_with_no_sleep_after_the_last_try():
    sleeps = []
    flaky = Flaky(*[errors.RateLimitedError(str(i)) for i in range(5)])
    with pytest.raises(errors.RateLimitedError) as raised:
        errors.with_retry(flaky, sleep=sleeps.append)
    assert raised.value.message == "3"
    assert (flaky.calls, sleeps) == (4, [1.0, 2.0, 4.0])


def test_non_retryable_errors_and_other_exceptions_stop_at_once():
    for failure in (errors.ValidationError(), errors.ApiError(code="NEW", status=500), KeyError("x")):
        sleeps = []
        flaky = Flaky(failure)
        with pytest.raises(type(failure)):
            errors.with_retry(flaky, sleep=sleeps.append)
        assert (flaky.calls, sleeps) == (1, [])


def test_full_jitter_stays_between_zero_and_the_delay():
    policy = errors.RetryPolicy(
        max_retries=3, initial_delay_ms=1000, multiplier=2.0, max_delay_ms=30_000, jitter="full"
    )
    for unit in (0.0, 0.25, 0.999999):
        sleeps = []
        flaky = Flaky(*[errors.RateLimitedError() for _ in range(3)])
        errors.with_retry(flaky, policy=policy, sleep=sleeps.append, random_unit=lambda u=unit: u)
        assert sleeps == pytest.approx([1.0 * unit, 2.0 * unit, 4.0 * unit])
        assert all(0.0 <= s <= d for s, d in zip(sleeps, [1.0, 2.0, 4.0]))


def test_the_delays_follow_the_policy():
    policy = errors.RetryPolicy(
        max_retries=6, initial_delay_ms=300, multiplier=2.5, max_delay_ms=5000, jitter="none"
    )
    assert [policy.delay_ms(n) for n in range(6)] == [300, 750, 1875, 4687, 5000, 5000]
    assert errors.DEFAULT_RETRY_POLICY == errors.RetryPolicy(
        max_retries=3, initial_delay_ms=1000, multiplier=2.0, max_delay_ms=30000, jitter="none"
    )


def test_retry_after_is_honoured_and_capped():
    in_ten = email.utils.formatdate(time.time() + 10, usegmt=True)
    cases = [
        ("7", 7.0),
        (" 7 ", 7.0),
        (3, 3.0),
        ("99999", 30.0),
        (in_ten, 10.0),
        ("-5", 1.0),
        ("1e3", 1.0),
        ("²", 1.0),
        ("soon", 1.0),
        ("nan", 1.0),
    ]
    for header, wait in cases:
        sleeps = []
        error = errors.parse_error(body("RATE_LIMITED"), 429, retry_after=header)
        errors.with_retry(Flaky(error), sleep=sleeps.append)
        assert sleeps == [pytest.approx(wait, abs=1.5)], header


def test_the_async_twin_retries_alike():
    sleeps = []

    async def sleep(seconds):
        sleeps.append(seconds)

    flaky = Flaky(errors.RateLimitedError(), errors.ValidationError())

    async def call():
        return flaky()

    with pytest.raises(errors.ValidationError):
        asyncio.run(errors.with_retry_async(call, sleep=sleep))
    assert (flaky.calls, sleeps) == (2, [1.0])
    assert asyncio.run(errors.with_retry_async(call, sleep=sleep)) == "ok"

    instant = errors.RetryPolicy(max_retries=2, initial_delay_ms=0, multiplier=2.0, max_delay_ms=0, jitter="none")
    again = Flaky(errors.RateLimitedError(), errors.RateLimitedError())

    async def call_again():
        return again()

    assert asyncio.run(errors.with_retry_async(call_again, policy=instant)) == "ok"
    assert again.calls == 3


class Server:
    """A local HTTP server answering each request with the next scripted response."""

    def __init__(self, *responses):
        self.responses = list(responses)
        self.requests = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests += 1
                status, payload, headers = server.responses.pop(0)
                data = payload.encode() if isinstance(payload, str) else json.dumps(payload).encode()
                self.send_response(status)
                for name, value in {"Content-Length": str(len(data)), **headers}.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1/tasks/7"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def fetch(url):
    """What a client writes: urllib plus the generated module."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            content, status, retry_after = response.read(), response.status, None
    except urllib.error.HTTPError as failure:
        content, status = failure.read(), failure.code
        retry_after = failure.headers.get("Retry-After")
    return errors.raise_for_error(content, status, retry_after=retry_after)


def test_end_to_end_a_client_retries_through_429_and_a_proxy_502_then_gets_its_data():
    server = Server(
        (429, body("RATE_LIMITED", "Rate limit exceeded"), {"Retry-After": "0"}),
        (502, "<html><body>502 Bad Gateway</body></html>", {"Content-Type": "text/html"}),
        (200, {"data": {"id": 7, "status": "done"}, "error": None}, {}),
    )
    sleeps = []
    try:
        data = errors.with_retry(lambda: fetch(server.url), sleep=sleeps.append)
    finally:
        server.close()
    assert data == {"id": 7, "status": "done"}
    assert server.requests == 3
    assert sleeps == [0.0, 2.0]


def test_end_to_end_a_non_retryable_error_stops_at_once():
    server = Server(
        (400, body("VALIDATION_ERROR", "prompt is required"), {}),
        (200, {"data": {}, "error": None}, {}),
    )
    sleeps = []
    try:
        with pytest.raises(errors.ValidationError) as raised:
            errors.with_retry(lambda: fetch(server.url), sleep=sleeps.append)
    finally:
        server.close()
    assert str(raised.value) == "VALIDATION_ERROR: prompt is required"
    assert (server.requests, sleeps) == (1, [])


def _fresh(code: str) -> str:
    """What a new interpreter prints after importing the package and running ``code``."""
    import subprocess
    import sys

    setup = f"import sys, {errors.__name__} as package\nloaded = lambda: sorted(m for m in sys.modules if m.startswith(package.__name__ + '._errors'))\n"
    ran = subprocess.run([sys.executable, "-c", setup + code], capture_output=True, text=True, check=True, env=os.environ)
    return ran.stdout.strip()


def test_error_classes_are_created_on_first_use():
    """Importing the package creates no code's class: a class's module is
    imported when one of its classes is first used, by name or by parsing."""
    assert _fresh("print(loaded())") == "[]"
    name = errors.__name__
    assert _fresh("package.NotFoundError\nprint(loaded())") == f"['{name}._errors_0']"
    assert _fresh(f"from {name} import RateLimitedError\nprint(RateLimitedError().status, loaded())") == f"429 ['{name}._errors_0']"
    body = json.dumps({"data": None, "error": {"code": "NOT_FOUND"}})
    assert _fresh(f"e = package.parse_error({body!r}, 404)\nprint(type(e) is package.NotFoundError)") == "True"


def test_the_classes_are_in_dir_and_star_imports_as_before():
    assert {"NotFoundError", "ApiError", "parse_error"} <= set(dir(errors))
    assert _fresh(f"from {errors.__name__} import *\nprint(NotFoundError.__name__, parse_error.__name__)") == "NotFoundError parse_error"
    with pytest.raises(AttributeError, match="NoSuchError"):
        errors.NoSuchError  # noqa: B018
