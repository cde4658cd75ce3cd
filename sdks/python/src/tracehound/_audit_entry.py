"""Audit log entries (docs/core.md, "Audit and Merkle tree").

v1's records, the capture and purge entries that bind the evidence set, and rate-limit blocks.

A Merkle leaf is SHA-256(0x00 ‖ TH-CJSON-1(entry)): every field is bound. An entry outside its
type's schema (unknown type, extra or missing field, malformed value) is refused, never hashed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

_HEX64 = re.compile(r"[0-9a-f]{64}")
_SIGNATURE = re.compile(r"[a-z_]+:[0-9a-f]{64}")
_MAX_SAFE = 2**53 - 1

Check = Callable[[Any], bool]


def _hex64(v: Any) -> bool:
    return isinstance(v, str) and _HEX64.fullmatch(v) is not None


def _text(v: Any) -> bool:
    return isinstance(v, str) and v != ""


def _signature(v: Any) -> bool:
    return isinstance(v, str) and _SIGNATURE.fullmatch(v) is not None


def _count(v: Any) -> bool:
    """An integer in [0, 2^53 - 1] as JSON carries it (3.0 counts as 3); never a bool."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    if isinstance(v, float) and not v.is_integer():
        return False
    return 0 <= v <= _MAX_SAFE


def _one_of(*values: str) -> Check:
    return lambda v: isinstance(v, str) and v in values


_RECORD: dict[str, Check] = {
    "id": _text,
    "type": _text,
    "signature": _signature,
    "timestamp": _count,
    "previousHash": _hex64,
    "hash": _hex64,
}

ENTRY_SCHEMAS: dict[str, dict[str, Check]] = {
    "neutralization": _RECORD,
    "evacuation": _RECORD,
    "capture": {
        "type": _text,
        "signature": _signature,
        "hash": _hex64,
        "size": _count,
        "severity": _one_of("low", "medium", "high", "critical"),
        "captured": _count,
        "compressed": lambda v: isinstance(v, bool),
    },
    "purge": {
        "type": _text,
        "signature": _signature,
        "timestamp": _count,
        "reason": _one_of("timeout", "error", "abort", "panic"),
    },
    "block": {"type": _text, "source": lambda v: isinstance(v, str), "blockedUntil": _count},
}


class AuditEntryError(ValueError):
    """An entry a verifier must refuse."""


def check_entry(entry: Any) -> Mapping[str, Any]:
    """Returns the entry if it is exactly its type's schema; raises AuditEntryError naming the first problem."""
    if not isinstance(entry, Mapping):
        raise AuditEntryError("an audit entry is a JSON object")
    kind = entry.get("type")
    schema = ENTRY_SCHEMAS.get(kind) if isinstance(kind, str) else None
    if schema is None:
        raise AuditEntryError(f"unknown audit entry type {kind!r}")
    for key in sorted(entry):
        if key not in schema:
            raise AuditEntryError(f"field {key!r} is not part of a {kind} entry")
    for key, ok in schema.items():
        if key not in entry:
            raise AuditEntryError(f"{kind} entry without {key!r}")
        if not ok(entry[key]):
            raise AuditEntryError(f"{kind} entry: {key!r} is malformed")
    return entry
