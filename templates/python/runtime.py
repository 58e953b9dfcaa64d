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
import importlib
import json
import math
import random
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Final, NamedTuple, TypeVar, Union

_T = TypeVar("_T")

#: The code of a :class:`MalformedResponseError`: a response whose body is not
#: an error of this API's wire format. No spec code can take it (string codes
#: start with a letter).
MALFORMED_RESPONSE: Final = "_MALFORMED_RESPONSE"

#: The HTTP status of an error whose code this module does not know (a server
#: forwarding an upstream error, say): 502 Bad Gateway.
UNKNOWN_CODE_STATUS: Final = 502

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
    def summary(self) -> str:
        """What the code means, in one line (a problem document's ``title``):
        the spec's ``title``, else its message unless that is a template,
        else its name."""
        return _INFO[self.value][6]

    @property
    def doc_url(self) -> str | None:
        """Where the code is documented, if the spec says (its ``docs_url``)."""
        return _INFO[self.value][3]

    @property
    def fields(self) -> tuple[str, ...]:
        """The wire names of the fields an error of this code may carry."""
        return tuple(_INFO[self.value][5].split())

    def __str__(self) -> str:
        return str(self.value)


# errspec: template
#: An error code as received: an :class:`ErrorCode`, or a code this module
#: does not know, kept as sent.
AnyErrorCode = Union[ErrorCode, str]

_INFO: Final[dict[str, tuple[int, bool, str, str | None, bool, str, str]]] = {
    "EXAMPLE": (400, False, "An example.", None, False, "", "An example."),
}

_SHARED_FIELDS: Final = ""

#: How this API's errors travel on the wire, as its spec names the format:
#: ``envelope``, ``error-object`` or ``problem``.
FORMAT: Final = "envelope"

#: Whether this API's codes are integers on the wire (else strings).
_INTEGER_CODES: Final[bool] = False

#: The start of every code's problem ``type`` URI: the code follows it.
PROBLEM_BASE: Final = "https://errors.example.com/"


# errspec: errors
class ApiError(Exception):
    """An error response: its code, message, HTTP status and whether to retry.

    ``code`` is an :class:`ErrorCode`, or the code as received when this
    module does not know it (a newer server may send new codes). Catch a
    code's subclass (``except RateLimitedError``) or this class for all.
    """

    #: The code a subclass stands for; ``None`` on this class.
    default_code: ClassVar[ErrorCode | None] = None

    code: AnyErrorCode
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
        code: AnyErrorCode | None = None,
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
        members beside ``code`` and ``message`` (or, in a problem document,
        ``detail``): its fields and any others.
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
            if name not in _FORMAT.taken
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
        code: AnyErrorCode,
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
    def members(self) -> dict[str, Any]:
        """Every member beside ``code`` and the message (``message``, or a
        problem document's ``detail``), declared or not, as received."""
        return dict(self._members)

    @property
    def extra(self) -> dict[str, Any]:
        """The members the spec does not declare for this error's code (nor
        the wire format: a problem document's ``type``, ``title``, ``status``,
        ``detail`` and ``instance``)."""
        known = _known(self.code)
        declared = (_SHARED_FIELDS if known is None else _INFO[known.value][5]).split()
        return {
            name: value
            for name, value in self._members.items()
            if name not in declared and name not in _FORMAT.members
        }

    def to_dict(self) -> dict[str, Any]:
        """The error object as the wire format has it (``code``, ``message``
        and every other member; a problem document's members), each other
        member with its value as received."""
        written = _FORMAT.write(self)
        others = {n: v for n, v in self._members.items() if n not in written}
        return {**written, **others}

    def to_response(self) -> HttpResponse:
        """The response that sends this error, for any server framework: its
        HTTP status (``status``; else a problem document's ``status`` member
        when it is an error status; else :data:`UNKNOWN_CODE_STATUS`), a
        ``Content-Type`` (``application/problem+json`` for the problem format,
        else ``application/json``), ``Retry-After`` in whole seconds (rounded
        up) when the error carries a wait, and the body in the wire format."""
        status = self.status
        if status is None and "status" in _FORMAT.members:
            status = _problem_status(self._members.get("status"))
        headers = {"Content-Type": _FORMAT.media_type}
        wait = self.retry_after
        if wait is not None and math.isfinite(wait):
            headers["Retry-After"] = str(max(0, math.ceil(wait)))
        body = _FORMAT.body(self.to_dict())
        try:
            text = json.dumps(body, separators=(",", ":"), allow_nan=False)
        except ValueError:
            text = json.dumps(_finite(body), separators=(",", ":"))
        return HttpResponse(
            UNKNOWN_CODE_STATUS if status is None else status,
            headers,
            text.encode("ascii"),
        )

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
def _finite(value: Any) -> Any:
    """``value`` with each ``NaN`` and infinity made ``None``, as JSON has no
    such numbers (serde_json and ``JSON.stringify`` write them as ``null``)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {name: _finite(item) for name, item in value.items()}
    if isinstance(value, list):
        return [_finite(item) for item in value]
    return value


class HttpResponse(NamedTuple):
    """An HTTP response carrying an error, for any server framework: see
    :meth:`ApiError.to_response`."""

    #: The HTTP status.
    status: int
    #: ``Content-Type``, and ``Retry-After`` when the error carries a wait.
    headers: dict[str, str]
    #: The body: the error in the wire format, as JSON (ASCII, every other
    #: character escaped).
    body: bytes


class MalformedResponseError(ApiError):
    """A response whose body is no error of this API's wire format: HTML from
    a proxy, text that is not JSON, a list, an ``error`` that is not an
    object, a missing ``code``. Its code is :data:`MALFORMED_RESPONSE`, its
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


#: Each code's error class, by the code's wire value.
_CLASS_NAMES: Final[dict[object, str]] = {"EXAMPLE": "ExampleError"}

#: The module of this package that defines each code's error class.
_CLASS_MODULES: Final[dict[str, str]] = {}


# errspec: lazy_classes
def _class_of(code: object) -> type[ApiError]:
    """The error class of ``code``: its code's class, else :class:`ApiError`."""
    name = _CLASS_NAMES.get(code)
    if name is None:
        return ApiError
    cls: type[ApiError] = globals().get(name) or _load_class(name)
    return cls


def _load_class(name: str) -> Any:
    """The error class ``name``. The classes are created with their module
    on first use, so importing this package stays fast however many codes
    the spec has; each is then a global of the package like any other."""
    module = importlib.import_module(_CLASS_MODULES[name], __name__)
    cls = getattr(module, name)
    globals()[name] = cls
    return cls


if not TYPE_CHECKING:
    # Hidden from type checkers, which see each class imported from its module.

    def __getattr__(name: str) -> Any:
        if name in _CLASS_MODULES:
            return _load_class(name)
        if name == "__all__":
            # `from <package> import *`: every public name, as without an
            # `__all__`, and every class.
            return [name for name in __dir__() if not name.startswith("_")]
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), *_CLASS_MODULES})


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


def _known(code: object) -> ErrorCode | None:
    if isinstance(code, ErrorCode):
        return code
    if isinstance(code, bool) or not isinstance(code, (str, int)):
        return None
    try:
        return ErrorCode(code)
    except ValueError:
        return None


def _wire_code(value: object) -> Any:
    """``value`` as a code of this API's type (an :data:`AnyErrorCode`), or
    ``None``: a non-empty string, or an integer from 0 to 2**53 - 1
    (``10001.0`` too, as JSON cannot tell them apart). A string is never an
    integer code: ``"10001"`` is not ``10001``."""
    if not _INTEGER_CODES:
        return value if isinstance(value, str) and value else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    if not 0 <= value <= _MAX_SAFE_INTEGER:
        return None
    return int(value)


def _code_value(code: AnyErrorCode) -> Any:
    """A code's wire value: a string, or an integer for integer codes."""
    return code.value if isinstance(code, ErrorCode) else code


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


def _decode(body: object) -> tuple[object, str | None]:
    """The decoded JSON value of ``body``, or ``body`` and what is wrong with it."""
    if isinstance(body, (bytes, bytearray)):
        try:
            text = bytes(body).decode("utf-8")
        except UnicodeDecodeError:
            return body, "the response body is not JSON"
    elif isinstance(body, str):
        text = body
    else:
        text = None
    if text is not None:
        try:
            body = json.loads(
                text, parse_constant=_not_json, parse_int=_integer_literal
            )
        except (ValueError, RecursionError, OverflowError):
            return text, "the response body is not JSON"
    if not _readable(body):
        return body, "the response body is not JSON"
    return body, None


def _not_json(literal: str) -> object:
    """Refuses ``NaN`` and ``Infinity``, which JSON does not have."""
    raise ValueError(f"{literal} is not JSON")


def _integer_literal(literal: str) -> int:
    """An integer that, like every JSON number, fits a double (else raises)."""
    number = int(literal)
    float(number)
    return number


def _readable(value: object) -> bool:
    """Whether ``value`` is JSON as every generated language reads it: arrays
    and objects at most 127 levels deep, finite numbers, and strings without
    unpaired UTF-16 surrogates (serde_json's limits, applied by all three)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list)):
            if depth > _MAX_DEPTH:
                return False
            if isinstance(item, dict):
                if any(_SURROGATE.search(key) for key in item if isinstance(key, str)):
                    return False
                stack.extend((child, depth + 1) for child in item.values())
            else:
                stack.extend((child, depth + 1) for child in item)
        elif not _readable_scalar(item):
            return False
    return True


def _readable_scalar(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    return not (isinstance(value, str) and _SURROGATE.search(value))


#: A UTF-16 surrogate: a JSON ``\ud800`` escape decodes to one when unpaired.
_SURROGATE: Final = re.compile("[\ud800-\udfff]")


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
    value, problem = _decode(body)
    outcome = _FORMAT.read(value, problem, status)
    if isinstance(outcome, str):
        return MalformedResponseError(outcome, status=status, retry_after=delay), None
    if isinstance(outcome, _Data):
        return None, outcome.data
    code, message, members = outcome
    cls = _class_of(code)
    return cls._received(code, message, status, delay, members), None


class _Data(NamedTuple):
    """A response that carries no error, and its data."""

    data: Any


class _Received(NamedTuple):
    """What a response's error says: its code, message and other members."""

    code: AnyErrorCode
    message: str | None
    members: dict[str, Any]


def _problem_status(value: object) -> int | None:
    """A problem document's ``status``, if it is an error status."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if not 400 <= value <= 599 or value != math.floor(value):
        return None
    return int(value)


def _kind_of_body(value: object) -> str:
    return f"the response body is {_kind(value)}, not a JSON object"


def parse_error(
    body: object,
    status: int | None = None,
    *,
    retry_after: str | float | None = None,
) -> ApiError | None:
    """The error a response carries, or ``None`` when it carries none.

    ``body`` is the decoded JSON body, or the body as ``str`` or ``bytes``;
    ``status`` is the HTTP status and ``retry_after`` the ``Retry-After``
    header, if any. The body is read in this API's wire format
    (:data:`FORMAT`). A known code gives its subclass, an unknown code a plain
    :class:`ApiError` that keeps the code as received, and a body that is no
    error of the format (or has none despite an error status) a
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


# errspec: message_object
def _read_message_object(error: dict[str, Any]) -> _Received | str:
    """What an error object of ``code``, ``message`` and other members says,
    or what is wrong with it."""
    code = _wire_code(error.get("code"))
    if code is None:
        if _INTEGER_CODES:
            return "`error.code` is missing or not an integer from 0 to 2^53 - 1"
        return "`error.code` is missing or not a non-empty string"
    message = error.get("message")
    return _Received(code, message if isinstance(message, str) else None, error)


def _write_message_object(error: ApiError) -> dict[str, Any]:
    return {"code": _code_value(error.code), "message": error.message}


# errspec: envelope_format
class _Envelope:
    """The envelope format: a body is ``{"data": ..., "error": null}`` on
    success, ``{"data": null, "error": {"code", "message", ...}}`` on failure."""

    #: Members the format gives meaning to beside ``code`` and ``message``.
    members: ClassVar[tuple[str, ...]] = ()
    #: Members read into an error's own attributes, not kept among its members.
    taken: ClassVar[tuple[str, ...]] = ("code", "message")
    #: The ``Content-Type`` of an error response.
    media_type: ClassVar[str] = "application/json"

    @staticmethod
    def body(error: dict[str, Any]) -> object:
        """An error response's body carrying the error object ``error``."""
        return {"data": None, "error": error}

    @staticmethod
    def read(
        value: object, problem: str | None, status: int | None
    ) -> _Received | _Data | str:
        """What the decoded body ``value`` (``problem`` says why it is not
        JSON) holds: an error, data, or what is wrong with it."""
        if problem is not None:
            return problem
        if not isinstance(value, dict):
            return _kind_of_body(value)
        error = value.get("error")
        if error is None:
            if status is not None and status >= 400:
                return f"the response has HTTP status {status} but no error"
            return _Data(value.get("data"))
        if not isinstance(error, dict):
            return f"`error` is {_kind(error)}, not an object"
        return _read_message_object(error)

    @staticmethod
    def write(error: ApiError) -> dict[str, Any]:
        """The members the format writes from the error's attributes."""
        return _write_message_object(error)


# errspec: error_object_format
class _ErrorObject:
    """The error-object format: an error response's body is ``{"error":
    {"code", "message", ...}}``; a success body is the data itself."""

    #: Members the format gives meaning to beside ``code`` and ``message``.
    members: ClassVar[tuple[str, ...]] = ()
    #: Members read into an error's own attributes, not kept among its members.
    taken: ClassVar[tuple[str, ...]] = ("code", "message")
    #: The ``Content-Type`` of an error response.
    media_type: ClassVar[str] = "application/json"

    @staticmethod
    def body(error: dict[str, Any]) -> object:
        """An error response's body carrying the error object ``error``."""
        return {"error": error}

    @staticmethod
    def read(
        value: object, problem: str | None, status: int | None
    ) -> _Received | _Data | str:
        """What the decoded body ``value`` (``problem`` says why it is not
        JSON) holds: an error, data, or what is wrong with it. A response is
        an error when its status is 400 or more, or, with no status, when its
        body is an object whose ``error`` is an object; anything else is data."""
        failed = status is not None
        if status is not None and status < 400:
            return _Data(value)
        if problem is not None:
            return problem if failed else _Data(value)
        error = value.get("error") if isinstance(value, dict) else None
        if isinstance(error, dict):
            return _read_message_object(error)
        if not failed:
            return _Data(value)
        if not isinstance(value, dict):
            return _kind_of_body(value)
        if error is None:
            return f"the response has HTTP status {status} but no error"
        return f"`error` is {_kind(error)}, not an object"

    @staticmethod
    def write(error: ApiError) -> dict[str, Any]:
        """The members the format writes from the error's attributes."""
        return _write_message_object(error)


# errspec: problem_format
class _Problem:
    """The problem format (RFC 9457): an error response's body is a problem
    document, ``{"type", "title", "status", "detail", "instance"?, "code",
    ...}``, sent as ``application/problem+json``; a success body is the data
    itself."""

    #: Members RFC 9457 gives meaning to, beside ``code``.
    members: ClassVar[tuple[str, ...]] = (
        "type",
        "title",
        "status",
        "detail",
        "instance",
    )
    #: Members read into an error's own attributes, not kept among its members.
    taken: ClassVar[tuple[str, ...]] = ("code", "detail")
    #: The ``Content-Type`` of an error response.
    media_type: ClassVar[str] = "application/problem+json"

    @staticmethod
    def body(error: dict[str, Any]) -> object:
        """An error response's body: the problem document ``error``."""
        return error

    @staticmethod
    def read(
        value: object, problem: str | None, status: int | None
    ) -> _Received | _Data | str:
        """What the decoded body ``value`` (``problem`` says why it is not
        JSON) holds: an error, data, or what is wrong with it. A response is
        an error when its status is 400 or more, or, with no status, when its
        body is an object whose ``status`` is a number from 400 to 599 or
        whose ``type`` starts with :data:`PROBLEM_BASE`; anything else is data."""
        failed = status is not None and status >= 400
        if problem is not None or not isinstance(value, dict):
            if not failed:
                return _Data(value)
            return problem if problem is not None else _kind_of_body(value)
        if not failed:
            uri = value.get("type")
            sent = _problem_status(value.get("status"))
            of_api = isinstance(uri, str) and uri.startswith(PROBLEM_BASE)
            if status is not None or (sent is None and not of_api):
                return _Data(value)
        return _Problem._read_document(value)

    @staticmethod
    def _read_document(document: dict[str, Any]) -> _Received:
        """The code is the ``code`` member if it is a code, else the code
        that what follows :data:`PROBLEM_BASE` in ``type`` spells, else the
        code the whole ``type`` spells, else the ``type`` itself
        (``about:blank`` when missing) as an unknown code. The message is
        ``detail``, else a known code's default, else ``title``."""
        uri = document.get("type")
        if not isinstance(uri, str):
            uri = "about:blank"
        code = _wire_code(document.get("code"))
        if code is None and uri.startswith(PROBLEM_BASE):
            code = _code_in_text(uri[len(PROBLEM_BASE) :])
        if code is None:
            code = _code_in_text(uri)
        if code is None:
            code = uri
        detail = document.get("detail")
        message = detail if isinstance(detail, str) else None
        if message is None and _known(code) is None:
            title = document.get("title")
            message = title if isinstance(title, str) else ""
        return _Received(code, message, document)

    @staticmethod
    def write(error: ApiError) -> dict[str, Any]:
        """``type``, ``title`` and ``status`` as received, else as the spec
        has them for a known code; ``detail``, the message; and ``code``."""
        known = _known(error.code)
        received = error._members
        written: dict[str, Any] = {}
        if received.get("type") is not None:
            written["type"] = received["type"]
        elif known is not None:
            written["type"] = f"{PROBLEM_BASE}{known.value}"
        else:
            written["type"] = "about:blank"
        if received.get("title") is not None:
            written["title"] = received["title"]
        elif known is not None:
            written["title"] = known.summary
        if received.get("status") is not None:
            written["status"] = received["status"]
        elif known is not None:
            written["status"] = known.status
        written["detail"] = error.message
        written["code"] = _code_value(error.code)
        return written


def _code_in_text(text: str) -> Any:
    """The code ``text`` spells, if it spells one of this API's type: an
    integer in decimal digits without leading zeros, or a string code (an
    ASCII letter, then letters, digits, ``_``, ``.`` or ``-``)."""
    if _INTEGER_CODES:
        canonical = text == "0" or (text[:1] in "123456789" and text != "")
        if text.isascii() and text.isdigit() and canonical:
            return _wire_code(int(text))
        return None
    rest = text[1:].replace("_", "").replace(".", "").replace("-", "")
    if (
        text[:1].isascii()
        and text[:1].isalpha()
        and (rest == "" or (rest.isascii() and rest.isalnum()))
    ):
        return text
    return None


# errspec: template
_FORMAT: Final = _Envelope
