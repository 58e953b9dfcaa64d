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
      assert.deepEqual(errors.ERROR_INFO[e.code], { status: e.status, retryable: e.retryable, message: e.message, docUrl });
      assert.equal(errors.parseError({ error: { code: e.code } }, 400).docUrl, docUrl);
      assert.equal(errors.parseError({ error: { code: "NO SUCH CODE" } }, 400).docUrl, undefined);
      const error = errors.parseError({ data: null, error: { code: e.code } });
      assert.notEqual(error.constructor, errors.ApiError, `${e.code} has its own class`);
      assert.ok(error instanceof errors.ApiError);
      assert.equal(String(error), `${e.code}: ${e.message}`);
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
