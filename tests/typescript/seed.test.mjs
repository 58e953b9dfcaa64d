// Behaviour of the TypeScript module generated from the repo's spec, run with
// Node's test runner (and Deno's and Bun's, which run node:test suites).
// ERRSPEC_TS_SEED is a JSON list of [label, module] pairs: a module is the
// absolute path of a build (errspec's errors.js, an ES2015 build of errors.ts)
// or the name of the installed package. Expectations are the seed error
// page's facts.

import assert from "node:assert/strict";
import http from "node:http";
import { describe, test } from "node:test";
import { pathToFileURL } from "node:url";

const builds = JSON.parse(process.env.ERRSPEC_TS_SEED ?? "[]");
assert.ok(builds.length > 0, "ERRSPEC_TS_SEED names the builds to test");

// [code, status, retryable, class name, default message, title] from the seed page.
const SEED = [
  ["VALIDATION_ERROR", 400, false, "ValidationError", "Request parameters are invalid.", "Request parameters are invalid."],
  ["UNAUTHORIZED", 401, false, "UnauthorizedError", "Invalid or missing API key", "API key is invalid or missing."],
  ["INSUFFICIENT_BALANCE", 403, false, "InsufficientBalanceError", "Insufficient balance", "Account balance is too low."],
  ["NOT_FOUND", 404, false, "NotFoundError", "Requested resource doesn't exist.", "Requested resource doesn't exist."],
  ["RATE_LIMITED", 429, true, "RateLimitedError", "Rate limit exceeded", "Too many requests."],
  ["INTERNAL_ERROR", 500, true, "InternalError", "An unexpected error occurred", "Server error on our side."],
  ["UPSTREAM_ERROR", 502, true, "UpstreamError", "Provider temporarily unavailable", "Error from upstream AI provider."],
];

const body = (code, message = "m") => ({ data: null, error: { code, message } });

for (const [label, module] of builds) {
  const errors = await import(module.startsWith("/") ? pathToFileURL(module).href : module);

  describe(`${label} build`, () => {
    test("every seed code parses to its subclass", () => {
      assert.deepEqual(Object.values(errors.ErrorCode), SEED.map((row) => row[0]));
      for (const [code, status, retryable, className, message, summary] of SEED) {
        const cls = errors[className];
        assert.deepEqual(errors.ERROR_INFO[code], {
          status,
          retryable,
          message,
          summary,
          docUrl: undefined,
          fields: [],
          messageIsTemplate: false,
        });
        for (const form of [body(code), JSON.stringify(body(code))]) {
          const error = errors.parseError(form, status);
          assert.ok(error instanceof cls && error instanceof errors.ApiError && error instanceof Error);
          assert.equal(error.constructor, cls);
          assert.equal(error.name, className);
          assert.equal(error.code, code);
          assert.deepEqual([error.message, error.status, error.retryable], ["m", status, retryable]);
          assert.equal(String(error), `${code}: m`);
          assert.deepEqual(error.toJSON(), { code, message: "m" });
        }
        assert.throws(() => errors.raiseForError(body(code), status), cls);
        const bare = new cls();
        assert.deepEqual([bare.code, bare.message, bare.status], [code, message, status]);
        assert.equal(errors.isRetryable(code), retryable);
      }
    });

    test("a success gives no error and its data", () => {
      const success = { data: { id: 7 }, error: null };
      assert.equal(errors.parseError(success, 200), null);
      assert.deepEqual(errors.raiseForError(success, 200), { id: 7 });
      assert.deepEqual(errors.raiseForError(JSON.stringify(success)), { id: 7 });
      assert.deepEqual(errors.raiseForError({ data: [1] }), [1]);
    });

    test("an unknown code is kept and retried only on transient statuses", () => {
      const cases = [[429, true], [502, true], [503, true], [504, true], [400, false], [500, false], [undefined, false]];
      for (const [status, retryable] of cases) {
        const error = errors.parseError(body("QUOTA_FROZEN", "later"), status);
        assert.equal(error.constructor, errors.ApiError);
        assert.deepEqual([error.code, error.message, error.status, error.retryable], ["QUOTA_FROZEN", "later", status, retryable]);
        assert.equal(errors.isErrorCode("QUOTA_FROZEN"), false);
      }
    });

    test("prototype keys are unknown codes, never a crash or a wrong answer", () => {
      for (const code of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"]) {
        const error = errors.parseError(`{"data":null,"error":{"code":"${code}","message":"x"}}`, 503);
        assert.equal(error.constructor, errors.ApiError, code);
        assert.deepEqual([error.code, error.message, error.retryable], [code, "x", true]);
        assert.equal(errors.isErrorCode(code), false);
        assert.equal(errors.isRetryable(code, 400), false);
      }
      const prototypeBody = JSON.parse('{"__proto__": {"error": {"code": "RATE_LIMITED"}}, "data": 1}');
      assert.equal(errors.parseError(prototypeBody, 200), null);
      assert.equal(errors.parseError(JSON.parse('{"error": {"__proto__": {"code": "RATE_LIMITED"}}}')).code, errors.MALFORMED_RESPONSE);
    });

    test("a missing message falls back to the default; extra fields are ignored", () => {
      const error = errors.parseError({ error: { code: "RATE_LIMITED", extra: { deep: [1] } }, meta: 1 });
      assert.ok(error instanceof errors.RateLimitedError);
      assert.equal(error.message, "Rate limit exceeded");
      assert.equal(errors.parseError({ error: { code: "NEW", message: 5 } }).message, "");
    });

    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    const malformed = [
      "<html><body>502 Bad Gateway</body></html>",
      "not json",
      "",
      "[1, 2]",
      "null",
      "42",
      '"a string"',
      [body("RATE_LIMITED")],
      null,
      undefined,
      42,
      { data: null, error: "RATE_LIMITED" },
      { data: null, error: 5 },
      { data: null, error: true },
      { data: null, error: [] },
      { data: null, error: {} },
      { data: null, error: { code: 5 } },
      { data: null, error: { code: "" } },
      { data: null, error: { code: null, message: "m" } },
      { data: null, error: { code: ["RATE_LIMITED"] } },
      deep,
      '{"error": '.repeat(50_000) + "1" + "}".repeat(50_000),
      "x".repeat(5_000_000),
    ];
    test("malformed bodies give a MalformedResponseError, never a TypeError", () => {
      for (const [index, bad] of malformed.entries()) {
        for (const [status, retryable] of [[502, true], [400, false], [undefined, false]]) {
          const error = errors.parseError(bad, status);
          assert.ok(error instanceof errors.MalformedResponseError, `case ${index}`);
          assert.equal(error.name, "MalformedResponseError");
          assert.equal(error.code, errors.MALFORMED_RESPONSE);
          assert.deepEqual([error.status, error.retryable], [status, retryable], `case ${index}`);
          assert.ok(error.message.length > 0);
          assert.throws(() => errors.raiseForError(bad, status), errors.MalformedResponseError);
        }
      }
    });

    test("an error status without an error is malformed", () => {
      const error = errors.parseError({ data: null, error: null }, 503);
      assert.ok(error instanceof errors.MalformedResponseError && error.retryable);
      assert.equal(errors.parseError({ data: null, error: null }, 204), null);
    });

    // Throws the given errors in turn, then resolves "ok".
    const flaky = (...failures) => {
      const fn = async () => {
        fn.calls += 1;
        if (failures.length > 0) {
          throw failures.shift();
        }
        return "ok";
      };
      fn.calls = 0;
      return fn;
    };
    const recorder = () => {
      const sleeps = [];
      const sleep = async (ms) => {
        sleeps.push(ms);
      };
      return { sleeps, sleep };
    };

    test("retryable errors are retried after 1 s, 2 s, 4 s", async () => {
      const { sleeps, sleep } = recorder();
      const fn = flaky(new errors.RateLimitedError(), new errors.InternalError(), new errors.UpstreamError());
      assert.equal(await errors.withRetry(fn, { sleep }), "ok");
      assert.deepEqual(sleeps, [1000, 2000, 4000]);
      assert.equal(fn.calls, 4);
    });

    test("the last error is thrown with no sleep after the last try", async () => {
      const { sleeps, sleep } = recorder();
      const fn = flaky(...[0, 1, 2, 3, 4].map((n) => new errors.RateLimitedError(String(n))));
      await assert.rejects(errors.withRetry(fn, { sleep }), (error) => error.message === "3");
      assert.deepEqual([fn.calls, sleeps], [4, [1000, 2000, 4000]]);
    });

    test("non-retryable errors and other exceptions stop at once", async () => {
      for (const failure of [new errors.ValidationError(), new errors.ApiError("NEW", "x", { status: 500 }), new TypeError("x")]) {
        const { sleeps, sleep } = recorder();
        const fn = flaky(failure);
        await assert.rejects(errors.withRetry(fn, { sleep }), (error) => error === failure);
        assert.deepEqual([fn.calls, sleeps], [1, []]);
      }
    });

    test("full jitter stays between zero and the delay", async () => {
      const policy = { maxRetries: 3, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 30000, jitter: "full" };
      for (const unit of [0, 0.25, 0.999999]) {
        const { sleeps, sleep } = recorder();
        const fn = flaky(new errors.RateLimitedError(), new errors.RateLimitedError(), new errors.RateLimitedError());
        await errors.withRetry(fn, { policy, sleep, random: () => unit });
        assert.deepEqual(sleeps, [1000 * unit, 2000 * unit, 4000 * unit]);
      }
    });

    test("the delays follow the policy", () => {
      const policy = { maxRetries: 6, initialDelayMs: 300, multiplier: 2.5, maxDelayMs: 5000, jitter: "none" };
      assert.deepEqual([0, 1, 2, 3, 4, 5].map((n) => errors.retryDelayMs(policy, n)), [300, 750, 1875, 4687, 5000, 5000]);
      assert.deepEqual(errors.DEFAULT_RETRY_POLICY, { maxRetries: 3, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 30000, jitter: "none" });
    });

    test("Retry-After is honoured and capped", async () => {
      const inTen = new Date(Date.now() + 10_000).toUTCString();
      const cases = [["7", 7000], [" 7 ", 7000], [3, 3000], ["99999", 30000], [inTen, 10000], ["-5", 1000], ["1e3", 1000], ["0x10", 1000], ["soon", 1000], ["nan", 1000]];
      for (const [header, wait] of cases) {
        const { sleeps, sleep } = recorder();
        const error = errors.parseError(body("RATE_LIMITED"), 429, header);
        await errors.withRetry(flaky(error), { sleep });
        assert.equal(sleeps.length, 1);
        assert.ok(Math.abs(sleeps[0] - wait) <= 1500, `${header}: waited ${sleeps[0]}`);
      }
    });

    test("an abort stops a wait at once, and no try starts after it", async () => {
      const controller = new AbortController();
      const fn = flaky(new errors.RateLimitedError(), new errors.RateLimitedError());
      const started = Date.now();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(errors.withRetry(fn, { signal: controller.signal }), (error) => error.name === "AbortError");
      assert.ok(Date.now() - started < 900, "did not wait out the 1 s delay");
      assert.equal(fn.calls, 1);

      const never = flaky();
      await assert.rejects(errors.withRetry(never, { signal: AbortSignal.abort() }));
      assert.equal(never.calls, 0);

      const slowSleep = () => new Promise(() => {});
      const stuck = new AbortController();
      setTimeout(() => stuck.abort(new Error("stop")), 20);
      await assert.rejects(errors.withRetry(flaky(new errors.InternalError()), { sleep: slowSleep, signal: stuck.signal }), /stop/);
    });

    // A local server answering each request with the next scripted response.
    const serve = async (responses) => {
      const server = http.createServer((request, response) => {
        server.requests += 1;
        const [status, payload, headers] = responses.shift();
        const data = typeof payload === "string" ? payload : JSON.stringify(payload);
        response.writeHead(status, { "Content-Length": Buffer.byteLength(data), ...headers });
        response.end(data);
      });
      server.requests = 0;
      await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
      server.url = `http://127.0.0.1:${server.address().port}/v1/tasks/7`;
      return server;
    };

    // What a client writes: fetch plus the generated module.
    const getTask = async (url, signal) => {
      const response = await fetch(url, { signal });
      return errors.raiseForError(await response.text(), response.status, response.headers.get("Retry-After"));
    };

    test("end to end: a client retries through a 429 and a proxy's 502, then gets its data", async () => {
      const server = await serve([
        [429, body("RATE_LIMITED", "Rate limit exceeded"), { "Retry-After": "0" }],
        [502, "<html><body>502 Bad Gateway</body></html>", { "Content-Type": "text/html" }],
        [200, { data: { id: 7, status: "done" }, error: null }, {}],
      ]);
      const { sleeps, sleep } = recorder();
      try {
        const data = await errors.withRetry((signal) => getTask(server.url, signal), { sleep });
        assert.deepEqual(data, { id: 7, status: "done" });
      } finally {
        server.close();
      }
      assert.equal(server.requests, 3);
      assert.deepEqual(sleeps, [0, 2000]);
    });

    test("end to end: a non-retryable error stops at once", async () => {
      const server = await serve([
        [400, body("VALIDATION_ERROR", "prompt is required"), {}],
        [200, { data: {}, error: null }, {}],
      ]);
      const { sleeps, sleep } = recorder();
      try {
        await assert.rejects(errors.withRetry((signal) => getTask(server.url, signal), { sleep }), (error) => {
          return error instanceof errors.ValidationError && String(error) === "VALIDATION_ERROR: prompt is required";
        });
      } finally {
        server.close();
      }
      assert.deepEqual([server.requests, sleeps], [1, []]);
    });
  });
}
