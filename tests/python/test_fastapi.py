"""The package's ``fastapi`` module in a real FastAPI app: each error an
endpoint raises leaves with its status, headers and body, and the package's
client reads it back; importing the package alone does not import Starlette.

Runs where FastAPI is installed (the tools' venv), not in the fresh venvs of
the wheel test, which install the package alone.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

PACKAGE = os.environ["ERRSPEC_PACKAGE"]
errors = importlib.import_module(PACKAGE)
adapter = importlib.import_module(f"{PACKAGE}.fastapi")

app = FastAPI()
adapter.install_handlers(app)


@app.get("/tasks/{task}")
def task(task: str) -> dict[str, str]:
    if task == "busy":
        raise errors.RateLimitedError(retry_after=1.5)
    if task == "upstream":
        raise errors.ApiError("the provider timed out", code="UPSTREAM_TIMEOUT")
    if task != "7":
        raise errors.NotFoundError()
    return {"id": task}


client = TestClient(app)


def test_a_success_is_untouched():
    assert client.get("/tasks/7").json() == {"id": "7"}


def test_an_error_leaves_as_the_spec_says():
    response = client.get("/tasks/3")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert "retry-after" not in response.headers
    error = errors.parse_error(response.content, response.status_code)
    assert isinstance(error, errors.NotFoundError)
    assert error.message == errors.ErrorCode.NOT_FOUND.default_message


def test_a_wait_is_sent_as_retry_after_rounded_up():
    response = client.get("/tasks/busy")
    assert (response.status_code, response.headers["retry-after"]) == (429, "2")
    error = errors.parse_error(response.content, response.status_code, retry_after=response.headers["retry-after"])
    assert isinstance(error, errors.RateLimitedError)
    assert (error.retryable, error.retry_after) == (True, 2.0)


def test_an_unknown_code_is_sent_as_502():
    response = client.get("/tasks/upstream")
    assert response.status_code == errors.UNKNOWN_CODE_STATUS == 502
    error = errors.parse_error(response.content, response.status_code)
    assert (error.code, error.message, error.retryable) == ("UPSTREAM_TIMEOUT", "the provider timed out", True)


def test_other_exceptions_are_left_to_the_app():
    assert adapter.handle_api_error is not None
    failing = FastAPI()
    adapter.install_handlers(failing)

    @failing.get("/")
    def boom() -> None:
        raise ValueError("not an ApiError")

    response = TestClient(failing, raise_server_exceptions=False).get("/")
    assert response.status_code == 500


def test_the_package_alone_does_not_import_starlette():
    code = f"import sys, {PACKAGE}; assert 'starlette' not in sys.modules, 'starlette imported'"
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ})


def test_a_retry_loop_waits_the_retry_after_a_server_sends():
    """A 429 with ``Retry-After: 1`` from a FastAPI app served by uvicorn on
    127.0.0.1, then success: the client waits the server's second."""
    calls = []
    retrying = FastAPI()
    adapter.install_handlers(retrying)

    @retrying.get("/task")
    def get_task() -> dict[str, object]:
        calls.append(1)
        if len(calls) == 1:
            raise errors.RateLimitedError(retry_after=1)
        return {"data": {"id": "7"}, "error": None}

    server = uvicorn.Server(uvicorn.Config(retrying, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]

    def fetch() -> object:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/task", timeout=10) as response:
                return errors.raise_for_error(response.read(), response.status)
        except urllib.error.HTTPError as failure:
            retry_after = failure.headers.get("Retry-After")
            return errors.raise_for_error(failure.read(), failure.code, retry_after=retry_after)

    # A first delay of 5 s: waiting 1 s can only be the server's Retry-After.
    policy = errors.DEFAULT_RETRY_POLICY._replace(initial_delay_ms=5000)
    try:
        started = time.monotonic()
        data = errors.with_retry(fetch, policy=policy)
        waited = time.monotonic() - started
    finally:
        server.should_exit = True
        thread.join()
    assert data == {"id": "7"}
    assert len(calls) == 2
    assert 0.95 <= waited < 3
