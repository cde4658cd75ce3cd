"""Typed values of the client: scents in, the six v1 verdicts out, audit and proof shapes.

Field names are Python's; ``to_dict()`` gives the engine's JSON form (camelCase, as in the
conformance vectors and the TS kernel) so answers feed the verification kernel unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, Union

from . import kernel

Category = Literal["injection", "ddos", "flood", "spam", "malware", "unknown"]
SeverityName = Literal["low", "medium", "high", "critical"]
CATEGORIES: tuple[Category, ...] = ("injection", "ddos", "flood", "spam", "malware", "unknown")
SEVERITIES: tuple[SeverityName, ...] = ("low", "medium", "high", "critical")


@dataclass(frozen=True)
class Threat:
    category: Category
    severity: SeverityName


@dataclass(frozen=True)
class Scent:
    """One observed input (v1's Scent). ``timestamp`` is ms since the Unix epoch."""

    id: str
    payload: Any
    source: str
    timestamp: int
    threat: Threat | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Scent:
        """From v1's JSON shape: ``{id, payload, source, timestamp, threat?: {category, severity}}``."""
        t = d.get("threat")
        threat = Threat(t["category"], t["severity"]) if t else None
        return cls(d["id"], d.get("payload"), d["source"], int(d["timestamp"]), threat)


@dataclass(frozen=True)
class Degraded:
    """Marks a verdict the daemon did not give (down, slow, refusing): the gRPC code and why."""

    code: str
    message: str


@dataclass(frozen=True)
class EvidenceInfo:
    """Quarantined evidence as the daemon reports it: everything but the bytes."""

    signature: str
    hash: str
    size: int
    captured: int
    severity: SeverityName
    disposed: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "signature": self.signature,
            "hash": self.hash,
            "size": self.size,
            "severity": self.severity,
            "captured": self.captured,
            "disposed": self.disposed,
        }


@dataclass(frozen=True)
class VerdictError:
    state: str
    code: str
    message: str
    recoverable: bool
    context: dict[str, Any] | None = None


@dataclass(frozen=True)
class Clean:
    status: ClassVar[Literal["clean"]] = "clean"
    degraded: Degraded | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status}


@dataclass(frozen=True)
class RateLimited:
    status: ClassVar[Literal["rate_limited"]] = "rate_limited"
    retry_after: int
    degraded: Degraded | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "retryAfter": self.retry_after}


@dataclass(frozen=True)
class PayloadTooLarge:
    status: ClassVar[Literal["payload_too_large"]] = "payload_too_large"
    limit: int
    degraded: Degraded | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "limit": self.limit}


@dataclass(frozen=True)
class Ignored:
    status: ClassVar[Literal["ignored"]] = "ignored"
    signature: str
    degraded: Degraded | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "signature": self.signature}


@dataclass(frozen=True)
class Quarantined:
    status: ClassVar[Literal["quarantined"]] = "quarantined"
    handle: EvidenceInfo
    degraded: Degraded | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "handle": self.handle.to_dict()}


@dataclass(frozen=True)
class Error:
    """The engine (or the client, for a payload the wire cannot carry) refused the scent."""

    status: ClassVar[Literal["error"]] = "error"
    error: VerdictError
    degraded: Degraded | None = None

    def to_dict(self) -> dict[str, Any]:
        """The conformance form: no message (per-language prose)."""
        e = self.error
        return {"status": self.status, "error": {"state": e.state, "code": e.code, "recoverable": e.recoverable}}


Verdict = Union[Clean, RateLimited, PayloadTooLarge, Ignored, Quarantined, Error]
"""One of v1's six outcomes; match on the class or on ``.status``."""

BLOCKING = (RateLimited, PayloadTooLarge, Quarantined)
"""Verdicts that are reasons to block a request; everything else (error included) lets it through."""


@dataclass(frozen=True)
class AuditRecord:
    id: str
    type: str
    signature: str
    timestamp: int
    hash: str
    previous_hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "signature": self.signature,
            "timestamp": self.timestamp,
            "hash": self.hash,
            "previousHash": self.previous_hash,
        }

    def verify_hash(self) -> bool:
        """Recomputes v1's record hash locally."""
        return kernel.record_hash(self.to_dict()) == self.hash

    def leaf_hash(self) -> str:
        """The record's Merkle leaf hash: every field bound (raises AuditEntryError for a malformed record)."""
        return kernel.leaf_hash(self.to_dict())


@dataclass(frozen=True)
class TreeHead:
    tree_size: int
    root_hash: str
    timestamp: int
    kid: str | None = None
    mac: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"treeSize": self.tree_size, "rootHash": self.root_hash, "timestamp": self.timestamp}
        if self.mac:
            d.update(kid=self.kid, mac=self.mac)
        return d

    def verify_mac(self, key: bytes | str | Mapping[str, bytes | str]) -> bool:
        """With one key (bytes or hex), or a keyring ``{kid: key}`` (rotation): the record's ``kid`` picks the key."""
        return _verify_signed(self.kid, self.mac, self.to_dict(), key)


@dataclass(frozen=True)
class EvidenceRecord:
    signature: str
    hash: str
    size: int
    severity: SeverityName
    captured: int
    kid: str | None = None
    mac: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "signature": self.signature,
            "hash": self.hash,
            "size": self.size,
            "severity": self.severity,
            "captured": self.captured,
        }
        if self.mac:
            d.update(kid=self.kid, mac=self.mac)
        return d

    def verify_mac(self, key: bytes | str | Mapping[str, bytes | str]) -> bool:
        """With one key (bytes or hex), or a keyring ``{kid: key}`` (rotation): the record's ``kid`` picks the key."""
        return _verify_signed(self.kid, self.mac, self.to_dict(), key)


@dataclass(frozen=True)
class InclusionProof:
    leaf_index: int
    tree_size: int
    leaf_hash: str
    path: list[str] = field(default_factory=list)

    def verify(self, root_hash: str) -> bool:
        return kernel.verify_inclusion(self.leaf_hash, self.leaf_index, self.tree_size, self.path, root_hash)


@dataclass(frozen=True)
class ConsistencyProof:
    first_size: int
    second_size: int
    path: list[str] = field(default_factory=list)

    def verify(self, first_root: str, second_root: str) -> bool:
        return kernel.verify_consistency(self.first_size, self.second_size, self.path, first_root, second_root)


@dataclass(frozen=True)
class HandshakeInfo:
    server_name: str
    server_version: str
    schema_version: str
    features: list[str]


@dataclass(frozen=True)
class Stats:
    """The daemon's counters in the engine's JSON form (camelCase keys, as ``th.stats()``)."""

    agent: dict[str, int]
    quarantine: dict[str, Any]
    rate_limiter: dict[str, int]
    audit: dict[str, int]


def _verify_signed(kid: str | None, mac: str | None, body: dict[str, Any], key: bytes | str | Mapping[str, bytes | str]) -> bool:
    if mac is None:
        return False
    if isinstance(key, Mapping):
        if kid is None or kid not in key:
            return False
        key = key[kid]
    return kernel.verify_record_mac(key, body)


class IncompatibleSchemaError(RuntimeError):
    """The daemon speaks another major version of tracehound.v1 (raised by connect, never by intercept)."""
