// Every generated module keeps its spec's codes, statuses, retryability and
// messages exactly. ERRSPEC_TS_CASES is a JSON list of {"module", "expected"}:
// a compiled errors.js, and a JSON file the Rust test wrote from its own data.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const cases = JSON.parse(process.env.ERRSPEC_TS_CASES ?? "[]");

for (const { module, expected: expectedPath } of cases) {
  test(`${module} keeps every code's values`, async () => {
    const errors = await import(pathToFileURL(module).href);
    const expected = JSON.parse(readFileSync(expectedPath, "utf8"));
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
      assert.equal(errors.parseError({ error: { code: e.code } }, 400).docUrl, docUrl);
      assert.equal(errors.parseError({ error: { code: "NO SUCH CODE" } }, 400).docUrl, undefined);
      const error = errors.parseError({ data: null, error: { code: e.code } });
      assert.notEqual(error.constructor, errors.ApiError, `${e.code} has its own class`);
      assert.ok(error instanceof errors.ApiError);
      assert.equal(String(error), `${e.code}: ${e.default_message}`);
      assert.equal(errors.parseError(JSON.stringify({ error: { code: e.code, message: e.message } })).message, e.message);
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
      const sent = { code: e.code, message: "m" };
      for (const f of e.fields) {
        sent[f.name] = f.value;
      }
      sent.zz_extra = [1, "x"];
      const error = errors.parseError(JSON.stringify({ data: null, error: sent }));
      assert.deepEqual(error.toJSON(), sent);
      assert.deepEqual({ ...error.extra }, { zz_extra: [1, "x"] });
      for (const f of e.fields) {
        assert.deepEqual(error[f.typescript], f.value, f.name);
      }
      const wrong = { code: e.code, message: "m" };
      for (const f of e.fields) {
        wrong[f.name] = f.wrong;
      }
      const wrongError = errors.parseError({ error: wrong });
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
      assert.deepEqual(built.toJSON(), { code: e.code, message: built.message, ...required });
      assert.equal(built.name, error.name);
    }
  });
}
