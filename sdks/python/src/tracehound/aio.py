"""The asyncio client (grpc.aio): ``async with tracehound.aio.connect(addr) as th: await th.intercept(s)``."""

from __future__ import annotations

from collections.abc import AsyncIterable, Callable, Iterable, Sequence
from typing import Any, cast

import grpc
import grpc.aio

from . import _common as c
from ._stream import AsyncMux
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
from .client import _leaf
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

__all__ = ["AsyncClient", "connect"]


class AsyncClient:
    """Same surface as Client, every call awaitable. May be created anywhere; the channel is made on first use."""

    def __init__(
        self,
        address: str | None = None,
        *,
        token: str | None = None,
        timeout: float = 1.0,
        call_timeout: float = 5.0,
        fail_mode: c.FailMode = "open",
        on_degraded: Callable[[Degraded], None] | None = None,
        client_name: str = "tracehound-python-aio",
        client_version: str = "",
        credentials: grpc.ChannelCredentials | None = None,
        options: Sequence[tuple[str, Any]] = (),
        intercept_path: c.InterceptPath = "stream",
    ) -> None:
        self._stream_path = c.check_path(intercept_path) == "stream"
        self._mux: AsyncMux | None = None
        self._target = c.parse_address(address)
        self._options = c.channel_options(self._target, options)
        self._credentials = credentials
        self._channel: grpc.aio.Channel | None = None
        self._stub: svc_grpc.TracehoundServiceStub | None = None
        self.metadata: tuple[tuple[str, str], ...] = (("authorization", f"Bearer {token}"),) if token else ()
        self.timeout = timeout
        self.call_timeout = call_timeout
        self.handshake: HandshakeInfo | None = None
        self._failures = c.Failures(fail_mode, on_degraded)
        self._hello = c.handshake_request(client_name, client_version)
        self._skew: BaseException | None = None

    @property
    def channel(self) -> grpc.aio.Channel:
        """Made on first use, inside the running event loop (a grpc.aio channel belongs to one loop)."""
        if self._channel is None:
            t = self._target
            if t.secure or self._credentials is not None:
                creds = self._credentials or grpc.ssl_channel_credentials()
                self._channel = grpc.aio.secure_channel(t.target, creds, self._options)
            else:
                self._channel = grpc.aio.insecure_channel(t.target, self._options)
        return self._channel

    @property
    def stub(self) -> svc_grpc.TracehoundServiceStub:
        if self._stub is None:
            self._stub = svc_grpc.TracehoundServiceStub(self.channel)
        return self._stub

    async def connect(self, timeout: float | None = None) -> HandshakeInfo:
        """Runs the Handshake now. Raises IncompatibleSchemaError on a major skew, grpc.RpcError if unreachable."""
        if self._skew is not None:
            raise self._skew
        try:
            res = await self.stub.Handshake(self._hello, timeout=timeout or self.call_timeout, metadata=self.metadata)
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

    async def _ensure(self) -> None:
        if self.handshake is None:
            await self.connect(self.timeout)  # on the request path: the intercept deadline

    async def close(self) -> None:
        if self._mux is not None:
            mux, self._mux = self._mux, None
            await mux.close()
        if self._channel is not None:
            channel, self._channel, self._stub = self._channel, None, None
            await channel.close()

    async def __aenter__(self) -> AsyncClient:
        try:
            await self.connect()
        except IncompatibleSchemaError:
            await self.close()
            raise
        except grpc.RpcError:
            pass  # tolerated: retried before the next call, intercepts fail open
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def intercept(self, scent: c.ScentLike) -> Verdict:
        out, wire = c.prepare([scent])
        if not wire:
            return cast(Verdict, out[0])
        try:
            await self._ensure()
            if self._stream_path:
                if self._mux is None:
                    self._mux = AsyncMux(self.stub, self.metadata)
                return verdict_from_wire((await self._mux.call([wire[0][1]], self.timeout))[0])
            res = await self.stub.Intercept(svc.InterceptRequest(scent=wire[0][1]), timeout=self.timeout, metadata=self.metadata)
            return verdict_from_wire(cast(svc.InterceptResponse, res).verdict)
        except Exception as e:  # never into the caller's request path
            return self._failures.verdict(e)

    async def intercept_many(self, scents: Iterable[c.ScentLike]) -> list[Verdict]:
        out, wire = c.prepare(scents)
        if not wire:
            return c.merge(out, wire, [])
        requests = c.batches(wire)
        try:
            await self._ensure()
            call = self.stub.InterceptStream(iter(requests), timeout=self.timeout * len(requests), metadata=self.metadata)
            verdicts = [
                verdict_from_wire(v) async for r in cast(AsyncIterable[svc.InterceptStreamResponse], call) for v in r.verdicts
            ]
            if len(verdicts) != len(wire):
                raise c.DataLoss(f"daemon answered {len(verdicts)} of {len(wire)} scents")
        except Exception as e:
            verdicts = [self._failures.verdict(e) for _ in wire]
        return c.merge(out, wire, verdicts)

    async def _call(self, method: str, request: Any) -> Any:
        return await getattr(self.stub, method)(request, timeout=self.call_timeout, metadata=self.metadata)

    async def get_evidence(self, signature: str) -> tuple[EvidenceInfo, EvidenceRecord] | None:
        try:
            res = cast(svc.GetEvidenceResponse, await self._call("GetEvidence", svc.GetEvidenceRequest(signature=signature)))
        except grpc.RpcError as e:
            if c.rpc_code(e) == grpc.StatusCode.NOT_FOUND:
                return None
            raise
        return evidence_from_wire(res.handle), evidence_record_from_wire(res.record)

    async def list_quarantine(self) -> list[EvidenceInfo]:
        out: list[EvidenceInfo] = []
        token = ""
        while True:
            res = cast(
                svc.ListQuarantineResponse,
                await self._call("ListQuarantine", svc.ListQuarantineRequest(page_size=1000, page_token=token)),
            )
            out.extend(evidence_from_wire(h) for h in res.handles)
            token = res.next_page_token
            if not token:
                return out

    async def neutralize(self, signature: str) -> tuple[AuditRecord, int] | None:
        try:
            res = cast(svc.NeutralizeResponse, await self._call("Neutralize", svc.NeutralizeRequest(signature=signature)))
        except grpc.RpcError as e:
            if c.rpc_code(e) == grpc.StatusCode.NOT_FOUND:
                return None
            raise
        return audit_record_from_wire(res.record), res.tree_size

    async def get_tree_head(self) -> TreeHead:
        res = cast(svc.GetTreeHeadResponse, await self._call("GetTreeHead", svc.GetTreeHeadRequest()))
        return tree_head_from_wire(res.tree_head)

    async def get_inclusion_proof(self, leaf_index: int, tree_size: int = 0) -> tuple[InclusionProof, AuditRecord | None]:
        res = cast(
            svc.GetInclusionProofResponse,
            await self._call("GetInclusionProof", svc.GetInclusionProofRequest(leaf_index=leaf_index, tree_size=tree_size)),
        )
        return inclusion_from_wire(res.proof), audit_record_from_wire(res.record) if res.HasField("record") else None

    async def get_consistency_proof(self, first_size: int, second_size: int = 0) -> ConsistencyProof:
        res = cast(
            svc.GetConsistencyProofResponse,
            await self._call(
                "GetConsistencyProof", svc.GetConsistencyProofRequest(first_size=first_size, second_size=second_size)
            ),
        )
        return consistency_from_wire(res.proof)

    async def stats(self) -> Stats:
        return stats_from_wire(cast(svc.GetStatsResponse, await self._call("GetStats", svc.GetStatsRequest())))

    async def verify_record(self, leaf_index: int, head: TreeHead | None = None) -> bool:
        head = head or await self.get_tree_head()
        proof, record = await self.get_inclusion_proof(leaf_index, head.tree_size)
        return (
            record is not None
            and record.verify_hash()
            and proof.verify(head.root_hash)
            and proof.leaf_hash == _leaf(record.to_dict())
        )

    async def verify_consistency(self, old: TreeHead, new: TreeHead | None = None) -> bool:
        new = new or await self.get_tree_head()
        if old.tree_size == 0:
            return True
        return (await self.get_consistency_proof(old.tree_size, new.tree_size)).verify(old.root_hash, new.root_hash)


def connect(
    address: str | None = None,
    *,
    token: str | None = None,
    timeout: float = 1.0,
    call_timeout: float = 5.0,
    fail_mode: c.FailMode = "open",
    on_degraded: Callable[[Degraded], None] | None = None,
    client_name: str = "tracehound-python-aio",
    client_version: str = "",
    credentials: grpc.ChannelCredentials | None = None,
    options: Sequence[tuple[str, Any]] = (),
    intercept_path: c.InterceptPath = "stream",
) -> AsyncClient:
    """``async with tracehound.aio.connect(addr) as th:`` runs the Handshake on entry (same rules as the
    sync ``connect``: skew raises, a daemon that is down is tolerated)."""
    return AsyncClient(
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
