// The static part of the generated `typescript/errors.ts`: ordinary TypeScript that
// `tsc --strict` checks as it is.
//
// `errors.ts.jinja` writes what the spec controls and pulls this file in by parts: a
// line `// errspec: NAME` starts the part the template writes as `runtime.NAME`, and a
// line `// errspec: template` starts lines the template writes itself (here a one-code
// spec stands in for them, so this file compiles and runs alone). This header is not
// copied.

// errspec: globals
// The timer globals this module uses, declared here so it type-checks
// whatever `lib` and `types` a project compiles with.
declare function setTimeout(callback: () => void, ms: number): unknown;
declare function clearTimeout(timer: unknown): void;

/** What {@link ApiError.toResponse} needs of the platform's fetch `Response`. */
export interface ResponseLike {
  readonly status: number;
  readonly headers: unknown;
  text(): Promise<string>;
}

/** An HTTP response carrying an error: see {@link ApiError.toHttpResponse}. */
export interface HttpResponse {
  /** The HTTP status. */
  readonly status: number;
  /** `Content-Type`, and `Retry-After` when the error carries a wait. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body: the error in the wire format, as JSON. */
  readonly body: string;
}

/**
 * The platform's fetch `Response` type where its types have one (the DOM lib,
 * `@types/node`, Deno, Bun, workers), else {@link ResponseLike}.
 */
export type FetchResponse = typeof globalThis extends { Response: { prototype: infer R } } ? R : ResponseLike;

declare const Response: new (
  body: string,
  init: { status: number; headers: Record<string, string> },
) => FetchResponse;

/** What {@link withRetry} needs of an `AbortSignal`; a real one fits. */
export interface AbortSignalLike {
  readonly aborted: boolean;
  readonly reason?: unknown;
  addEventListener(type: "abort", listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

// errspec: template
/** The error codes this API defines. */
export const ErrorCode = {
  /** The one code of this stand-in spec. */
  EXAMPLE: "EXAMPLE",
} as const;

// errspec: code_info
/** An error code this API defines. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

// errspec: template
/** An error code as received: an {@link ErrorCode}, or a code this module does not know, kept as sent. */
export type AnyErrorCode = ErrorCode | (string & {});

/** How this API's errors travel on the wire, as its spec names the format: `envelope`, `error-object` or `problem`. */
export const FORMAT: string = "envelope";

/** Whether this API's codes are integers on the wire (else strings). */
const INTEGER_CODES: boolean = false;

/** The start of every code's problem `type` URI: the code follows it. */
export const PROBLEM_BASE: string = "https://errors.example.com/";

// errspec: error_info

/** What the spec says of one code. */
export interface ErrorInfo {
  /** The HTTP status the code is sent with. */
  readonly status: number;
  /** Whether a client may retry the request that failed with it. */
  readonly retryable: boolean;
  /** The default human-readable message. */
  readonly message: string;
  /**
   * What the code means, in one line (a problem document's `title`): the
   * spec's `title`, else its message unless that is a template, else its name.
   */
  readonly summary: string;
  /** Where the code is documented, if the spec says (its `docs_url`). */
  readonly docUrl: string | undefined;
  /** The wire names of the fields an error of this code may carry. */
  readonly fields: readonly string[];
  /** Whether `message` is a template: `{name}` stands for a field's value, `{{` and `}}` for braces. */
  readonly messageIsTemplate: boolean;
}

// errspec: template
export const ERROR_INFO: { readonly [Code in ErrorCode]: ErrorInfo } = {
  EXAMPLE: {
    status: 400,
    retryable: false,
    message: "An example.",
    summary: "An example.",
    docUrl: undefined,
    fields: [],
    messageIsTemplate: false,
  },
};

const SHARED_FIELDS: readonly string[] = [];

// errspec: errors
/**
 * The HTTP status of an error whose code this module does not know (a server
 * forwarding an upstream error, say): 502 Bad Gateway.
 */
export const UNKNOWN_CODE_STATUS = 502;

/** The code of a {@link MalformedResponseError}; no spec code can take it. */
export const MALFORMED_RESPONSE = "_MALFORMED_RESPONSE";

const TRANSIENT_STATUSES: readonly number[] = [429, 502, 503, 504];

/** The deepest nesting of arrays and objects a body may have, as in serde_json. */
const MAX_DEPTH = 127;

/** A UTF-16 surrogate without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether `value` is JSON as every generated language reads it: arrays and
 * objects at most 127 levels deep, finite numbers, and strings without
 * unpaired surrogates (serde_json's limits, applied by all three).
 */
function readable(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [item, depth] = top;
    if (typeof item === "object" && item !== null) {
      if (depth > MAX_DEPTH) {
        return false;
      }
      for (const [key, child] of Object.entries(item)) {
        if (!Array.isArray(item) && LONE_SURROGATE.test(key)) {
          return false;
        }
        stack.push([child, depth + 1]);
      }
    } else if ((typeof item === "number" && !Number.isFinite(item)) || (typeof item === "string" && LONE_SURROGATE.test(item))) {
      return false;
    }
  }
  return true;
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Whether `value` is a code this module knows (never true for `__proto__` and the like). */
export function isErrorCode(value: unknown): value is ErrorCode {
  const type = INTEGER_CODES ? "number" : "string";
  return typeof value === type && hasOwn(ERROR_INFO, String(value));
}

/**
 * `value` as a code of this API's type: a non-empty string, or an integer
 * from 0 to 2^53 - 1. A string is never an integer code: `"10001"` is not
 * `10001`.
 */
function wireCode(value: unknown): string | number | undefined {
  if (INTEGER_CODES) {
    const integer = typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
    return integer ? Math.abs(value) : undefined;
  }
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * Whether to retry a request that failed with `code`: a known code follows
 * the spec; an unknown one is retried only when the HTTP `status` says the
 * failure is transient (429, 502, 503 or 504).
 */
export function isRetryable(code: AnyErrorCode, status?: number): boolean {
  // Narrowed as `unknown`: narrowing the union of every code makes tsc
  // filter each one, seconds for a spec of 10,000 codes.
  const value: unknown = code;
  if (isErrorCode(value)) {
    return ERROR_INFO[value].retryable;
  }
  return status !== undefined && TRANSIENT_STATUSES.includes(status);
}

/**
 * The response's HTTP status, the wait its `Retry-After` asked for (in
 * seconds), and the error's members beside `code` and `message`.
 */
export interface ApiErrorOptions {
  readonly status?: number | undefined;
  readonly retryAfter?: number | undefined;
  readonly members?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * `members` as an object without a prototype, less those the wire format
 * reads into an error's own properties (`code`, and `message` or `detail`).
 */
function ownMembers(members: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of Object.entries(members ?? {})) {
    if (!wireFormat.taken.includes(name)) {
      copy[name] = value;
    }
  }
  return copy;
}

/**
 * `template` with each `{name}` whose member is present and not null replaced
 * by its value (see {@link valueText}), and `{{` and `}}` made braces. A
 * placeholder without a value stays as written.
 */
function fillTemplate(template: string, members: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{\{|\}\}|\{([A-Za-z0-9_]+)\}/g, (match, name: string | undefined) => {
    if (name === undefined) {
      return match.charAt(0);
    }
    const value = hasOwn(members, name) ? members[name] : undefined;
    if (value === undefined || value === null) {
      return match;
    }
    return typeof value === "string" ? value : valueText(value);
  });
}

/** `a` before `b` by Unicode code points, as Rust and Python order strings. */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return x.length - y.length;
}

/**
 * A value as a message shows it, the same in every generated language:
 * compact JSON with object members sorted by name and numbers as `String(x)`
 * writes them.
 */
function valueText(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${(value as unknown[]).map(valueText).join(",")}]`;
  }
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const names = Object.keys(record).sort(byCodePoint);
    return `{${names.map((name) => `${JSON.stringify(name)}:${valueText(record[name])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * An error response: its code, message, HTTP status and whether to retry.
 * Catch a code's subclass (`instanceof RateLimitedError`) or this class for all.
 */
export class ApiError extends Error {
  /** The `name` of this class's errors (kept through minifiers, unlike the class's own name). */
  static readonly errorName: string = "ApiError";

  /** The code: an {@link ErrorCode}, or the code as received when this module does not know it. */
  readonly code: AnyErrorCode;
  /** The response's HTTP status, by default a known code's. */
  readonly status: number | undefined;
  /** Whether a client may retry the request; see {@link isRetryable}. */
  readonly retryable: boolean;
  /** The wait the server asked for with `Retry-After`, in seconds. */
  readonly retryAfter: number | undefined;
  /** Where a known code is documented, if the spec says. */
  readonly docUrl: string | undefined;
  /** Every member beside `code` and the message (`message`, or a problem's `detail`), declared or not, as received. */
  readonly members: Readonly<Record<string, unknown>>;

  /**
   * An error with `code`; `message` defaults to a known code's default
   * message, its placeholders filled from `options.members`.
   */
  constructor(code: AnyErrorCode, message?: string, options: ApiErrorOptions = {}) {
    // Narrowed as `unknown`, as in `isRetryable`.
    const value: unknown = code;
    const known = isErrorCode(value) ? ERROR_INFO[value] : undefined;
    const members = ownMembers(options.members);
    const fallback = known?.messageIsTemplate ? fillTemplate(known.message, members) : known?.message;
    super(message ?? fallback ?? "");
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = new.target.errorName;
    this.code = code;
    this.status = options.status ?? known?.status;
    this.retryable = isRetryable(code, options.status);
    this.retryAfter = options.retryAfter;
    this.docUrl = known?.docUrl;
    this.members = members;
  }

  /**
   * The members the spec does not declare for this error's code (nor the wire
   * format: a problem document's `type`, `title`, `status`, `detail` and `instance`).
   */
  get extra(): Readonly<Record<string, unknown>> {
    // Narrowed as `unknown`: narrowing `this.code` would make tsc filter
    // each code of the union, seconds for a spec of 10,000 codes.
    const code: unknown = this.code;
    const declared = isErrorCode(code) ? ERROR_INFO[code].fields : SHARED_FIELDS;
    const extra: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const [name, value] of Object.entries(this.members)) {
      if (!declared.includes(name) && !wireFormat.members.includes(name)) {
        extra[name] = value;
      }
    }
    return extra;
  }

  /** `CODE: message`. */
  override toString(): string {
    return `${this.code}: ${this.message}`;
  }

  /**
   * The error object as the wire format has it (`code`, `message` and every
   * other member; a problem document's members), other members as received.
   */
  toJSON(): Record<string, unknown> {
    const written = wireFormat.write(this);
    const others = Object.entries(this.members).filter(([name]) => !hasOwn(written, name));
    return { ...written, ...Object.fromEntries(others) };
  }

  /**
   * The HTTP status this error is sent with: `status`; else a problem
   * document's `status` member when it is an error status; else
   * {@link UNKNOWN_CODE_STATUS}.
   */
  httpStatus(): number {
    const sent = wireFormat.members.includes("status") ? problemStatus(member(this.members, "status")) : undefined;
    return this.status ?? sent ?? UNKNOWN_CODE_STATUS;
  }

  /**
   * The fetch `Response` that sends this error, which Hono, Deno, Bun,
   * Cloudflare Workers and Next.js route handlers return as it is: its
   * {@link httpStatus}, a `Content-Type` (`application/problem+json` for the
   * problem format, else `application/json`), `Retry-After` in whole seconds
   * (rounded up) when the error carries a wait, and the body in the wire format.
   */
  toResponse(): FetchResponse {
    const response = this.toHttpResponse();
    return new Response(response.body, { status: response.status, headers: { ...response.headers } });
  }

  /** What {@link toResponse} sends, for servers without fetch `Response`s (Node's `http`). */
  toHttpResponse(): HttpResponse {
    const headers: Record<string, string> = { "Content-Type": wireFormat.mediaType };
    if (this.retryAfter !== undefined && Number.isFinite(this.retryAfter)) {
      headers["Retry-After"] = String(Math.max(0, Math.ceil(this.retryAfter)));
    }
    return { status: this.httpStatus(), headers, body: JSON.stringify(wireFormat.body(this.toJSON())) };
  }
}

/** A problem document's `status`, if it is an error status. */
function problemStatus(value: unknown): number | undefined {
  return typeof value === "number" && Number.isInteger(value) && value >= 400 && value <= 599 ? value : undefined;
}

/** The member `name` of `error` if `read` reads it. */
function readField<T>(error: ApiError, name: string, read: (value: unknown) => T | undefined): T | undefined {
  return hasOwn(error.members, name) ? read(error.members[name]) : undefined;
}

/** The member `name` of `error` if it is a list whose every element `read` reads. */
function readFieldList<T>(
  error: ApiError,
  name: string,
  read: (value: unknown) => T | undefined,
): T[] | undefined {
  const value = hasOwn(error.members, name) ? error.members[name] : undefined;
  if (!Array.isArray(value)) {
    return undefined;
  }
  const items: T[] = [];
  for (const element of value as unknown[]) {
    const item = read(element);
    if (item === undefined) {
      return undefined;
    }
    items.push(item);
  }
  return items;
}

function asString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A number without a fraction within 2^53 - 1 of zero. */
function asInteger(value: unknown): number | undefined {
  return typeof value === "number" && Number.isSafeInteger(value) ? value : undefined;
}

function asNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function asBoolean(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

function asJson(value: unknown): unknown {
  return value === null ? undefined : value;
}

/**
 * `options` with `fields` (those given) added to its members. A class with
 * fields takes them first: `new X("message")` from JavaScript, where types do
 * not catch it, is a mistake made loud.
 */
function withFields(options: ApiErrorOptions, fields: object): ApiErrorOptions {
  if (typeof fields !== "object" || fields === null || Array.isArray(fields)) {
    throw new TypeError("an error class with fields takes an object of its fields first: new X({ ... }, message?)");
  }
  const members: Record<string, unknown> = { ...options.members };
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null) {
      members[name] = value;
    }
  }
  return { ...options, members };
}

/** Defines `property` on every `ApiError` as the shared field `name`. */
function defineField(property: string, name: string, read: (value: unknown) => unknown, list: boolean): void {
  Object.defineProperty(ApiError.prototype, property, {
    get(this: ApiError): unknown {
      return list ? readFieldList(this, name, read) : readField(this, name, read);
    },
    configurable: true,
  });
}

/**
 * A response whose body is no error of this API's wire format: HTML from a
 * proxy, text that is not JSON, an array, an `error` that is not an object, a
 * missing `code`, or an error status with no error. Its code is
 * {@link MALFORMED_RESPONSE}; it is retryable when the status is transient.
 */
export class MalformedResponseError extends ApiError {
  static override readonly errorName: string = "MalformedResponseError";

  constructor(message: string, options: ApiErrorOptions = {}) {
    super(MALFORMED_RESPONSE, message, options);
  }
}

// errspec: template
/** The fields of an {@link ExampleError}. */
export interface ExampleErrorFields {
  readonly detailed?: string | undefined;
}

export class ExampleError extends ApiError {
  static override readonly errorName: string = "ExampleError";

  constructor(fields: ExampleErrorFields = {}, message?: string, options: ApiErrorOptions = {}) {
    super(ErrorCode.EXAMPLE, message, withFields(options, fields));
  }

  /** A stand-in field. */
  get detailed(): string | undefined {
    return readField(this, "detailed", asString);
  }
}

defineField("shared", "shared", asString, false);

const ERROR_CLASSES: { readonly [Code in ErrorCode]: new (...args: never[]) => ApiError } = {
  EXAMPLE: ExampleError,
};

// errspec: parsing
function kind(value: unknown): string {
  if (value === null || value === undefined) {
    return "null";
  }
  if (Array.isArray(value)) {
    return "a list";
  }
  switch (typeof value) {
    case "boolean":
      return "a boolean";
    case "number":
    case "bigint":
      return "a number";
    case "string":
      return "a string";
    default:
      return "an object";
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** An HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`) in milliseconds since 1970. */
function httpDate(text: string): number | undefined {
  const parts = text.split(/\s+/);
  const [, day = "", month = "", year = "", time = "", zone] = parts;
  const clock = time.split(":");
  const numbers = [day, year, ...clock];
  const digits = numbers.every((n) => /^[0-9]+$/.test(n)) && year.length === 4;
  if (parts.length !== 6 || zone !== "GMT" || clock.length !== 3 || !digits) {
    return undefined;
  }
  const [d = 0, y = 0, hours = 0, minutes = 0, seconds = 0] = numbers.map(Number);
  const m = MONTHS.indexOf(month);
  if (m < 0 || d < 1 || d > 31 || hours > 23 || minutes > 59 || seconds > 60) {
    return undefined;
  }
  return Date.UTC(y, m, d, hours, minutes, seconds);
}

/** A `Retry-After` value (whole seconds, or an HTTP date) as seconds from now. */
function seconds(retryAfter: string | number | null | undefined): number | undefined {
  if (retryAfter === null || retryAfter === undefined) {
    return undefined;
  }
  let value: number;
  if (typeof retryAfter === "number") {
    value = retryAfter;
  } else {
    const text = retryAfter.trim();
    if (/^[0-9]+$/.test(text)) {
      value = Number(text);
    } else {
      const when = httpDate(text);
      value = when === undefined ? NaN : (when - Date.now()) / 1000;
    }
  }
  return Number.isFinite(value) ? Math.max(0, value) : undefined;
}

function parse(
  body: unknown,
  status: number | undefined,
  retryAfter: string | number | null | undefined,
): [ApiError | null, unknown] {
  const options: ApiErrorOptions = { status, retryAfter: seconds(retryAfter) };
  let value: unknown = body;
  let problem: string | undefined;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      problem = "the response body is not JSON";
    }
  }
  if (problem === undefined && !readable(value)) {
    problem = "the response body is not JSON";
  }
  const outcome = wireFormat.read(value, problem, status);
  if (typeof outcome === "string") {
    return [new MalformedResponseError(outcome, options), undefined];
  }
  if (outcome.kind === "data") {
    return [null, outcome.data];
  }
  const received: ApiErrorOptions = { ...options, members: outcome.members };
  const code: unknown = outcome.code;
  if (isErrorCode(code)) {
    // Made without the class's own constructor, which asks for its required fields.
    const error: unknown = Reflect.construct(ApiError, [code, outcome.message, received], ERROR_CLASSES[code]);
    return [error as ApiError, undefined];
  }
  // A number only when this API's codes are integers, and so among its `AnyErrorCode`s.
  return [new ApiError(outcome.code as AnyErrorCode, outcome.message ?? "", received), undefined];
}

/** What a response that carries no error holds. */
interface Data {
  readonly kind: "data";
  readonly data: unknown;
}

/** What a response's error says: its code, message and other members. */
interface Received {
  readonly kind: "error";
  readonly code: string | number;
  readonly message: string | undefined;
  readonly members: Readonly<Record<string, unknown>>;
}

/** How a wire format reads response bodies and writes errors. */
interface WireFormat {
  /** Members the format gives meaning to, beside `code` and the message. */
  readonly members: readonly string[];
  /** Members read into an error's own properties, not kept among its members. */
  readonly taken: readonly string[];
  /** The `Content-Type` of an error response. */
  readonly mediaType: string;
  /** An error response's body carrying the error object `error`. */
  body(error: Record<string, unknown>): unknown;
  /**
   * What the decoded body `value` (`problem` says why it is not JSON)
   * holds: an error, data, or what is wrong with it.
   */
  read(value: unknown, problem: string | undefined, status: number | undefined): Received | Data | string;
  /** The members the format writes from an error's own properties. */
  write(error: ApiError): Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The member `name` of `object`, if it has its own. */
function member(object: Readonly<Record<string, unknown>>, name: string): unknown {
  return hasOwn(object, name) ? object[name] : undefined;
}

function notAnObject(value: unknown): string {
  return `the response body is ${kind(value)}, not a JSON object`;
}

/**
 * The error a response carries, or `null` when it carries none. `body` is the
 * decoded JSON or its text; `status` the HTTP status; `retryAfter` the
 * `Retry-After` header. The body is read in this API's wire format
 * ({@link FORMAT}). A known code gives its subclass, an unknown code a plain
 * {@link ApiError} keeping the code as received, and a body that is no error
 * of the format a {@link MalformedResponseError}. Never throws.
 */
export function parseError(
  body: unknown,
  status?: number,
  retryAfter?: string | number | null,
): ApiError | null {
  return parse(body, status, retryAfter)[0];
}

/**
 * The response's data (with the envelope format, its `data`; else the body
 * itself); throws the error it carries instead, if any.
 */
export function raiseForError(
  body: unknown,
  status?: number,
  retryAfter?: string | number | null,
): unknown {
  const [error, data] = parse(body, status, retryAfter);
  if (error !== null) {
    throw error;
  }
  return data;
}

/** How to retry retryable errors: exponential backoff, capped. */
export interface RetryPolicy {
  /** Retries after the first try, so at most `maxRetries + 1` tries. */
  readonly maxRetries: number;
  /** The delay before the first retry, in milliseconds. */
  readonly initialDelayMs: number;
  /** Each further delay is the previous one times this (at least 1). */
  readonly multiplier: number;
  /** The cap on any one delay, in milliseconds. */
  readonly maxDelayMs: number;
  /** `none`: wait exactly the delay; `full`: a random time up to it. */
  readonly jitter: "none" | "full";
}

// errspec: template
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  initialDelayMs: 1000,
  multiplier: 2.0,
  maxDelayMs: 30000,
  jitter: "none",
};

// errspec: retrying
/**
 * The delay before retry number `retry + 1` (`0` is the first retry) in whole
 * milliseconds, before jitter.
 */
export function retryDelayMs(policy: RetryPolicy, retry: number): number {
  const cap = policy.maxDelayMs;
  let delay = Math.min(policy.initialDelayMs, cap);
  for (let n = 0; n < retry; n += 1) {
    if (delay >= cap || policy.multiplier <= 1) {
      break;
    }
    delay = Math.min(delay * policy.multiplier, cap);
  }
  return Math.floor(delay);
}

/**
 * How long to wait, in milliseconds, before retry number `retry + 1` after
 * `error`: its `retryAfter` if the server sent one, else the policy's delay
 * (with jitter from `random`); never longer than `maxDelayMs`.
 */
export function retryWaitMs(
  policy: RetryPolicy,
  retry: number,
  error: ApiError,
  random: () => number = Math.random,
): number {
  if (error.retryAfter !== undefined) {
    return Math.min(error.retryAfter * 1000, policy.maxDelayMs);
  }
  const delay = retryDelayMs(policy, retry);
  return policy.jitter === "full" ? delay * Math.min(Math.max(random(), 0), 1) : delay;
}

/** How {@link withRetry} retries; `S` is the type of `signal`. */
export interface RetryOptions<S extends AbortSignalLike = AbortSignalLike> {
  /** The policy; {@link DEFAULT_RETRY_POLICY} by default. */
  readonly policy?: RetryPolicy | undefined;
  /** Waits `ms` milliseconds; a timer by default. */
  readonly sleep?: ((ms: number, signal?: AbortSignalLike) => Promise<unknown>) | undefined;
  /** Stops retrying, and any wait, at once when it fires. */
  readonly signal?: S | undefined;
  /** A random number in `[0, 1)` for jitter; `Math.random` by default. */
  readonly random?: (() => number) | undefined;
}

function aborted(signal: AbortSignalLike): unknown {
  return signal.reason ?? new Error("The operation was aborted.");
}

/** `promise`, or a rejection with the abort reason as soon as `signal` fires. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignalLike | undefined): Promise<T> {
  if (signal === undefined) {
    return promise;
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(aborted(signal));
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function sleepFor(ms: number, signal?: AbortSignalLike): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => clearTimeout(timer), { once: true });
  });
}

/**
 * `fn()`, called again after each retryable {@link ApiError} it throws,
 * waiting as the policy says, up to `maxRetries` times. Other errors, and the
 * last retryable one, are thrown as they are; there is no wait after the last
 * try. With no `signal` option, `fn` gets no signal (its parameter is
 * `undefined`), so `(signal) => fetch(url, { signal })` fits either way.
 */
export function withRetry<T>(
  fn: (signal?: undefined) => Promise<T>,
  options?: RetryOptions<never>,
): Promise<T>;
/**
 * {@link withRetry} with a `signal`: `fn` gets it, and when it fires the call
 * or wait under way is abandoned and the promise rejects with its reason.
 */
export function withRetry<T, S extends AbortSignalLike>(
  fn: (signal: S) => Promise<T>,
  options: RetryOptions<S> & { readonly signal: S },
): Promise<T>;
/** {@link withRetry} with options whose `signal` may be absent. */
export function withRetry<T, S extends AbortSignalLike>(
  fn: (signal?: S) => Promise<T>,
  options?: RetryOptions<S>,
): Promise<T>;
export async function withRetry<T, S extends AbortSignalLike>(
  fn: (signal?: S) => Promise<T>,
  options: RetryOptions<S> = {},
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? sleepFor;
  const signal = options.signal;
  for (let retry = 0; ; retry += 1) {
    if (signal?.aborted) {
      throw aborted(signal);
    }
    try {
      return await untilAborted(fn(signal), signal);
    } catch (error) {
      const again = error instanceof ApiError && error.retryable && retry < policy.maxRetries;
      if (!again || signal?.aborted) {
        throw error;
      }
      await untilAborted(sleep(retryWaitMs(policy, retry, error, options.random), signal), signal);
    }
  }
}

// errspec: message_object
/** What an error object of `code`, `message` and other members says, or what is wrong with it. */
function readMessageObject(error: Readonly<Record<string, unknown>>): Received | string {
  const code = wireCode(member(error, "code"));
  if (code === undefined) {
    return INTEGER_CODES
      ? "`error.code` is missing or not an integer from 0 to 2^53 - 1"
      : "`error.code` is missing or not a non-empty string";
  }
  const message = member(error, "message");
  return {
    kind: "error",
    code,
    message: typeof message === "string" ? message : undefined,
    members: error,
  };
}

function writeMessageObject(error: ApiError): Record<string, unknown> {
  return { code: error.code, message: error.message };
}

// errspec: envelope_format
/**
 * The envelope format: a body is `{"data": ..., "error": null}` on success,
 * `{"data": null, "error": {"code", "message", ...}}` on failure.
 */
const envelopeFormat: WireFormat = {
  members: [],
  taken: ["code", "message"],
  mediaType: "application/json",
  body: (error) => ({ data: null, error }),
  read(value, problem, status) {
    if (problem !== undefined) {
      return problem;
    }
    if (!isObject(value)) {
      return notAnObject(value);
    }
    const error = member(value, "error");
    if (error === null || error === undefined) {
      if (status !== undefined && status >= 400) {
        return `the response has HTTP status ${status} but no error`;
      }
      return { kind: "data", data: member(value, "data") };
    }
    if (!isObject(error)) {
      return `\`error\` is ${kind(error)}, not an object`;
    }
    return readMessageObject(error);
  },
  write: writeMessageObject,
};

// errspec: error_object_format
/**
 * The error-object format: an error response's body is `{"error": {"code",
 * "message", ...}}`; a success body is the data itself. A response is an
 * error when its status is 400 or more, or, with no status, when its body is
 * an object whose `error` is an object; anything else is data.
 */
const errorObjectFormat: WireFormat = {
  members: [],
  taken: ["code", "message"],
  mediaType: "application/json",
  body: (error) => ({ error }),
  read(value, problem, status) {
    const failed = status !== undefined;
    if (status !== undefined && status < 400) {
      return { kind: "data", data: value };
    }
    if (problem !== undefined) {
      return failed ? problem : { kind: "data", data: value };
    }
    const error = isObject(value) ? member(value, "error") : undefined;
    if (isObject(error)) {
      return readMessageObject(error);
    }
    if (!failed) {
      return { kind: "data", data: value };
    }
    if (!isObject(value)) {
      return notAnObject(value);
    }
    if (error === null || error === undefined) {
      return `the response has HTTP status ${status} but no error`;
    }
    return `\`error\` is ${kind(error)}, not an object`;
  },
  write: writeMessageObject,
};

// errspec: problem_format
/**
 * The code `text` spells, if it spells one of this API's type: an integer in
 * decimal digits without leading zeros, or a string code (an ASCII letter,
 * then letters, digits, `_`, `.` or `-`).
 */
function codeInText(text: string): string | number | undefined {
  if (INTEGER_CODES) {
    return /^(0|[1-9][0-9]*)$/.test(text) ? wireCode(Number(text)) : undefined;
  }
  return /^[A-Za-z][A-Za-z0-9_.-]*$/.test(text) ? text : undefined;
}

/**
 * The problem format (RFC 9457): an error response's body is a problem
 * document, `{"type", "title", "status", "detail", "instance"?, "code",
 * ...}`, sent as `application/problem+json`; a success body is the data
 * itself. A response is an error when its status is 400 or more, or, with no
 * status, when its body is an object whose `status` is a number from 400 to
 * 599 or whose `type` starts with {@link PROBLEM_BASE}; anything else is data.
 */
const problemFormat: WireFormat = {
  members: ["type", "title", "status", "detail", "instance"],
  taken: ["code", "detail"],
  mediaType: "application/problem+json",
  body: (error) => error,
  read(value, problem, status) {
    const failed = status !== undefined && status >= 400;
    if (problem !== undefined || !isObject(value)) {
      if (!failed) {
        return { kind: "data", data: value };
      }
      return problem ?? notAnObject(value);
    }
    const type = member(value, "type");
    if (!failed) {
      const ofApi = typeof type === "string" && type.startsWith(PROBLEM_BASE);
      if (status !== undefined || (problemStatus(member(value, "status")) === undefined && !ofApi)) {
        return { kind: "data", data: value };
      }
    }
    // The code is the `code` member if it is a code, else the code that what
    // follows PROBLEM_BASE in `type` spells, else the code the whole `type`
    // spells, else the `type` itself (`about:blank` when missing) as an
    // unknown code. The message is `detail`, else a known code's default,
    // else `title`.
    const uri = typeof type === "string" ? type : "about:blank";
    const fromType = uri.startsWith(PROBLEM_BASE) ? codeInText(uri.slice(PROBLEM_BASE.length)) : undefined;
    const code = wireCode(member(value, "code")) ?? fromType ?? codeInText(uri) ?? uri;
    const detail = member(value, "detail");
    const title = member(value, "title");
    let message = typeof detail === "string" ? detail : undefined;
    if (message === undefined && !isErrorCode(code)) {
      message = typeof title === "string" ? title : "";
    }
    return { kind: "error", code, message, members: value };
  },
  write(error) {
    // Narrowed as `unknown`, as in `extra`.
    const code: unknown = error.code;
    const known = isErrorCode(code) ? ERROR_INFO[code] : undefined;
    const received = (name: string): unknown => {
      const value = member(error.members, name);
      return value === null ? undefined : value;
    };
    const written: Record<string, unknown> = {
      type: received("type") ?? (known === undefined ? "about:blank" : `${PROBLEM_BASE}${String(code)}`),
    };
    const title = received("title") ?? known?.summary;
    if (title !== undefined) {
      written["title"] = title;
    }
    const status = received("status") ?? known?.status;
    if (status !== undefined) {
      written["status"] = status;
    }
    written["detail"] = error.message;
    written["code"] = error.code;
    return written;
  },
};

// errspec: template
const wireFormat: WireFormat = envelopeFormat;
