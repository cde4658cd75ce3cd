"""Wire messages ↔ the SDK's dataclasses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from google.protobuf import json_format

from ._gen.tracehound.v1 import audit_pb2, scent_pb2, tracehound_service_pb2, verdict_pb2
from .cjson import CanonicalJsonError, canonical_bytes
from .client_error import ClientErrorCode, client_error
from .types import (
    CATEGORIES,
    SEVERITIES,
    AuditRecord,
    Clean,
    ConsistencyProof,
    Error,
    EvidenceInfo,
    EvidenceRecord,
    Ignored,
    InclusionProof,
    PayloadTooLarge,
    Quarantined,
    RateLimited,
    Scent,
    SeverityName,
    Stats,
    TreeHead,
    Verdict,
    VerdictError,
)


def payload_to_wire(wire: scent_pb2.Scent, payload: Any) -> None:
    """The kernel's TH-CJSON-1 bytes, or its refusal (too deep, not JSON) for the daemon to judge as the
    embedded engine does (rate limit first)."""
    try:
        wire.payload_cjson = canonical_bytes(payload)
    except CanonicalJsonError as e:
        kind = scent_pb2.PayloadRefusal.KIND_TOO_DEEP if e.too_deep else scent_pb2.PayloadRefusal.KIND_NOT_JSON
        wire.payload_refusal.CopyFrom(scent_pb2.PayloadRefusal(kind=kind, reason=str(e)))


def scent_to_wire(s: Scent | Mapping[str, Any]) -> scent_pb2.Scent:
    """A clean scent's payload is never read by the engine, so it is not sent."""
    scent = s if isinstance(s, Scent) else Scent.from_dict(dict(s))
    wire = scent_pb2.Scent(id=scent.id, source=scent.source, timestamp_ms=int(scent.timestamp))
    if scent.threat is not None:
        if scent.threat.category not in CATEGORIES or scent.threat.severity not in SEVERITIES:
            raise ValueError(f"unknown threat {scent.threat}")
        wire.threat.CopyFrom(
            scent_pb2.ThreatSignal(
                category=f"THREAT_CATEGORY_{scent.threat.category.upper()}", severity=f"SEVERITY_{scent.threat.severity.upper()}"
            )
        )
        payload_to_wire(wire, scent.payload)
    return wire


def severity_from_wire(n: int) -> SeverityName:
    return SEVERITIES[n - 1] if 1 <= n <= len(SEVERITIES) else "low"


def evidence_from_wire(h: verdict_pb2.EvidenceHandle) -> EvidenceInfo:
    return EvidenceInfo(h.signature, h.hash, h.size, h.captured_ms, severity_from_wire(h.severity), h.disposed)


def _unknown(message: str) -> Error:
    return Error(client_error(ClientErrorCode.CLIENT_ERROR_CODE_CLIENT_UNKNOWN_VERDICT, message))


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


def audit_record_from_wire(r: audit_pb2.AuditRecord) -> AuditRecord:
    return AuditRecord(r.id, r.type, r.signature, r.timestamp_ms, r.hash, r.previous_hash)


def tree_head_from_wire(h: audit_pb2.TreeHead) -> TreeHead:
    return TreeHead(h.tree_size, h.root_hash, h.timestamp_ms, h.kid or None, h.mac or None)


def evidence_record_from_wire(r: audit_pb2.EvidenceRecord) -> EvidenceRecord:
    return EvidenceRecord(
        r.signature, r.hash, r.size, severity_from_wire(r.severity), r.captured_ms, r.kid or None, r.mac or None
    )


def inclusion_from_wire(p: audit_pb2.InclusionProof) -> InclusionProof:
    return InclusionProof(p.leaf_index, p.tree_size, p.leaf_hash, list(p.path))


def consistency_from_wire(p: audit_pb2.ConsistencyProof) -> ConsistencyProof:
    return ConsistencyProof(p.first_size, p.second_size, list(p.path))


def stats_from_wire(s: tracehound_service_pb2.GetStatsResponse) -> Stats:
    a, q, r, au = s.agent, s.quarantine, s.rate_limiter, s.audit
    return Stats(
        agent={
            "totalIntercepts": a.total_intercepts,
            "cleanCount": a.clean_count,
            "rateLimitedCount": a.rate_limited_count,
            "validationFailures": a.validation_failures,
            "ignoredCount": a.ignored_count,
            "quarantinedCount": a.quarantined_count,
            "errorCount": a.error_count,
        },
        quarantine={"count": q.count, "bytes": q.bytes, "bySeverity": {name: q.by_severity.get(name, 0) for name in SEVERITIES}},
        rate_limiter={
            "sources": r.sources,
            "blocked": r.blocked,
            "totalChecks": r.total_checks,
            "totalRejections": r.total_rejections,
        },
        audit={"records": au.records, "treeSize": au.tree_size},
    )
