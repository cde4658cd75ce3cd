"""The synchronous client: ``with tracehound.connect("unix:///run/th.sock") as th: th.intercept(scent)``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

import grpc

from . import _common as c
from ._stream import SyncMux
from ._convert import (
    audit_record_from_wire,
    consistency_from_wire,
    evidence_from_wire,
    evidence_record_from_wire,
    inclusion_from_wire,
    stats_from_wire,
    tree_head_from_wire,
    verdict_from_wire,
)
from ._gen.tracehound.v1 import tracehound_service_pb2 as svc, tracehound_service_pb2_grpc as svc_grpc
from .types import (
    AuditRecord,
    ConsistencyProof,
    Degraded,
    EvidenceInfo,
    EvidenceRecord,
    HandshakeInfo,
    IncompatibleSchemaError,
    InclusionProof,
    Stats,
    TreeHead,
    Verdict,
)


class Client:
    """A tracehoundd client. ``intercept``/``intercept_many`` never raise; the other calls raise grpc.RpcError."""

    def __init__(
        self,
        address: str | None = None,
        *,
        token: str | None = None,
        timeout: float = 1.0,
        call_timeout: float = 5.0,
        fail_mode: c.FailMode = "open",
        on_degraded: Callable[[Degraded], None] | None = None,
        client_name: str = "tracehound-python",
        client_version: str = "",
        credentials: grpc.ChannelCredentials | None = None,
        options: Sequence[tuple[str, Any]] = (),
        intercept_path: c.InterceptPath = "stream",
    ) -> None:
        """``timeout``: deadline (s) of one intercept or one intercept_many batch; ``call_timeout``: every other call.
        ``intercept_path``: "stream" (one message per intercept on a long-lived InterceptStream) or "unary"."""
        t = c.parse_address(address)
        opts = c.channel_options(t, options)
        if t.secure or credentials is not None:
            self.channel = grpc.secure_channel(t.target, credentials or grpc.ssl_channel_credentials(), opts)
        else:
            self.channel = grpc.insecure_channel(t.target, opts)
        self.stub = svc_grpc.TracehoundServiceStub(self.channel)
        self.metadata: tuple[tuple[str, str], ...] = (("authorization", f"Bearer {token}"),) if token else ()
        self.timeout = timeout
        self.call_timeout = call_timeout
        self.handshake: HandshakeInfo | None = None
        self._failures = c.Failures(fail_mode, on_degraded)
        self._hello = c.handshake_request(client_name, client_version)
        self._skew: BaseException | None = None
        self._mux = SyncMux(self.stub, self.metadata) if c.check_path(intercept_path) == "stream" else None

    # -- lifecycle -------------------------------------------------------------------------------

    def connect(self, timeout: float | None = None) -> HandshakeInfo:
        """Runs the Handshake now. Raises IncompatibleSchemaError on a major skew, grpc.RpcError if unreachable."""
        if self._skew is not None:
            raise self._skew
        try:
            res = self.stub.Handshake(self._hello, timeout=timeout or self.call_timeout, metadata=self.metadata)
            self.handshake = c.handshake_info(cast(svc.HandshakeResponse, res))
        except grpc.RpcError as e:
            if c.is_skew(e):
                self._skew = IncompatibleSchemaError(c.rpc_details(e))
                raise self._skew from e
            raise
        except IncompatibleSchemaError as e:
            self._skew = e
            raise
        return self.handshake

    def _ensure(self) -> None:
        if self.handshake is None:
            self.connect(self.timeout)  # on the request path: the intercept deadline

    def close(self) -> None:
        if self._mux is not None:
            self._mux.close()
        self.channel.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- verdicts (never raise) ------------------------------------------------------------------

    def intercept(self, scent: c.ScentLike) -> Verdict:
        """One scent → one of the six verdicts; daemon trouble gives a verdict marked ``degraded``."""
        out, wire = c.prepare([scent])
        if not wire:
            return cast(Verdict, out[0])
        try:
            self._ensure()
            if self._mux is not None:
                return verdict_from_wire(self._mux.call([wire[0][1]], self.timeout)[0])
            res = self.stub.Intercept(svc.InterceptRequest(scent=wire[0][1]), timeout=self.timeout, metadata=self.metadata)
            return verdict_from_wire(cast(svc.InterceptResponse, res).verdict)
        except Exception as e:  # never into the caller's request path
            return self._failures.verdict(e)

    def intercept_many(self, scents: Iterable[c.ScentLike]) -> list[Verdict]:
        """Verdicts in scent order, over one InterceptStream (batches of 1000)."""
        out, wire = c.prepare(scents)
        if not wire:
            return c.merge(out, wire, [])
        requests = c.batches(wire)
        try:
            self._ensure()
            call = self.stub.InterceptStream(iter(requests), timeout=self.timeout * len(requests), metadata=self.metadata)
            verdicts = [verdict_from_wire(v) for r in cast(Iterable[svc.InterceptStreamResponse], call) for v in r.verdicts]
            if len(verdicts) != len(wire):
                raise c.DataLoss(f"daemon answered {len(verdicts)} of {len(wire)} scents")
        except Exception as e:
            verdicts = [self._failures.verdict(e) for _ in wire]
        return c.merge(out, wire, verdicts)

    # -- evidence and audit (raise grpc.RpcError) ------------------------------------------------

    def _call(self, method: str, request: Any) -> Any:
        return getattr(self.stub, method)(request, timeout=self.call_timeout, metadata=self.metadata)

    def get_evidence(self, signature: str) -> tuple[EvidenceInfo, EvidenceRecord] | None:
        try:
            res = cast(svc.GetEvidenceResponse, self._call("GetEvidence", svc.GetEvidenceRequest(signature=signature)))
        except grpc.RpcError as e:
            if c.rpc_code(e) == grpc.StatusCode.NOT_FOUND:
                return None
            raise
        return evidence_from_wire(res.handle), evidence_record_from_wire(res.record)

    def list_quarantine(self) -> list[EvidenceInfo]:
        out: list[EvidenceInfo] = []
        token = ""
        while True:
            res = cast(
                svc.ListQuarantineResponse,
                self._call("ListQuarantine", svc.ListQuarantineRequest(page_size=1000, page_token=token)),
            )
            out.extend(evidence_from_wire(h) for h in res.handles)
            token = res.next_page_token
            if not token:
                return out

    def neutralize(self, signature: str) -> tuple[AuditRecord, int] | None:
        """The audit record appended and the new tree size; None when nothing is quarantined under it."""
        try:
            res = cast(svc.NeutralizeResponse, self._call("Neutralize", svc.NeutralizeRequest(signature=signature)))
        except grpc.RpcError as e:
            if c.rpc_code(e) == grpc.StatusCode.NOT_FOUND:
                return None
            raise
        return audit_record_from_wire(res.record), res.tree_size

    def get_tree_head(self) -> TreeHead:
        return tree_head_from_wire(cast(svc.GetTreeHeadResponse, self._call("GetTreeHead", svc.GetTreeHeadRequest())).tree_head)

    def get_inclusion_proof(self, leaf_index: int, tree_size: int = 0) -> tuple[InclusionProof, AuditRecord | None]:
        res = cast(
            svc.GetInclusionProofResponse,
            self._call("GetInclusionProof", svc.GetInclusionProofRequest(leaf_index=leaf_index, tree_size=tree_size)),
        )
        return inclusion_from_wire(res.proof), audit_record_from_wire(res.record) if res.HasField("record") else None

    def get_consistency_proof(self, first_size: int, second_size: int = 0) -> ConsistencyProof:
        res = cast(
            svc.GetConsistencyProofResponse,
            self._call("GetConsistencyProof", svc.GetConsistencyProofRequest(first_size=first_size, second_size=second_size)),
        )
        return consistency_from_wire(res.proof)

    def stats(self) -> Stats:
        return stats_from_wire(cast(svc.GetStatsResponse, self._call("GetStats", svc.GetStatsRequest())))

    # -- verification without trusting the daemon -----------------------------------------------

    def verify_record(self, leaf_index: int, head: TreeHead | None = None) -> bool:
        """Fetches record ``leaf_index`` with its inclusion proof and checks both locally against ``head``."""
        head = head or self.get_tree_head()
        proof, record = self.get_inclusion_proof(leaf_index, head.tree_size)
        return (
            record is not None
            and record.verify_hash()
            and proof.verify(head.root_hash)
            and proof.leaf_hash == _leaf(record.to_dict())
        )

    def verify_consistency(self, old: TreeHead, new: TreeHead | None = None) -> bool:
        """Checks locally that ``new`` (default: the current head) extends ``old``."""
        new = new or self.get_tree_head()
        if old.tree_size == 0:
            return True  # the empty tree is a prefix of every tree
        return self.get_consistency_proof(old.tree_size, new.tree_size).verify(old.root_hash, new.root_hash)


def _leaf(record: dict[str, Any]) -> str:
    from .kernel import leaf_hash

    try:
        return leaf_hash(record)
    except ValueError:
        return ""


def connect(
    address: str | None = None,
    *,
    token: str | None = None,
    timeout: float = 1.0,
    call_timeout: float = 5.0,
    fail_mode: c.FailMode = "open",
    on_degraded: Callable[[Degraded], None] | None = None,
    client_name: str = "tracehound-python",
    client_version: str = "",
    credentials: grpc.ChannelCredentials | None = None,
    options: Sequence[tuple[str, Any]] = (),
    intercept_path: c.InterceptPath = "stream",
) -> Client:
    """Opens a client and runs the Handshake. A daemon that is down is tolerated (the handshake is retried
    before the next call and intercepts fail open); a schema major skew raises IncompatibleSchemaError.
    ``timeout``: deadline (s) of one intercept or one intercept_many batch; ``call_timeout``: other calls."""
    client = Client(
        address,
        token=token,
        timeout=timeout,
        call_timeout=call_timeout,
        fail_mode=fail_mode,
        on_degraded=on_degraded,
        client_name=client_name,
        client_version=client_version,
        credentials=credentials,
        options=options,
        intercept_path=intercept_path,
    )
    try:
        client.connect()
    except IncompatibleSchemaError:
        client.close()
        raise
    except grpc.RpcError:
        pass
    return client
