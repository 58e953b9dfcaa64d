// A small program using the seed spec's npm package as its users would, from
// the packed tarball installed in a fresh project. tests/generated_typescript.rs
// compiles it with `moduleResolution` `nodenext` and `bundler` and runs both.

import {
  ApiError,
  DEFAULT_RETRY_POLICY,
  ERROR_INFO,
  ErrorCode,
  MalformedResponseError,
  RateLimitedError,
  isErrorCode,
  parseError,
  raiseForError,
  withRetry,
} from "nanobanana-api-errors";

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`consumer: ${what}`);
  }
}

const limited = parseError(JSON.stringify({ data: null, error: { code: "RATE_LIMITED" } }), 429, "2");
check(limited instanceof RateLimitedError, "a known code gives its class");
if (limited instanceof ApiError) {
  const code: string = limited.code;
  check(code === ErrorCode.RATE_LIMITED && limited.retryAfter === 2, "code and wait");
}
check(isErrorCode("NOT_FOUND") && !isErrorCode("NOPE"), "isErrorCode");
check(ERROR_INFO[ErrorCode.NOT_FOUND].status === 404, "ERROR_INFO");
check(parseError("<html>", 502) instanceof MalformedResponseError, "malformed bodies");

// fetch and its AbortSignal with no signal option: the parameter fits fetch's.
const url = `data:application/json,${encodeURIComponent(JSON.stringify({ data: [1, 2], error: null }))}`;
const data = await withRetry(async (signal) => {
  const response = await fetch(url, { signal });
  return raiseForError(await response.text(), response.status, response.headers.get("Retry-After"));
});
check(JSON.stringify(data) === "[1,2]", "withRetry returns the data");

const controller = new AbortController();
let calls = 0;
const again = await withRetry(
  async (signal) => {
    calls += 1;
    const response = await fetch(url, { signal });
    if (calls === 1) {
      throw parseError({ data: null, error: { code: "INTERNAL_ERROR" } }, 500);
    }
    return raiseForError(await response.json(), response.status);
  },
  { signal: controller.signal, sleep: async () => {}, policy: DEFAULT_RETRY_POLICY },
);
check(calls === 2 && JSON.stringify(again) === "[1,2]", "a retryable error is retried");
console.log("consumer: ok");
