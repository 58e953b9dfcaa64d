"""The static part of the generated Python package's ``__init__.py``.

Ordinary Python that ruff and mypy --strict check as it is. ``__init__.py.jinja``
writes what the spec controls and pulls this file in by parts: a line
``# errspec: NAME`` starts the part the template writes as ``runtime.NAME``, and a
line ``# errspec: template`` starts lines the template writes itself (here a
one-code spec stands in for them, so this file runs alone). This docstring is not
copied.
"""

# errspec: imports
from __future__ import annotations

import enum
import json
import math
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, ClassVar, Final, NamedTuple, TypeVar

_T = TypeVar("_T")

#: The code of a :class:`MalformedResponseError`: a response whose body is not
#: an error envelope. No spec code can take it (codes start with a letter).
MALFORMED_RESPONSE: Final = "_MALFORMED_RESPONSE"

#: HTTP statuses that say a failure is transient: an error whose code this
#: module does not know is retried only with one of these.
_TRANSIENT_STATUSES: Final = frozenset({429, 502, 503, 504})

#: The deepest nesting of arrays and objects a body may have, as in serde_json
#: (so every generated language reads the same bodies).
_MAX_DEPTH: Final = 127

#: The largest integer every generated language holds exactly.
_MAX_SAFE_INTEGER: Final = 2**53 - 1


# errspec: template
class ErrorCode(str, enum.Enum):
    """An error code this API defines."""

    EXAMPLE = "EXAMPLE"

    # errspec: code_properties
    @property
    def status(self) -> int:
        """The HTTP status this code is sent with."""
        return _INFO[self.value][0]

    @property
    def retryable(self) -> bool:
        """Whether a client may retry the request that failed with this code."""
        return _INFO[self.value][1]

    @property
    def default_message(self) -> str:
        """The spec's default human-readable message."""
        return _INFO[self.value][2]

    @property
    def doc_url(self) -> str | None:
        """Where the code is documented, if the spec says (its ``docs_url``)."""
        return _INFO[self.value][3]

    @property
    def fields(self) -> tuple[str, ...]:
        """The wire names of the fields an error of this code may carry."""
        return tuple(_INFO[self.value][5].split())

    def __str__(self) -> str:
        return self.value


# errspec: template
_INFO: Final[dict[str, tuple[int, bool, str, str | None, bool, str]]] = {
    "EXAMPLE": (400, False, "An example.", None, False, ""),
}

_SHARED_FIELDS: Final = ""


# errspec: errors
class ApiError(Exception):
    """An error response: its code, message, HTTP status and whether to retry.

    ``code`` is an :class:`ErrorCode`, or the code as received when this
    module does not know it (a newer server may send new codes). Catch a
    code's subclass (``except RateLimitedError``) or this class for all.
    """

    #: The code a subclass stands for; ``None`` on this class.
    default_code: ClassVar[ErrorCode | None] = None

    code: ErrorCode | str
    message: str
    _members: dict[str, Any]
    status: int | None
    retryable: bool
    retry_after: float | None
    doc_url: str | None

    def __init__(
        self,
        message: str | None = None,
        *,
        code: ErrorCode | str | None = None,
        status: int | None = None,
        retry_after: float | None = None,
        members: Mapping[str, Any] | None = None,
    ) -> None:
        """An error with ``code`` (a subclass's own code by default).

        ``message`` defaults to a known code's default message, its
        placeholders filled from ``members``. ``status`` is the response's
        HTTP status, by default a known code's. An unknown code is retryable
        only when ``status`` is 429, 502, 503 or 504. ``retry_after`` is the
        wait the server asked for, in seconds. ``members`` are the error's
        members beside ``code`` and ``message``: its fields and any others.
        """
        if code is None:
            code = self.default_code
        if code is None:
            raise TypeError(f"{type(self).__name__} needs a code")
        known = _known(code)
        self.code = code if known is None else known
        self._members = {
            name: value
            for name, value in (members or {}).items()
            if name not in ("code", "message")
        }
        if message is None and known is not None:
            info = _INFO[known.value]
            message = _fill(info[2], self._members) if info[4] else info[2]
        self.message = "" if message is None else message
        if status is None and known is not None:
            status = known.status
        self.status = status
        if known is None:
            self.retryable = status in _TRANSIENT_STATUSES
        else:
            self.retryable = known.retryable
        self.retry_after = retry_after
        self.doc_url = None if known is None else known.doc_url
        super().__init__(str(self))

    @classmethod
    def _received(
        cls,
        code: str,
        message: str | None,
        status: int | None,
        retry_after: float | None,
        members: Mapping[str, Any],
    ) -> ApiError:
        """The error a response carried, made without the class's own
        constructor (which asks for its required fields)."""
        error = cls.__new__(cls)
        ApiError.__init__(
            error,
            message,
            code=code,
            status=status,
            retry_after=retry_after,
            members=members,
        )
        return error

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"

    @property
    def extra(self) -> dict[str, Any]:
        """The members the spec does not declare for this error's code."""
        known = _known(self.code)
        declared = (_SHARED_FIELDS if known is None else _INFO[known.value][5]).split()
        return {
            name: value for name, value in self._members.items() if name not in declared
        }

    def to_dict(self) -> dict[str, Any]:
        """The error object as JSON would carry it: ``code``, ``message`` and
        every other member, declared or not, with its value as received."""
        return {"code": str(self.code), "message": self.message, **self._members}

    def __reduce__(self) -> tuple[Any, ...]:
        """Copies and pickles keep every attribute, whatever the code, so errors
        cross ``copy.deepcopy``, ``pickle``, ``multiprocessing`` and task queues."""
        return (type(self).__new__, (type(self),), dict(self.__dict__))

    def __setstate__(self, state: dict[str, Any] | None) -> None:
        """Restores what :meth:`__reduce__` saved."""
        self.__dict__.update(state or {})
        Exception.__init__(self, str(self))

    # errspec: template
    @property
    def request_id(self) -> str | None:
        """A stand-in shared field."""
        return _field(self, "request_id", _string)


# errspec: malformed
class MalformedResponseError(ApiError):
    """A response whose body is no error envelope: HTML from a proxy, text
    that is not JSON, a list, an ``error`` that is not an object, a missing
    or non-string ``code``. Its code is :data:`MALFORMED_RESPONSE`, its
    message says what was wrong, and it is retryable when the HTTP status is
    429, 502, 503 or 504.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(
            message,
            code=MALFORMED_RESPONSE,
            status=status,
            retry_after=retry_after,
        )


# errspec: template
class ExampleError(ApiError):
    """The one code of this stand-in spec."""

    default_code: ClassVar[ErrorCode | None] = ErrorCode.EXAMPLE


# errspec: parsing
def _given(members: dict[str, Any]) -> dict[str, Any]:
    """``members`` without the ones whose value is ``None`` (not given)."""
    return {name: value for name, value in members.items() if value is not None}


def _field(
    error: ApiError, name: str, read: Callable[[object], _T | None]
) -> _T | None:
    """The member ``name`` of ``error`` if ``read`` reads it, else ``None``."""
    return read(error._members.get(name))


def _field_list(
    error: ApiError, name: str, read: Callable[[object], _T | None]
) -> list[_T] | None:
    """The member ``name`` of ``error`` if it is a list whose every element
    ``read`` reads, else ``None``."""
    value = error._members.get(name)
    if not isinstance(value, list):
        return None
    items = [read(element) for element in value]
    if any(item is None for item in items):
        return None
    return [item for item in items if item is not None]


def _string(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _integer(value: object) -> int | None:
    """A number without a fraction within 2**53 - 1 of zero: ``3`` and ``3.0`` alike."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value if abs(value) <= _MAX_SAFE_INTEGER else None
    return None


def _number(value: object) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond any double
            return None
        return number if math.isfinite(number) else None
    return None


def _boolean(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _json(value: object) -> Any:
    return value


def _fill(template: str, members: Mapping[str, Any]) -> str:
    """``template`` with each ``{name}`` whose member is present and not null
    replaced by its value (a string as it is, anything else as
    :func:`_value_text` writes it), and ``{{`` and ``}}`` made braces. A
    placeholder without a value stays."""
    filled: list[str] = []
    rest = template
    while True:
        at = min((i for i in (rest.find("{"), rest.find("}")) if i >= 0), default=-1)
        if at < 0:
            break
        filled.append(rest[:at])
        brace, after = rest[at], rest[at + 1 :]
        if after.startswith(brace):
            filled.append(brace)
            rest = after[1:]
            continue
        end = after.find("}") if brace == "{" else -1
        name = after[:end] if end > 0 else ""
        if not name or not all(c.isascii() and (c.isalnum() or c == "_") for c in name):
            filled.append(brace)
            rest = after
            continue
        value = members.get(name)
        if value is None:
            filled.append("{" + name + "}")
        elif isinstance(value, str):
            filled.append(value)
        else:
            filled.append(_value_text(value))
        rest = after[end + 1 :]
    filled.append(rest)
    return "".join(filled)


def _value_text(value: object) -> str:
    """A value as a message shows it, the same in every generated language:
    compact JSON with object members sorted by name and numbers written as
    JavaScript writes them (``100``, not ``100.0``; ``1e+21``)."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (int, float)):
        return _number_text(value)
    if isinstance(value, list):
        return "[" + ",".join(_value_text(item) for item in value) + "]"
    if isinstance(value, dict):
        members = (
            json.dumps(name, ensure_ascii=False) + ":" + _value_text(value[name])
            for name in sorted(value)
        )
        return "{" + ",".join(members) + "}"
    return json.dumps(str(value), ensure_ascii=False)


def _number_text(number: float) -> str:
    """``number`` as JavaScript's ``String(number)`` writes it: the shortest
    digits that read back as the same double, in plain notation from 1e-7 up
    to 1e21, else as ``de+n``."""
    try:
        x = float(number)
    except OverflowError:
        x = math.inf
    if x == 0 or not math.isfinite(x):
        return "0"
    sign = "-" if x < 0 else ""
    # repr gives the shortest digits: "1.5", "100.0", "1e+21", "1.2e-07".
    mantissa, _, exponent = repr(abs(x)).partition("e")
    whole, _, fraction = mantissa.partition(".")
    # x = 0.digits * 10**n, with no leading or trailing zero digits.
    n = len(whole) + int(exponent or 0)
    digits = (whole + fraction).lstrip("0")
    n -= len(whole + fraction) - len(digits)
    digits = digits.rstrip("0")
    k = len(digits)
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        mark = "+" if n > 0 else "-"
        text = digits[0] + ("." + digits[1:] if k > 1 else "") + f"e{mark}{abs(n - 1)}"
    return sign + text


def _known(code: ErrorCode | str) -> ErrorCode | None:
    if isinstance(code, ErrorCode):
        return code
    try:
        return ErrorCode(code)
    except ValueError:
        return None


def _error_classes() -> dict[str, type[ApiError]]:
    classes: dict[str, type[ApiError]] = {}
    for cls in ApiError.__subclasses__():
        if cls.default_code is not None:
            classes[cls.default_code.value] = cls
    return classes


_CLASSES: Final = _error_classes()


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _envelope(body: object) -> dict[str, Any] | str:
    """The decoded envelope, or what is wrong with ``body``."""
    if isinstance(body, (bytes, bytearray)):
        try:
            body = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            return "the response body is not UTF-8 text"
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except (ValueError, RecursionError):
            return "the response body is not JSON"
    if _too_deep(body):
        return "the response body is not JSON"
    if not isinstance(body, dict):
        return f"the response body is {_kind(body)}, not a JSON object"
    return body


def _too_deep(value: object) -> bool:
    """Whether ``value`` nests arrays and objects more than 127 levels deep."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > _MAX_DEPTH:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


_MONTHS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def _http_date(text: str) -> int | None:
    """An HTTP date (``Sun, 06 Nov 1994 08:49:37 GMT``) as a Unix time."""
    parts = text.split()
    if len(parts) != 6 or parts[5] != "GMT" or parts[2] not in _MONTHS:
        return None
    clock = parts[4].split(":")
    numbers = [parts[1], parts[3], *clock]
    digits = all(n.isascii() and n.isdigit() for n in numbers) and len(parts[3]) == 4
    if len(clock) != 3 or not digits:
        return None
    day, year, hours, minutes, seconds = (int(n) for n in numbers)
    if not 1 <= day <= 31 or hours > 23 or minutes > 59 or seconds > 60:
        return None
    month = _MONTHS.index(parts[2]) + 1
    # Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
    # algorithm), as the Rust and TypeScript handlers compute it.
    y = year - 1 if month <= 2 else year
    era = y // 400
    year_of_era = y - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    days = era * 146_097 + day_of_era - 719_468
    return days * 86_400 + hours * 3600 + minutes * 60 + seconds


def _seconds(retry_after: str | float | None) -> float | None:
    """A ``Retry-After`` value (whole seconds, or an HTTP date) as seconds from now."""
    if retry_after is None:
        return None
    if isinstance(retry_after, (int, float)):
        seconds = float(retry_after)
    else:
        text = retry_after.strip()
        if text.isascii() and text.isdigit():
            seconds = float(text)
        else:
            when = _http_date(text)
            if when is None:
                return None
            seconds = when - time.time()
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def _parse(
    body: object,
    status: int | None,
    retry_after: str | float | None,
) -> tuple[ApiError | None, Any]:
    delay = _seconds(retry_after)
    envelope = _envelope(body)
    if isinstance(envelope, str):
        return MalformedResponseError(envelope, status=status, retry_after=delay), None
    error = envelope.get("error")
    if error is None and status is not None and status >= 400:
        problem = f"the response has HTTP status {status} but no error"
        return MalformedResponseError(problem, status=status, retry_after=delay), None
    if error is None:
        return None, envelope.get("data")
    if not isinstance(error, dict):
        problem = f"`error` is {_kind(error)}, not an object"
        return MalformedResponseError(problem, status=status, retry_after=delay), None
    code = error.get("code")
    if not isinstance(code, str) or not code:
        problem = "`error.code` is missing or not a non-empty string"
        return MalformedResponseError(problem, status=status, retry_after=delay), None
    message = error.get("message")
    text = message if isinstance(message, str) else None
    cls = _CLASSES.get(code, ApiError)
    return cls._received(code, text, status, delay, error), None


def parse_error(
    body: object,
    status: int | None = None,
    *,
    retry_after: str | float | None = None,
) -> ApiError | None:
    """The error a response carries, or ``None`` when it carries none.

    ``body`` is the decoded JSON body, or the body as ``str`` or ``bytes``;
    ``status`` is the HTTP status and ``retry_after`` the ``Retry-After``
    header, if any. A known code gives its subclass, an unknown code a plain
    :class:`ApiError` that keeps the code as received, and a body that is no
    error envelope (or has none despite an error status) a
    :class:`MalformedResponseError`. Never raises.
    """
    return _parse(body, status, retry_after)[0]


def raise_for_error(
    body: object,
    status: int | None = None,
    *,
    retry_after: str | float | None = None,
) -> Any:
    """The response's ``data`` (a JSON value, as :func:`json.loads` gives it);
    raises the error the response carries instead, if any.

    Takes what :func:`parse_error` takes, and raises what it returns.
    """
    error, data = _parse(body, status, retry_after)
    if error is not None:
        raise error
    return data


class RetryPolicy(NamedTuple):
    """How to retry retryable errors: exponential backoff, capped."""

    #: Retries after the first try, so at most ``max_retries + 1`` tries.
    max_retries: int
    #: The delay before the first retry, in milliseconds.
    initial_delay_ms: int
    #: Each further delay is the previous one times this (at least 1).
    multiplier: float
    #: The cap on any one delay, in milliseconds.
    max_delay_ms: int
    #: ``"none"``: wait exactly the delay; ``"full"``: a random time up to it.
    jitter: str

    def delay_ms(self, retry: int) -> int:
        """The delay before retry number ``retry + 1`` (``0`` is the first
        retry) in whole milliseconds, before jitter."""
        cap = float(self.max_delay_ms)
        delay = min(float(self.initial_delay_ms), cap)
        for _ in range(retry):
            if delay >= cap or self.multiplier <= 1.0:
                break
            delay = min(delay * self.multiplier, cap)
        return int(delay)

    def wait_seconds(
        self,
        retry: int,
        error: ApiError,
        random_unit: Callable[[], float] = random.random,
    ) -> float:
        """How long to wait before retry number ``retry + 1`` after ``error``:
        its ``retry_after`` if the server sent one, else the policy's delay
        (with jitter); never longer than ``max_delay_ms``."""
        cap = self.max_delay_ms / 1000
        if error.retry_after is not None:
            return min(error.retry_after, cap)
        delay = self.delay_ms(retry) / 1000
        if self.jitter == "full":
            delay *= min(max(random_unit(), 0.0), 1.0)
        return delay


# errspec: template
DEFAULT_RETRY_POLICY: Final = RetryPolicy(
    max_retries=3,
    initial_delay_ms=1000,
    multiplier=2.0,
    max_delay_ms=30000,
    jitter="none",
)


# errspec: retrying
def with_retry(
    fn: Callable[[], _T],
    *,
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    sleep: Callable[[float], object] = time.sleep,
    random_unit: Callable[[], float] = random.random,
) -> _T:
    """``fn()``, called again after each retryable :class:`ApiError` it
    raises, waiting as ``policy`` says, up to ``policy.max_retries`` times.

    Other errors, and the last retryable one, are raised as they are; there is
    no wait after the last try.
    """
    retry = 0
    while True:
        try:
            return fn()
        except ApiError as error:
            if not error.retryable or retry >= policy.max_retries:
                raise
            sleep(policy.wait_seconds(retry, error, random_unit))
            retry += 1


async def with_retry_async(
    fn: Callable[[], Awaitable[_T]],
    *,
    policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    sleep: Callable[[float], Awaitable[object]] | None = None,
    random_unit: Callable[[], float] = random.random,
) -> _T:
    """:func:`with_retry` for coroutines: ``await fn()``, retried alike.

    ``sleep`` defaults to :func:`asyncio.sleep`.
    """
    if sleep is None:
        # Imported here, not at the top: asyncio takes longer to import than
        # everything else this module needs together.
        import asyncio

        sleep = asyncio.sleep
    retry = 0
    while True:
        try:
            return await fn()
        except ApiError as error:
            if not error.retryable or retry >= policy.max_retries:
                raise
            await sleep(policy.wait_seconds(retry, error, random_unit))
            retry += 1
