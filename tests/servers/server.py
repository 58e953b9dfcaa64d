"""The Python server of the matrix (tests/matrix.rs): a FastAPI app under
uvicorn on 127.0.0.1. ``POST /<set>`` raises the error of the case in the
body with the set's generated package, and the package's ``fastapi`` adapter
sends it. ERRSPEC_MATRIX_SETS maps each set to its package. Prints the base
URL once it listens."""

from __future__ import annotations

import importlib
import json
import os
import socket
from typing import Any

import uvicorn
from fastapi import FastAPI, Request

SETS: dict[str, dict[str, str]] = json.loads(os.environ["ERRSPEC_MATRIX_SETS"])

app = FastAPI()
packages: dict[str, Any] = {}
for name, generated in SETS.items():
    packages[name] = importlib.import_module(generated["package"])
    importlib.import_module(f"{generated['package']}.fastapi").install_handlers(app)


@app.post("/{set_name}")
async def send(set_name: str, request: Request) -> None:
    case = json.loads(await request.body())
    raise packages[set_name].ApiError(
        case["message"],
        code=case["code"],
        members=case["members"],
        retry_after=case["retry_after"],
    )


listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen()
print(f"http://127.0.0.1:{listener.getsockname()[1]}", flush=True)
uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listener])
