"""The Python client of the matrix (tests/matrix.rs): POSTs each case to each
server with httpx, reads the response with the set's generated package, and
checks the body of each case marked ``schema`` against the set's JSON
Schema. Prints the answers as JSON:
``[server, set, case, answer]`` each."""

from __future__ import annotations

import enum
import importlib
import json
import sys
from pathlib import Path
from typing import Any

import httpx
import jsonschema

matrix = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
packages = {name: importlib.import_module(g["package"]) for name, g in matrix["generated"].items()}
schemas = {
    name: jsonschema.Draft202012Validator(json.loads(Path(g["schema"]).read_text(encoding="utf-8")))
    for name, g in matrix["generated"].items()
}


def answer(errors: Any, response: httpx.Response, fields: list[str]) -> Any:
    """What the client reads: the keys of `answer` in src/lib.rs."""
    error = errors.parse_error(response.text, response.status_code, retry_after=response.headers.get("Retry-After"))
    if error is None:
        return None
    code = error.code
    return {
        "code": code.value if isinstance(code, enum.Enum) else code,
        "known": isinstance(code, errors.ErrorCode),
        "status": error.status,
        "retryable": error.retryable,
        "message": error.message,
        "fields": {name: getattr(error, name) for name in fields},
        "extra": dict(error.extra),
        "members": dict(error.members),
        "object": error.to_dict(),
        "wait": error.retry_after,
        "media_type": response.headers.get("Content-Type"),
    }


answers = []
with httpx.Client() as client:
    for server, url in matrix["servers"]:
        for case in matrix["cases"]:
            response = client.post(
                f"{url}/{case['set']}",
                content=case["request"].encode(),
                headers={"Content-Type": "application/json"},
            )
            where = f"{server}: {case['set']}: {case['id']}"
            if case["schema"]:
                try:
                    schemas[case["set"]].validate(json.loads(response.content))
                except (ValueError, jsonschema.ValidationError) as e:
                    sys.exit(f"{where}: the body does not match the JSON Schema: {e}\n{response.text}")
            read = answer(packages[case["set"]], response, case["fields"])
            answers.append([server, case["set"], case["id"], read])

json.dump(answers, sys.stdout, allow_nan=False)
