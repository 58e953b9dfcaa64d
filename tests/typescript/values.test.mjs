// Every generated module keeps its spec's codes, statuses, retryability and
// messages exactly. ERRSPEC_TS_CASES is a JSON list of {"module", "expected"}:
// a compiled errors.js, and a JSON file the Rust test wrote from its own data.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const cases = JSON.parse(process.env.ERRSPEC_TS_CASES ?? "[]");

/**
 * An error object of code `e` in the spec's format, as a server of this API
 * sends it: for the problem format a whole problem document.
 */
function received(expected, e, message) {
  if (expected.format === "problem") {
    const document = { type: e.problem_type, title: "t", status: 400, code: e.code };
    return message === undefined ? document : { ...document, detail: message };
  }
  return message === undefined ? { code: e.code } : { code: e.code, message };
}

/** The error object a generated server writes for code `e`. */
function sent(expected, e, message) {
  if (expected.format === "problem") {
    return { type: e.problem_type, title: e.summary, status: e.status, detail: message, code: e.code };
  }
  return { code: e.code, message };
}

/** A response body in the spec's format carrying `errorObject`. */
function body(expected, errorObject) {
  switch (expected.format) {
    case "envelope":
      return { data: null, error: errorObject };
    case "error-object":
      return { error: errorObject };
    default:
      return errorObject;
  }
}

for (const { module, expected: expectedPath } of cases) {
  test(`${module} keeps every code's values`, async () => {
    const errors = await import(pathToFileURL(module).href);
    const expected = JSON.parse(readFileSync(expectedPath, "utf8"));
    assert.equal(errors.FORMAT, expected.format);
    assert.deepEqual(Object.values(errors.ErrorCode), expected.errors.map((e) => e.code));
    for (const e of expected.errors) {
      const docUrl = e.doc_url ?? undefined;
      assert.deepEqual(errors.ERROR_INFO[e.code], {
        status: e.status,
        retryable: e.retryable,
        message: e.message,
        summary: e.summary,
        docUrl,
        fields: e.fields.map((f) => f.name),
        messageIsTemplate: e.templated,
      });
      assert.equal(errors.parseError(body(expected, { code: e.code }), 400).docUrl, docUrl);
      assert.equal(errors.parseError(body(expected, { code: "NO SUCH CODE" }), 400).docUrl, undefined);
      const unknown = new errors.ApiError("NO SUCH CODE", "m").toResponse();
      assert.deepEqual([unknown.status, unknown.headers.get("retry-after")], [errors.UNKNOWN_CODE_STATUS, null]);
      const error = errors.parseError(body(expected, received(expected, e)));
      assert.notEqual(error.constructor, errors.ApiError, `${e.code} has its own class`);
      assert.ok(error instanceof errors.ApiError);
      assert.equal(String(error), `${e.code}: ${e.default_message}`);
      assert.equal(errors.parseError(JSON.stringify(body(expected, received(expected, e, e.message)))).message, e.message);
      assert.deepEqual(new errors.ApiError(e.code).toJSON(), sent(expected, e, e.default_message));
      const response = new errors.ApiError(e.code, undefined, { retryAfter: 1.5 }).toResponse();
      assert.ok(response instanceof Response);
      assert.equal(response.status, e.status);
      assert.equal(response.headers.get("content-type"), expected.format === "problem" ? "application/problem+json" : "application/json");
      assert.equal(response.headers.get("retry-after"), "2");
      const text = await response.text();
      assert.deepEqual(JSON.parse(text), body(expected, sent(expected, e, e.default_message)));
      const again = errors.parseError(text, response.status, "2");
      assert.deepEqual([again.constructor, again.code, again.message, again.retryAfter], [error.constructor, e.code, e.default_message, 2]);
    }
    const retry = expected.retry;
    assert.deepEqual(errors.DEFAULT_RETRY_POLICY, {
      maxRetries: retry.max_retries,
      initialDelayMs: retry.initial_delay_ms,
      multiplier: retry.multiplier,
      maxDelayMs: retry.max_delay_ms,
      jitter: retry.full_jitter ? "full" : "none",
    });
  });
}

/** A message template filled as every generated language fills it. */
function fill(template, values) {
  return template.replace(/\{\{|\}\}|\{([A-Za-z0-9_]+)\}/g, (match, name) => {
    if (name === undefined) {
      return match.charAt(0);
    }
    const value = values[name];
    if (value === undefined || value === null) {
      return match;
    }
    return typeof value === "string" ? value : JSON.stringify(value);
  });
}

for (const { module, expected: expectedPath } of cases) {
  test(`${module} reads, keeps and builds every field`, async () => {
    const errors = await import(pathToFileURL(module).href);
    const expected = JSON.parse(readFileSync(expectedPath, "utf8"));
    for (const e of expected.errors) {
      const full = received(expected, e, "m");
      for (const f of e.fields) {
        full[f.name] = f.value;
      }
      full.zz_extra = [1, "x"];
      const error = errors.parseError(JSON.stringify(body(expected, full)));
      assert.deepEqual(error.toJSON(), full);
      assert.deepEqual({ ...error.extra }, { zz_extra: [1, "x"] });
      for (const f of e.fields) {
        assert.deepEqual(error[f.typescript], f.value, f.name);
      }
      const wrong = received(expected, e, "m");
      for (const f of e.fields) {
        wrong[f.name] = f.wrong;
      }
      const wrongError = errors.parseError(body(expected, wrong));
      assert.deepEqual(wrongError.toJSON(), wrong);
      assert.deepEqual({ ...wrongError.extra }, {});
      for (const f of e.fields) {
        assert.equal(wrongError[f.typescript], undefined, f.name);
      }
      if (e.fields.length === 0 && !e.templated) {
        continue;
      }
      const required = {};
      for (const f of e.fields.filter((f) => f.required)) {
        required[f.name] = f.value;
      }
      const built = e.fields.length > 0 ? new error.constructor(required) : new error.constructor();
      const template = e.templated ? e.message : e.message.replaceAll("{", "{{").replaceAll("}", "}}");
      assert.equal(built.message, fill(template, required));
      assert.deepEqual(built.toJSON(), { ...sent(expected, e, built.message), ...required });
      assert.equal(built.name, error.name);
    }
  });
}
