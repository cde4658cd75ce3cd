"""Tracehound for Python: a tracehoundd client (sync and asyncio) and a pure-Python verification kernel.

import tracehound
with tracehound.connect() as th:   # the daemon's default socket (tracehoundd --print-socket)
    verdict = th.intercept(tracehound.Scent("req-1", {"q": "' OR 1=1"}, "203.0.113.7", now_ms,
                                            tracehound.Threat("injection", "high")))
"""

__version__ = "0.1.0"

from .cjson import CanonicalJsonError, canonical_bytes, canonicalize  # noqa: E402
from .kernel import (  # noqa: E402
    AuditEntryError,
    check_entry,
    compute_mac,
    leaf_hash,
    merkle_root,
    record_hash,
    signature,
    verify_consistency,
    verify_inclusion,
    verify_mac,
    verify_record_mac,
)
from .types import (  # noqa: E402
    BLOCKING,
    AuditRecord,
    Category,
    SeverityName,
    Clean,
    ConsistencyProof,
    Degraded,
    Error,
    EvidenceInfo,
    EvidenceRecord,
    HandshakeInfo,
    Ignored,
    IncompatibleSchemaError,
    InclusionProof,
    PayloadTooLarge,
    Quarantined,
    RateLimited,
    Scent,
    Stats,
    Threat,
    TreeHead,
    Verdict,
    VerdictError,
)
from .client import Client, connect  # noqa: E402
from .client_error import ClientErrorCode, client_error_name  # noqa: E402
from ._common import SCHEMA_VERSION, default_socket_path  # noqa: E402
from . import aio  # noqa: E402

__all__ = [
    "__version__",
    "SCHEMA_VERSION",
    "default_socket_path",
    "connect",
    "Client",
    "aio",
    "Scent",
    "Threat",
    "Verdict",
    "Clean",
    "RateLimited",
    "PayloadTooLarge",
    "Ignored",
    "Quarantined",
    "Error",
    "BLOCKING",
    "Category",
    "SeverityName",
    "Degraded",
    "VerdictError",
    "EvidenceInfo",
    "EvidenceRecord",
    "AuditRecord",
    "TreeHead",
    "InclusionProof",
    "ConsistencyProof",
    "HandshakeInfo",
    "Stats",
    "IncompatibleSchemaError",
    "ClientErrorCode",
    "client_error_name",
    "CanonicalJsonError",
    "canonicalize",
    "canonical_bytes",
    "signature",
    "record_hash",
    "leaf_hash",
    "AuditEntryError",
    "check_entry",
    "merkle_root",
    "verify_inclusion",
    "verify_consistency",
    "compute_mac",
    "verify_mac",
    "verify_record_mac",
]
