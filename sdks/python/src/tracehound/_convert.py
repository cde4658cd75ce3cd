"""Wire messages ↔ the SDK's dataclasses."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from google.protobuf import json_format, struct_pb2

from ._gen.tracehound.v1 import audit_pb2, scent_pb2, tracehound_service_pb2, verdict_pb2
from .cjson import _utf16
from .types import (
    CATEGORIES, SEVERITIES, AuditRecord, Clean, ConsistencyProof, Error, EvidenceInfo, EvidenceRecord,
    Ignored, InclusionProof, PayloadTooLarge, Quarantined, RateLimited, Scent, SeverityName, Stats,
    TreeHead, Verdict, VerdictError,
)


class PayloadError(ValueError):
    """A payload the wire cannot carry (a lone surrogate, a non-JSON type)."""


def _text(s: str) -> str:
    s = _utf16(s)
    if any("\ud800" <= c <= "\udfff" for c in s):
        raise PayloadError("a lone UTF-16 surrogate cannot be sent (protobuf strings are UTF-8)")
    return s


def _fill(target: struct_pb2.Value, v: Any, depth: int = 0) -> None:
    if depth > 200:
        raise PayloadError("payload nested deeper than 200 levels")
    if v is None:
        target.null_value = struct_pb2.NULL_VALUE
    elif v is True or v is False:
        target.bool_value = v
    elif isinstance(v, str):
        target.string_value = _text(v)
    elif isinstance(v, int):
        try:
            target.number_value = float(v)
        except OverflowError:  # JavaScript reads such a literal as ±Infinity; the engine refuses it
            target.number_value = math.inf if v > 0 else -math.inf
    elif isinstance(v, float):
        target.number_value = v  # NaN and ±Infinity travel as doubles: the engine refuses them itself
    elif isinstance(v, Mapping):
        fields = target.struct_value.fields
        target.struct_value.SetInParent()
        for k, item in v.items():
            if not isinstance(k, str):
                raise PayloadError(f"object key {k!r} is not a string")
            _fill(fields[_text(k)], item, depth + 1)
    elif isinstance(v, (list, tuple)):
        values = target.list_value.values
        target.list_value.SetInParent()
        for item in v:
            _fill(values.add(), item, depth + 1)
    else:
        raise PayloadError(f"{type(v).__name__} is not JSON")


def payload_to_wire(payload: Any) -> struct_pb2.Value:
    value = struct_pb2.Value()
    _fill(value, payload)
    return value


def scent_to_wire(s: Scent | Mapping[str, Any]) -> scent_pb2.Scent:
    """Raises PayloadError for a payload the wire cannot carry (only when a threat is attached)."""
    scent = s if isinstance(s, Scent) else Scent.from_dict(dict(s))
    wire = scent_pb2.Scent(id=scent.id, source=scent.source, timestamp_ms=int(scent.timestamp))
    try:
        wire.payload.CopyFrom(payload_to_wire(scent.payload))
    except PayloadError:
        if scent.threat is not None:
            raise
        wire.payload.null_value = struct_pb2.NULL_VALUE  # the engine never reads a clean scent's payload
    if scent.threat is not None:
        if scent.threat.category not in CATEGORIES or scent.threat.severity not in SEVERITIES:
            raise ValueError(f"unknown threat {scent.threat}")
        wire.threat.CopyFrom(scent_pb2.ThreatSignal(category=f"THREAT_CATEGORY_{scent.threat.category.upper()}",
                                                    severity=f"SEVERITY_{scent.threat.severity.upper()}"))
    return wire


def severity_from_wire(n: int) -> SeverityName:
    return SEVERITIES[n - 1] if 1 <= n <= len(SEVERITIES) else "low"


def evidence_from_wire(h: verdict_pb2.EvidenceHandle) -> EvidenceInfo:
    return EvidenceInfo(h.signature, h.hash, h.size, h.captured_ms, severity_from_wire(h.severity), h.disposed)


def _unknown(message: str) -> Error:
    return Error(VerdictError("client", "CLIENT_UNKNOWN_VERDICT", message, False))


def verdict_from_wire(v: verdict_pb2.Verdict) -> Verdict:
    which = v.WhichOneof("outcome")
    if which == "clean":
        return Clean()
    if which == "rate_limited":
        return RateLimited(v.rate_limited.retry_after_ms)
    if which == "payload_too_large":
        return PayloadTooLarge(v.payload_too_large.limit_bytes)
    if which == "ignored":
        return Ignored(v.ignored.signature)
    if which == "quarantined":
        if not v.quarantined.HasField("handle"):
            return _unknown("quarantined verdict without a handle")
        return Quarantined(evidence_from_wire(v.quarantined.handle))
    if which == "error":
        e = v.error
        context = json_format.MessageToDict(e.context) if e.HasField("context") else None
        return Error(VerdictError(e.state, e.code, e.message, e.recoverable, context))
    return _unknown("verdict without an outcome")


def serialization_error(message: str) -> Error:
    return Error(VerdictError("agent", "AGENT_SERIALIZATION_FAILED", f"Failed to serialize: {message}", False))


def audit_record_from_wire(r: audit_pb2.AuditRecord) -> AuditRecord:
    return AuditRecord(r.id, r.type, r.signature, r.timestamp_ms, r.hash, r.previous_hash)


def tree_head_from_wire(h: audit_pb2.TreeHead) -> TreeHead:
    return TreeHead(h.tree_size, h.root_hash, h.timestamp_ms, h.kid or None, h.mac or None)


def evidence_record_from_wire(r: audit_pb2.EvidenceRecord) -> EvidenceRecord:
    return EvidenceRecord(r.signature, r.hash, r.size, severity_from_wire(r.severity), r.captured_ms,
                          r.kid or None, r.mac or None)


def inclusion_from_wire(p: audit_pb2.InclusionProof) -> InclusionProof:
    return InclusionProof(p.leaf_index, p.tree_size, p.leaf_hash, list(p.path))


def consistency_from_wire(p: audit_pb2.ConsistencyProof) -> ConsistencyProof:
    return ConsistencyProof(p.first_size, p.second_size, list(p.path))


def stats_from_wire(s: tracehound_service_pb2.GetStatsResponse) -> Stats:
    a, q, r, au = s.agent, s.quarantine, s.rate_limiter, s.audit
    return Stats(
        agent={"totalIntercepts": a.total_intercepts, "cleanCount": a.clean_count,
               "rateLimitedCount": a.rate_limited_count, "validationFailures": a.validation_failures,
               "ignoredCount": a.ignored_count, "quarantinedCount": a.quarantined_count, "errorCount": a.error_count},
        quarantine={"count": q.count, "bytes": q.bytes,
                    "bySeverity": {name: q.by_severity.get(name, 0) for name in SEVERITIES}},
        rate_limiter={"sources": r.sources, "blocked": r.blocked, "totalChecks": r.total_checks,
                      "totalRejections": r.total_rejections},
        audit={"records": au.records, "treeSize": au.tree_size},
    )
