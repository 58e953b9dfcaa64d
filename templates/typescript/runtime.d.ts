// Compiled from runtime.ts by the pinned tsc; do not edit. After changing runtime.ts,
// `ERRSPEC_BLESS=1 cargo test --test generated_typescript` rewrites this file.
// errspec: globals
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
export type FetchResponse = typeof globalThis extends {
    Response: {
        prototype: infer R;
    };
} ? R : ResponseLike;
/** What {@link withRetry} needs of an `AbortSignal`; a real one fits. */
export interface AbortSignalLike {
    readonly aborted: boolean;
    readonly reason?: unknown;
    addEventListener(type: "abort", listener: () => void, options?: {
        once?: boolean;
    }): void;
    removeEventListener(type: "abort", listener: () => void): void;
}
// errspec: template
/** The error codes this API defines. */
export declare const ErrorCode: {
    /** The one code of this stand-in spec. */
    readonly EXAMPLE: "EXAMPLE";
};
// errspec: code_info
/** An error code this API defines. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
// errspec: template
/** An error code as received: an {@link ErrorCode}, or a code this module does not know, kept as sent. */
export type AnyErrorCode = ErrorCode | (string & {});
/** How this API's errors travel on the wire, as its spec names the format: `envelope`, `error-object` or `problem`. */
export declare const FORMAT: string;
/** The start of every code's problem `type` URI: the code follows it. */
export declare const PROBLEM_BASE: string;
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
export declare const ERROR_INFO: {
    readonly [Code in ErrorCode]: ErrorInfo;
};
// errspec: errors
/**
 * The HTTP status of an error whose code this module does not know (a server
 * forwarding an upstream error, say): 502 Bad Gateway.
 */
export declare const UNKNOWN_CODE_STATUS = 502;
/** The code of a {@link MalformedResponseError}; no spec code can take it. */
export declare const MALFORMED_RESPONSE = "_MALFORMED_RESPONSE";
/** Whether `value` is a code this module knows (never true for `__proto__` and the like). */
export declare function isErrorCode(value: unknown): value is ErrorCode;
/**
 * Whether to retry a request that failed with `code`: a known code follows
 * the spec; an unknown one is retried only when the HTTP `status` says the
 * failure is transient (429, 502, 503 or 504).
 */
export declare function isRetryable(code: AnyErrorCode, status?: number): boolean;
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
 * An error response: its code, message, HTTP status and whether to retry.
 * Catch a code's subclass (`instanceof RateLimitedError`) or this class for all.
 */
export declare class ApiError extends Error {
    /** The `name` of this class's errors (kept through minifiers, unlike the class's own name). */
    static readonly errorName: string;
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
    constructor(code: AnyErrorCode, message?: string, options?: ApiErrorOptions);
    /**
     * The members the spec does not declare for this error's code (nor the wire
     * format: a problem document's `type`, `title`, `status`, `detail` and `instance`).
     */
    get extra(): Readonly<Record<string, unknown>>;
    /** `CODE: message`. */
    toString(): string;
    /**
     * The error object as the wire format has it (`code`, `message` and every
     * other member; a problem document's members), other members as received.
     */
    toJSON(): Record<string, unknown>;
    /**
     * The HTTP status this error is sent with: `status`; else a problem
     * document's `status` member when it is an error status; else
     * {@link UNKNOWN_CODE_STATUS}.
     */
    httpStatus(): number;
    /**
     * The fetch `Response` that sends this error, which Hono, Deno, Bun,
     * Cloudflare Workers and Next.js route handlers return as it is: its
     * {@link httpStatus}, a `Content-Type` (`application/problem+json` for the
     * problem format, else `application/json`), `Retry-After` in whole seconds
     * (rounded up) when the error carries a wait, and the body in the wire format.
     */
    toResponse(): FetchResponse;
    /** What {@link toResponse} sends, for servers without fetch `Response`s (Node's `http`). */
    toHttpResponse(): HttpResponse;
}
/**
 * A response whose body is no error of this API's wire format: HTML from a
 * proxy, text that is not JSON, an array, an `error` that is not an object, a
 * missing `code`, or an error status with no error. Its code is
 * {@link MALFORMED_RESPONSE}; it is retryable when the status is transient.
 */
export declare class MalformedResponseError extends ApiError {
    static readonly errorName: string;
    constructor(message: string, options?: ApiErrorOptions);
}
// errspec: template
/** The fields of an {@link ExampleError}. */
export interface ExampleErrorFields {
    readonly detailed?: string | undefined;
}
export declare class ExampleError extends ApiError {
    static readonly errorName: string;
    constructor(fields?: ExampleErrorFields, message?: string, options?: ApiErrorOptions);
    /** A stand-in field. */
    get detailed(): string | undefined;
}
// errspec: parsing
/**
 * The error a response carries, or `null` when it carries none. `body` is the
 * decoded JSON or its text; `status` the HTTP status; `retryAfter` the
 * `Retry-After` header. The body is read in this API's wire format
 * ({@link FORMAT}). A known code gives its subclass, an unknown code a plain
 * {@link ApiError} keeping the code as received, and a body that is no error
 * of the format a {@link MalformedResponseError}. Never throws.
 */
export declare function parseError(body: unknown, status?: number, retryAfter?: string | number | null): ApiError | null;
/**
 * The response's data (with the envelope format, its `data`; else the body
 * itself); throws the error it carries instead, if any.
 */
export declare function raiseForError(body: unknown, status?: number, retryAfter?: string | number | null): unknown;
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
export declare const DEFAULT_RETRY_POLICY: RetryPolicy;
// errspec: retrying
/**
 * The delay before retry number `retry + 1` (`0` is the first retry) in whole
 * milliseconds, before jitter.
 */
export declare function retryDelayMs(policy: RetryPolicy, retry: number): number;
/**
 * How long to wait, in milliseconds, before retry number `retry + 1` after
 * `error`: its `retryAfter` if the server sent one, else the policy's delay
 * (with jitter from `random`); never longer than `maxDelayMs`.
 */
export declare function retryWaitMs(policy: RetryPolicy, retry: number, error: ApiError, random?: () => number): number;
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
/**
 * `fn()`, called again after each retryable {@link ApiError} it throws,
 * waiting as the policy says, up to `maxRetries` times. Other errors, and the
 * last retryable one, are thrown as they are; there is no wait after the last
 * try. With no `signal` option, `fn` gets no signal (its parameter is
 * `undefined`), so `(signal) => fetch(url, { signal })` fits either way.
 */
export declare function withRetry<T>(fn: (signal?: undefined) => Promise<T>, options?: RetryOptions<never>): Promise<T>;
/**
 * {@link withRetry} with a `signal`: `fn` gets it, and when it fires the call
 * or wait under way is abandoned and the promise rejects with its reason.
 */
export declare function withRetry<T, S extends AbortSignalLike>(fn: (signal: S) => Promise<T>, options: RetryOptions<S> & {
    readonly signal: S;
}): Promise<T>;
/** {@link withRetry} with options whose `signal` may be absent. */
export declare function withRetry<T, S extends AbortSignalLike>(fn: (signal?: S) => Promise<T>, options?: RetryOptions<S>): Promise<T>;
// errspec: message_object
// errspec: envelope_format
// errspec: error_object_format
// errspec: problem_format
// errspec: template
