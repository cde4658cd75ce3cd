"""Client behaviour without the real daemon: addresses, wire conversion, fail-open/closed, deadlines,
schema skew. A small in-process grpcio server plays a slow or incompatible daemon."""

from __future__ import annotations

import asyncio
import math
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path
from typing import Any

import grpc
import pytest

import tracehound as th
from tracehound import _common, _convert
from tracehound._gen.tracehound.v1 import tracehound_service_pb2 as svc, tracehound_service_pb2_grpc as svc_grpc

THREAT = th.Threat("injection", "high")


def scent(payload: Any = None, threat: th.Threat | None = THREAT) -> th.Scent:
    return th.Scent("s-1", payload, "src", 1700000000000, threat)


def test_parse_address() -> None:
    assert _common.parse_address("unix:///run/th.sock") == _common.Target("unix:///run/th.sock", False, True)
    assert _common.parse_address("/run/th.sock").target == "unix:/run/th.sock"
    assert _common.parse_address("127.0.0.1:7420") == _common.Target("127.0.0.1:7420", False, False)
    assert _common.parse_address("http://127.0.0.1:7420/") == _common.Target("127.0.0.1:7420", False, False)
    assert _common.parse_address("https://h:1") == _common.Target("h:1", True, False)


def test_scent_to_wire() -> None:
    payload = {"a": [1, 2.5, None, True, "x"], "lone": "\ud800", "__proto__": {"k": 1}}
    w = _convert.scent_to_wire(scent(payload))
    assert w.WhichOneof("payload_form") == "payload_cjson"
    assert w.payload_cjson == th.canonical_bytes(payload)  # the kernel's bytes, lone surrogate escaped
    assert w.payload_cjson == b'{"__proto__":{"k":1},"a":[1,2.5,null,true,"x"],"lone":"\\ud800"}'
    assert (w.threat.category, w.threat.severity, w.timestamp_ms) == (1, 3, 1700000000000)
    clean = _convert.scent_to_wire(scent({"k": math.nan}, threat=None))  # never read by the engine: not sent
    assert not clean.HasField("threat") and clean.WhichOneof("payload_form") is None
    assert _convert.scent_to_wire({"id": "x", "payload": [], "source": "s", "timestamp": 5}).id == "x"


def test_refused_payloads_travel_as_refusals() -> None:
    deep: Any = 1
    for _ in range(513):
        deep = [deep]
    for payload, kind in (
        (math.nan, "KIND_NOT_JSON"),
        (10**400, "KIND_NOT_JSON"),
        ({"s": {1, 2}}, "KIND_NOT_JSON"),
        (deep, "KIND_TOO_DEEP"),
    ):
        w = _convert.scent_to_wire(scent(payload))
        assert w.WhichOneof("payload_form") == "payload_refusal"
        assert w.payload_refusal.Kind.Name(w.payload_refusal.kind) == kind


def test_local_refusals_need_no_daemon() -> None:
    with th.Client("unix:///nonexistent/th.sock") as c:
        bad = c.intercept(
            {"id": "x", "payload": 1, "source": "s", "timestamp": 1, "threat": {"category": "nope", "severity": "low"}}
        )
        assert isinstance(bad, th.Error) and bad.error.code == "SCENT_INVALID"
        for broken in ({"payload": 1}, {"id": "x", "source": "s", "timestamp": "soon"}, object()):
            v = c.intercept(broken)  # type: ignore[arg-type]
            assert isinstance(v, th.Error) and v.error.code == "SCENT_INVALID" and v.degraded is None


def test_daemon_down_fails_open_with_a_degraded_clean() -> None:
    seen: list[th.Degraded] = []
    with th.connect("unix:///nonexistent/th.sock", on_degraded=seen.append) as c:
        assert c.handshake is None
        v = c.intercept(scent("x"))
        assert isinstance(v, th.Clean) and v.degraded is not None and v.degraded.code == "UNAVAILABLE"
        many = c.intercept_many([scent(1), scent(2, None), scent(math.inf)])
        assert [type(x) for x in many] == [th.Clean] * 3 and all(x.degraded for x in many)
        assert len(seen) == 4


def test_daemon_down_fail_closed_gives_a_degraded_error() -> None:
    with th.connect("unix:///nonexistent/th.sock", fail_mode="closed") as c:
        v = c.intercept(scent("x"))
        assert isinstance(v, th.Error) and v.error.code == "DAEMON_UNAVAILABLE" and v.error.recoverable
        assert v.degraded is not None


def test_bad_fail_mode() -> None:
    with pytest.raises(ValueError):
        th.Client("unix:///x", fail_mode="maybe")  # type: ignore[arg-type]


def stall(context: grpc.ServicerContext, seconds: float) -> None:
    """Waits `seconds`, or less if the client gives up on the call first (its deadline, a cancel)."""
    ended = threading.Event()
    context.add_callback(ended.set)
    ended.wait(seconds)


class FakeDaemon(svc_grpc.TracehoundServiceServicer):
    def __init__(self, schema: str, delay: float, handshake_delay: float = 0.0) -> None:
        self.schema, self.delay, self.handshake_delay = schema, delay, handshake_delay

    def Handshake(self, request: svc.HandshakeRequest, context: grpc.ServicerContext) -> svc.HandshakeResponse:
        stall(context, self.handshake_delay)
        if self.schema.split(".")[0] != request.schema_version.split(".")[0]:
            context.abort(grpc.StatusCode.FAILED_PRECONDITION, f"schema {self.schema} vs {request.schema_version}")
        return svc.HandshakeResponse(server_name="fake", schema_version=self.schema, compatible=True)

    def Intercept(self, request: svc.InterceptRequest, context: grpc.ServicerContext) -> svc.InterceptResponse:
        stall(context, self.delay)
        res = svc.InterceptResponse()
        res.verdict.clean.SetInParent()
        return res

    def InterceptStream(
        self, request_iterator: Iterator[svc.InterceptStreamRequest], context: grpc.ServicerContext
    ) -> Iterator[svc.InterceptStreamResponse]:
        for req in request_iterator:
            time.sleep(self.delay)
            res = svc.InterceptStreamResponse(request_id=req.request_id)
            for _ in req.scents:
                res.verdicts.add().clean.SetInParent()
            yield res


@pytest.fixture()
def fake(request: pytest.FixtureRequest) -> Iterator[str]:
    d = tempfile.mkdtemp()
    server = grpc.server(futures.ThreadPoolExecutor(4))
    svc_grpc.add_TracehoundServiceServicer_to_server(FakeDaemon(*request.param), server)
    server.add_insecure_port(f"unix:{d}/fake.sock")
    server.start()
    yield f"unix://{d}/fake.sock"
    server.stop(0)
    Path(d, "fake.sock").unlink(missing_ok=True)


# The fake answers after 30 s; only the client's 50 ms deadline can end these calls. The wall-clock
# bound is 10x that deadline (a loaded machine), far below what waiting for the fake would take.
@pytest.mark.parametrize("fake", [("1.0.0", 30.0)], indirect=True)
def test_slow_daemon_hits_the_deadline_and_fails_open(fake: str) -> None:
    with th.connect(fake, timeout=0.05) as c:
        assert c.handshake is not None and c.handshake.server_name == "fake"
        t0 = time.monotonic()
        v = c.intercept(scent("x"))
        assert time.monotonic() - t0 < 10 * 0.05
        assert isinstance(v, th.Clean) and v.degraded is not None and v.degraded.code == "DEADLINE_EXCEEDED"


@pytest.mark.parametrize("fake", [("1.0.0", 0.0, 30.0)], indirect=True)
def test_a_handshake_on_the_request_path_keeps_the_intercept_deadline(fake: str) -> None:
    c = th.Client(fake, timeout=0.05, call_timeout=5)
    t0 = time.monotonic()
    v = c.intercept(scent("x"))
    assert time.monotonic() - t0 < 10 * 0.05
    assert isinstance(v, th.Clean) and v.degraded is not None and v.degraded.code == "DEADLINE_EXCEEDED"
    c.close()


@pytest.mark.parametrize("fake", [("1.0.0", 0.0)], indirect=True)
def test_fast_fake_daemon_answers_clean_undegraded(fake: str) -> None:
    with th.connect(fake) as c:
        v = c.intercept(scent("x"))
        assert isinstance(v, th.Clean) and v.degraded is None


@pytest.mark.parametrize("fake", [("2.0.0", 0.0)], indirect=True)
def test_schema_skew_raises_at_connect_but_never_from_intercept(fake: str) -> None:
    with pytest.raises(th.IncompatibleSchemaError, match="2.0.0"):
        th.connect(fake)
    c = th.Client(fake)
    v = c.intercept(scent("x"))
    assert isinstance(v, th.Clean) and v.degraded is not None and v.degraded.code == "FAILED_PRECONDITION"
    with pytest.raises(th.IncompatibleSchemaError):
        c.connect()
    c.close()


@pytest.mark.parametrize("fake", [("2.0.0", 0.0)], indirect=True)
def test_aio_schema_skew(fake: str) -> None:
    async def go() -> None:
        with pytest.raises(th.IncompatibleSchemaError):
            async with th.aio.connect(fake):
                pass

    asyncio.run(go())


def test_aio_daemon_down_fails_open() -> None:
    async def go() -> list[th.Verdict]:
        async with th.aio.connect("unix:///nonexistent/th.sock") as c:
            return [await c.intercept(scent("x")), *(await c.intercept_many([scent(1), scent(2)]))]

    verdicts = asyncio.run(go())
    assert all(isinstance(v, th.Clean) and v.degraded is not None for v in verdicts) and len(verdicts) == 3


def test_on_degraded_hook_errors_do_not_escape() -> None:
    def boom(_: th.Degraded) -> None:
        raise RuntimeError("hook")

    with th.Client("unix:///nonexistent/th.sock", on_degraded=boom) as c:
        assert isinstance(c.intercept(scent("x")), th.Clean)


def test_verdict_forms() -> None:
    h = th.EvidenceInfo("spam:ab", "ab", 3, 5, "low", False)
    assert th.Quarantined(h).to_dict() == {
        "status": "quarantined",
        "handle": {"signature": "spam:ab", "hash": "ab", "size": 3, "severity": "low", "captured": 5, "disposed": False},
    }
    assert th.RateLimited(7).to_dict() == {"status": "rate_limited", "retryAfter": 7}
    assert th.Error(th.VerdictError("agent", "X", "msg", False)).to_dict() == {
        "status": "error",
        "error": {"state": "agent", "code": "X", "recoverable": False},
    }
    assert isinstance(th.Quarantined(h), th.BLOCKING) and not isinstance(th.Clean(), th.BLOCKING)


def test_threads_share_one_client() -> None:
    with th.Client("unix:///nonexistent/th.sock") as c:
        out: list[th.Verdict] = []
        ts = [threading.Thread(target=lambda: out.append(c.intercept(scent("x")))) for _ in range(8)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        assert len(out) == 8 and all(isinstance(v, th.Clean) for v in out)
