"""TH-CJSON-1 canonical JSON (docs/spec/canonical-encoding.md), byte for byte what the TS engine produces.

JavaScript semantics pinned down for Python values:

* numbers are IEEE-754 doubles: a Python ``int`` is the double it denotes (``2**53 + 1`` encodes as
  ``9007199254740992``), printed as ECMAScript ``Number::toString`` (``1e+21``, ``1e-7``, ``-0`` → ``0``);
  NaN, ±Infinity and ints too large for a double are refused;
* strings are UTF-16 as in JavaScript: adjacent surrogate code points form a pair, lone surrogates are
  escaped as ``\\udxxx``; escaping is ``JSON.stringify``'s;
* object keys: array-index keys (``"0"`` … ``"4294967294"``) numerically first, then UTF-16 code-unit order;
* nesting: at most ``MAX_DEPTH`` (512) levels of arrays and objects (a scalar at the top is depth 0); deeper is
  refused with ``too_deep`` set, which the engine answers ``payload_too_large``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["MAX_DEPTH", "CanonicalJsonError", "canonicalize", "canonical_bytes", "number_to_string", "quote", "sort_keys"]

MAX_ARRAY_INDEX = 4294967294
MAX_DEPTH = 512
TOO_DEEP = f"nesting deeper than {MAX_DEPTH} levels"
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\ud800-\udfff]')
_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


class CanonicalJsonError(ValueError):
    """A value JSON cannot carry (NaN, Infinity, a non-JSON type…), with where it was found."""

    def __init__(self, reason: str, path: str, too_deep: bool = False) -> None:
        super().__init__(f"{reason} at {path}")
        self.reason = reason
        self.path = path
        #: nesting past MAX_DEPTH: payload_too_large for the engine, not a serialization error
        self.too_deep = too_deep


def _escape(m: re.Match[str]) -> str:
    c = m.group()
    return _SHORT.get(c) or f"\\u{ord(c):04x}"


def _utf16(s: str) -> str:
    """Pairs adjacent surrogate code points as JavaScript would see them; lone ones stay."""
    if not any("\ud800" <= c <= "\udfff" for c in s):
        return s
    return s.encode("utf-16-be", "surrogatepass").decode("utf-16-be", "surrogatepass")


def quote(s: str) -> str:
    """``JSON.stringify`` of a string."""
    s = _utf16(s)
    return '"' + _NEEDS_ESCAPE.sub(_escape, s) + '"'


def number_to_string(x: float) -> str:
    """ECMAScript ``Number::toString`` of a finite double (shortest round-trip digits)."""
    if x == 0:
        return "0"
    if x < 0:
        return "-" + number_to_string(-x)
    mantissa, _, exp = repr(x).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits = whole + frac
    point = len(whole) + (int(exp) if exp else 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    k, n = len(digits), point
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    e = n - 1
    sign = "+" if e >= 0 else "-"
    head = digits if k == 1 else digits[0] + "." + digits[1:]
    return f"{head}e{sign}{abs(e)}"


def _is_index(key: str) -> bool:
    if not key or len(key) > 10 or not key.isascii() or not key.isdigit():
        return False
    return (key == "0" or key[0] != "0") and int(key) <= MAX_ARRAY_INDEX


def sort_keys(keys: list[str]) -> list[str]:
    """TH-CJSON-1 key order."""
    index = sorted((k for k in keys if _is_index(k)), key=int)
    other = sorted((k for k in keys if not _is_index(k)), key=lambda k: k.encode("utf-16-be", "surrogatepass"))
    return index + other


def _number(v: float | int, path: str) -> str:
    if isinstance(v, int):
        try:
            v = float(v)
        except OverflowError:
            raise CanonicalJsonError("integer too large for a double", path) from None
    if math.isnan(v):
        raise CanonicalJsonError("NaN is not allowed", path)
    if math.isinf(v):
        raise CanonicalJsonError("Infinity is not allowed", path)
    return number_to_string(v)


def canonicalize(value: Any) -> str:
    """Canonical TH-CJSON-1 text; raises CanonicalJsonError for what JSON cannot carry."""
    out: list[str] = []
    # An explicit stack: deep payloads never hit Python's recursion limit.
    stack: list[tuple[Any, str, int] | str] = [(value, "root", 0)]
    active: set[int] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item.startswith("\0"):
                active.discard(int(item[1:]))
            else:
                out.append(item)
            continue
        v, path, depth = item
        if v is None:
            out.append("null")
        elif v is True:
            out.append("true")
        elif v is False:
            out.append("false")
        elif isinstance(v, str):
            out.append(quote(v))
        elif isinstance(v, (int, float)):
            out.append(_number(v, path))
        elif isinstance(v, (Mapping, list, tuple)):
            if id(v) in active:
                raise CanonicalJsonError("circular value", path)
            if depth >= MAX_DEPTH:
                raise CanonicalJsonError(TOO_DEEP, "root", too_deep=True)
            active.add(id(v))
            stack.append(f"\0{id(v)}")
            parts: list[tuple[Any, str, int] | str] = []
            if isinstance(v, Mapping):
                for key in v:
                    if not isinstance(key, str):
                        raise CanonicalJsonError(f"object key {key!r} is not a string", path)
                parts.append("{")
                for i, key in enumerate(sort_keys(list(v))):
                    parts.append(("," if i else "") + quote(key) + ":")
                    parts.append((v[key], f"{path}.{key}", depth + 1))
                parts.append("}")
            else:
                seq: Sequence[Any] = v
                parts.append("[")
                for i, child in enumerate(seq):
                    if i:
                        parts.append(",")
                    parts.append((child, f"{path}[{i}]", depth + 1))
                parts.append("]")
            stack.extend(reversed(parts))
        else:
            raise CanonicalJsonError(f"{type(v).__name__} is not serializable", path)
    return "".join(out)


def canonical_bytes(value: Any) -> bytes:
    """Canonical UTF-8 bytes of a JSON value."""
    return canonicalize(value).encode("utf-8")
