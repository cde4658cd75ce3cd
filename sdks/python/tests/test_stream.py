"""The default intercept path (one long-lived InterceptStream, calls matched by request_id): against
the real tracehoundd, and against an in-process grpcio server for what the daemon will not do on
demand (answer one call late, drop the stream with calls in flight)."""

from __future__ import annotations

import asyncio
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path
from typing import Any, Literal

import grpc
import pytest

import tracehound as th
from conftest import Daemon
from tracehound._gen.tracehound.v1 import scent_pb2, tracehound_service_pb2 as svc, tracehound_service_pb2_grpc as svc_grpc
from tracehound._gen.tracehound.v1 import verdict_pb2
from tracehound._stream import StreamError
from tracehound.kernel import signature


def threat(payload: Any) -> th.Scent:
    return th.Scent(f"id-{uuid.uuid4()}", payload, f"src-{uuid.uuid4()}", int(time.time() * 1000), th.Threat("injection", "high"))


def test_concurrent_calls_are_matched_by_id(client: th.Client) -> None:
    scents = [threat({"n": i, "u": str(uuid.uuid4())}) for i in range(48)]
    results: dict[str, th.Verdict] = {}

    def run(s: th.Scent) -> None:
        results[s.id] = client.intercept(s)

    with futures.ThreadPoolExecutor(8) as pool:
        list(pool.map(run, scents))
    for s in scents:
        v = results[s.id]
        assert isinstance(v, th.Quarantined) and v.degraded is None, v
        assert v.handle.signature == signature("injection", s.payload)
    assert client._mux is not None and client._mux.backoff.opened == 1


def test_a_bad_scent_fails_only_its_call(client: th.Client) -> None:
    assert client._mux is not None
    bad = scent_pb2.Scent(
        id="bad",
        source="s",
        threat=scent_pb2.ThreatSignal(category=scent_pb2.THREAT_CATEGORY_UNSPECIFIED, severity=scent_pb2.SEVERITY_HIGH),
    )
    with pytest.raises(StreamError) as e:
        client._mux.call([bad], 5)
    assert e.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert isinstance(client.intercept(threat({"after": str(uuid.uuid4())})), th.Quarantined)
    assert client._mux.backoff.opened == 1


def test_aio_stream(daemon: Daemon) -> None:
    async def main() -> None:
        async with th.aio.connect(daemon.address, timeout=5) as c:
            scents = [threat({"aio": i, "u": str(uuid.uuid4())}) for i in range(32)]
            verdicts = await asyncio.gather(*(c.intercept(s) for s in scents))
            for s, v in zip(scents, verdicts, strict=True):
                assert isinstance(v, th.Quarantined) and v.handle.signature == signature("injection", s.payload)
            assert c._mux is not None and c._mux.backoff.opened == 1

    asyncio.run(main())


def test_unary_path_stays_available(daemon: Daemon) -> None:
    with th.connect(daemon.address, timeout=5, intercept_path="unary") as c:
        assert c._mux is None
        assert isinstance(c.intercept(threat({"unary": str(uuid.uuid4())})), th.Quarantined)


CLEAN = verdict_pb2.Verdict(clean=verdict_pb2.Verdict.Clean())


class Fake(svc_grpc.TracehoundServiceServicer):
    """Answers a scent whose id is "slow" only once `release` is set; drops the first stream once
    `drop_after` requests are held; answers everything else clean."""

    def __init__(self, drop_after: int = 0) -> None:
        self.release = threading.Event()
        self.late_sent = threading.Event()
        self.drop_after = drop_after
        self.streams = 0

    def Handshake(self, request: Any, context: Any) -> svc.HandshakeResponse:
        return svc.HandshakeResponse(server_name="fake", schema_version="1.0.0", compatible=True)

    def InterceptStream(
        self, request_iterator: Iterator[svc.InterceptStreamRequest], context: Any
    ) -> Iterator[svc.InterceptStreamResponse]:
        self.streams += 1
        first = self.streams == 1
        held = 0
        for req in request_iterator:
            if first and self.drop_after:
                held += 1
                if held == self.drop_after:
                    context.abort(grpc.StatusCode.UNAVAILABLE, "daemon going away")
                continue
            if req.scents[0].id == "slow":
                self.release.wait()
                yield svc.InterceptStreamResponse(request_id=req.request_id, verdicts=[CLEAN])
                self.late_sent.set()
                continue
            yield svc.InterceptStreamResponse(request_id=req.request_id, verdicts=[CLEAN] * len(req.scents))


@pytest.fixture()
def fake_server() -> Iterator[tuple[Any, str]]:
    d = Path(tempfile.mkdtemp())
    servers: list[grpc.Server] = []

    def serve(fake: Fake) -> str:
        server = grpc.server(futures.ThreadPoolExecutor(4))
        svc_grpc.add_TracehoundServiceServicer_to_server(fake, server)
        sock = d / f"fake{len(servers)}.sock"
        server.add_insecure_port(f"unix:{sock}")
        server.start()
        servers.append(server)
        return f"unix://{sock}"

    yield serve, str(d)
    for s in servers:
        s.stop(None)


def test_one_call_past_its_deadline_leaves_the_stream_serving(fake_server: Any) -> None:
    serve, _ = fake_server
    fake = Fake()
    with th.connect(serve(fake), timeout=0.2) as c:
        # The fake answers in order, so the slow call's late answer comes before the next one's.
        slow = c.intercept(th.Scent("slow", 1, "s", 1, th.Threat("injection", "high")))
        assert isinstance(slow, th.Clean) and slow.degraded is not None and slow.degraded.code == "DEADLINE_EXCEEDED"
        fake.release.set()
        assert fake.late_sent.wait(10)
        assert c.intercept(threat({"x": 1})) == th.Clean()
        assert c._mux is not None and c._mux.backoff.opened == 1 and fake.streams == 1


@pytest.mark.parametrize("mode", ["open", "closed"])
def test_a_lost_stream_fails_calls_in_flight_then_reconnects(fake_server: Any, mode: Literal["open", "closed"]) -> None:
    serve, _ = fake_server
    in_flight = 4
    fake = Fake(drop_after=in_flight)
    with th.connect(serve(fake), timeout=30, fail_mode=mode) as c:
        with futures.ThreadPoolExecutor(in_flight) as pool:
            verdicts = list(pool.map(lambda i: c.intercept(threat({"i": i})), range(in_flight)))
        for v in verdicts:
            assert v.degraded is not None and v.degraded.code == "UNAVAILABLE", v
            assert isinstance(v, th.Clean if mode == "open" else th.Error), v
        assert c.intercept(threat({"after": 1})) == th.Clean()
        assert c._mux is not None and c._mux.backoff.opened == 2
