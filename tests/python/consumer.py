"""A small program using the seed spec's package as its users would, from an
installed wheel. tests/generated_python.rs type-checks it with mypy --strict and
pyright (strict), and runs it on the oldest and newest supported Python."""

from __future__ import annotations

import copy
import pickle

from nanobanana_api_errors import (
    DEFAULT_RETRY_POLICY,
    ApiError,
    ErrorCode,
    MalformedResponseError,
    RateLimitedError,
    parse_error,
    raise_for_error,
    with_retry,
)


def describe(error: ApiError) -> str:
    """What a caller logs: the code, and the status if any."""
    status = "no status" if error.status is None else f"HTTP {error.status}"
    return f"{error.code} ({status}): {error.message}"


def main() -> None:
    error = parse_error(b'{"data": null, "error": {"code": "RATE_LIMITED"}}', 429, retry_after="2")
    assert isinstance(error, RateLimitedError)
    assert error.code is ErrorCode.RATE_LIMITED
    assert (error.retryable, error.retry_after) == (True, 2.0)
    assert describe(error) == "RATE_LIMITED (HTTP 429): Rate limit exceeded"
    assert pickle.loads(pickle.dumps(error)).retry_after == 2.0

    unknown = parse_error({"data": None, "error": {"code": "NEW_CODE", "message": "hi"}}, 503)
    assert unknown is not None and copy.deepcopy(unknown).code == "NEW_CODE"

    assert isinstance(parse_error("<html>", 502), MalformedResponseError)

    data = raise_for_error({"data": {"id": 7}, "error": None}, 200)
    assert data == {"id": 7}

    answers = iter([{"data": None, "error": {"code": "INTERNAL_ERROR"}}, {"data": [1], "error": None}])
    waits: list[float] = []
    result = with_retry(
        lambda: raise_for_error(next(answers), None), sleep=waits.append, random_unit=lambda: 1.0
    )
    assert (result, waits) == ([1], [DEFAULT_RETRY_POLICY.delay_ms(0) / 1000])
    print("consumer: ok")


if __name__ == "__main__":
    main()
