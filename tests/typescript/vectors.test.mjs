// The shared conformance vectors (tests/vectors) through the generated
// TypeScript, which must answer exactly as the Rust and Python modules do.
// ERRSPEC_TS_SEED names the repo spec's modules, as in seed.test.mjs;
// ERRSPEC_VECTORS is the vectors' folder when this file runs from a copy.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const folder = process.env.ERRSPEC_VECTORS ?? fileURLToPath(new URL("../vectors", import.meta.url));
const vectors = (name) => JSON.parse(readFileSync(`${folder}/${name}`, "utf8"));

// A vector's body: a string, or {"parts": [...]} of strings and {"repeat", "times"}.
const body = (spec) =>
  typeof spec === "string" ? spec : spec.parts.map((part) => (typeof part === "string" ? part : part.repeat.repeat(part.times))).join("");

for (const [label, module] of JSON.parse(process.env.ERRSPEC_TS_SEED ?? "[]")) {
  const errors = await import(module.startsWith("/") ? pathToFileURL(module).href : module);

  test(`${label}: every response vector`, () => {
    for (const vector of vectors("responses.json")) {
      const error = errors.parseError(body(vector.body), vector.status ?? undefined);
      const expected = vector.expect.error;
      if (expected === null) {
        assert.equal(error, null, vector.name);
        continue;
      }
      assert.ok(error instanceof errors.ApiError, vector.name);
      assert.equal(error.code, expected.code, vector.name);
      assert.equal(errors.isErrorCode(error.code), expected.known, vector.name);
      assert.deepEqual([error.status ?? null, error.retryable], [expected.status, expected.retryable], vector.name);
      if ("message" in expected) {
        assert.equal(error.message, expected.message, vector.name);
      }
    }
  });

  test(`${label}: every retry vector`, () => {
    for (const vector of vectors("retries.json")) {
      const p = vector.policy;
      const policy = { maxRetries: p.max_retries, initialDelayMs: p.initial_delay_ms, multiplier: p.multiplier, maxDelayMs: p.max_delay_ms, jitter: p.jitter };
      const error = errors.parseError({ error: { code: "RATE_LIMITED" } }, 429, vector.retry_after);
      const random = vector.random ?? 1;
      const waits = Array.from({ length: policy.maxRetries }, (_, n) => errors.retryWaitMs(policy, n, error, () => random));
      assert.equal(waits.length, vector.expect_waits_ms.length, vector.name);
      waits.forEach((wait, n) => assert.ok(Math.abs(wait - vector.expect_waits_ms[n]) < 1e-6, `${vector.name}: ${waits}`));
    }
  });
}

// The vector sets with a spec of their own (wire formats, integer codes, typed
// fields, extra members and templates): ERRSPEC_TS_VECTOR_SETS is a JSON list
// of [set, label, module], tests/vectors/<set>/responses.json running through
// the module generated from tests/vectors/<set>/spec.yaml.
for (const [set, label, module] of JSON.parse(process.env.ERRSPEC_TS_VECTOR_SETS ?? "[]")) {
  const errors = await import(module.startsWith("/") ? pathToFileURL(module).href : module);

  test(`${label}: every ${set} vector`, () => {
    for (const vector of vectors(`${set}/responses.json`)) {
      const error = errors.parseError(body(vector.body), vector.status ?? undefined);
      const expected = vector.expect.error;
      if (expected === null) {
        assert.equal(error, null, vector.name);
        if ("data" in vector.expect) {
          assert.deepEqual(errors.raiseForError(body(vector.body), vector.status ?? undefined), vector.expect.data, vector.name);
        }
        continue;
      }
      assert.ok(error instanceof errors.ApiError, vector.name);
      assert.equal(error.code, expected.code, vector.name);
      assert.equal(errors.isErrorCode(error.code), expected.known, vector.name);
      assert.deepEqual([error.status ?? null, error.retryable, error.message], [expected.status, expected.retryable, expected.message], vector.name);
      if ("fields" in expected) {
        const fields = {};
        for (const name of Object.keys(expected.fields)) {
          fields[name] = error[name] ?? null;
        }
        assert.deepEqual(fields, expected.fields, vector.name);
      }
      if ("extra" in expected) {
        assert.deepEqual({ ...error.extra }, expected.extra, vector.name);
      }
      if ("members" in expected) {
        assert.deepEqual({ ...error.members }, expected.members, vector.name);
      }
      if ("object" in expected) {
        assert.deepEqual(error.toJSON(), expected.object, vector.name);
      }
    }
  });
}
