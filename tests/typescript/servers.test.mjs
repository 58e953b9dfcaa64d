// The package's `node` module in real servers on 127.0.0.1, read back with
// fetch and the package's client: Node's `http` with `sendError`, Express
// with `errorHandler()`, and a retry loop honouring `Retry-After`.
// ERRSPEC_EXPRESS is the path of Express's entry module.

import assert from "node:assert/strict";
import http from "node:http";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

import * as errors from "nanobanana-api-errors";
import { errorHandler, sendError } from "nanobanana-api-errors/node";

const express = (await import(pathToFileURL(process.env.ERRSPEC_EXPRESS).href)).default;

/** Listens on 127.0.0.1 and gives the base URL and a way to close. */
async function listen(server) {
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return [`http://127.0.0.1:${server.address().port}`, () => new Promise((resolve) => server.close(resolve))];
}

async function read(response) {
  const text = await response.text();
  return errors.parseError(text, response.status, response.headers.get("Retry-After"));
}

test("sendError answers Node's http with the error's status, headers and body", async () => {
  const [url, close] = await listen(
    http.createServer((_req, res) => sendError(res, new errors.RateLimitedError(undefined, { retryAfter: 1.5 }))),
  );
  try {
    const response = await fetch(url);
    assert.equal(response.status, 429);
    assert.equal(response.headers.get("content-type"), "application/json");
    assert.equal(response.headers.get("retry-after"), "2");
    const error = await read(response);
    assert.ok(error instanceof errors.RateLimitedError);
    assert.deepEqual([error.retryable, error.retryAfter, error.message], [true, 2, errors.ERROR_INFO.RATE_LIMITED.message]);
  } finally {
    await close();
  }
});

test("errorHandler sends the ApiErrors of Express routes and passes others on", async () => {
  const app = express();
  app.get("/tasks/:id", (req, res) => {
    if (req.params.id === "upstream") {
      throw new errors.ApiError("UPSTREAM_TIMEOUT", "the provider timed out");
    }
    if (req.params.id === "boom") {
      throw new Error("not an ApiError");
    }
    if (req.params.id !== "7") {
      throw new errors.NotFoundError();
    }
    res.json({ id: "7" });
  });
  app.use(errorHandler());
  const [url, close] = await listen(http.createServer(app));
  try {
    assert.deepEqual(await (await fetch(`${url}/tasks/7`)).json(), { id: "7" });
    const missing = await fetch(`${url}/tasks/3`);
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get("retry-after"), null);
    assert.ok((await read(missing)) instanceof errors.NotFoundError);
    const upstream = await fetch(`${url}/tasks/upstream`);
    assert.equal(upstream.status, errors.UNKNOWN_CODE_STATUS);
    const error = await read(upstream);
    assert.deepEqual([error.code, error.message, error.retryable], ["UPSTREAM_TIMEOUT", "the provider timed out", true]);
    assert.equal((await fetch(`${url}/tasks/boom`)).status, 500);
  } finally {
    await close();
  }
});

test("a retry loop waits the Retry-After a server sends, then succeeds", async () => {
  let calls = 0;
  const app = express();
  app.get("/task", (_req, res) => {
    calls += 1;
    if (calls === 1) {
      throw new errors.RateLimitedError(undefined, { retryAfter: 1 });
    }
    res.json({ data: { id: "7" }, error: null });
  });
  app.use(errorHandler());
  const [url, close] = await listen(http.createServer(app));
  try {
    // A first delay of 5 s: waiting 1 s can only be the server's Retry-After.
    const policy = { ...errors.DEFAULT_RETRY_POLICY, initialDelayMs: 5000 };
    const started = Date.now();
    const data = await errors.withRetry(
      async () => {
        const response = await fetch(`${url}/task`);
        return errors.raiseForError(await response.text(), response.status, response.headers.get("Retry-After"));
      },
      { policy },
    );
    assert.deepEqual(data, { id: "7" });
    assert.equal(calls, 2);
    const waited = Date.now() - started;
    assert.ok(waited >= 950 && waited < 3000, `waited the server's second, not the policy's: ${waited} ms`);
  } finally {
    await close();
  }
});
