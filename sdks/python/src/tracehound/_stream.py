"""The default intercept path: one long-lived InterceptStream per client, every call one request
message with its own request_id and one response back (the daemon answers in request order; calls
are matched by id). Each call keeps its own deadline. A lost stream fails every call in flight with
the stream's status, which the client turns into a verdict per its fail mode exactly as for a unary
call; the next call opens a new stream (at once after one loss, then after a backoff of 50 ms
doubling to 2 s while losses repeat)."""

from __future__ import annotations

import asyncio
import queue
import threading
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

import grpc

from ._gen.tracehound.v1 import scent_pb2, tracehound_service_pb2 as svc

BACKOFF_FIRST = 0.05
BACKOFF_MAX = 2.0
_CODES = {s.value[0]: s for s in grpc.StatusCode}


class StreamError(Exception):
    """A call on the stream failed with a gRPC status (shaped like grpc.RpcError for Failures)."""

    def __init__(self, code: grpc.StatusCode, details: str) -> None:
        super().__init__(f"{code.name}: {details}")
        self._code = code
        self._details = details

    def code(self) -> grpc.StatusCode:
        return self._code

    def details(self) -> str:
        return self._details


def refusal(res: svc.InterceptStreamResponse) -> StreamError:
    code = _CODES.get(res.error.code, grpc.StatusCode.UNKNOWN)
    return StreamError(grpc.StatusCode.UNKNOWN if code == grpc.StatusCode.OK else code, res.error.message)


def loss(e: BaseException) -> BaseException:
    """The stream's end as the error its calls in flight fail with."""
    if isinstance(e, grpc.RpcError):
        return e
    return StreamError(grpc.StatusCode.UNAVAILABLE, f"intercept stream lost: {e!r}")


ENDED = StreamError(grpc.StatusCode.UNAVAILABLE, "the daemon ended the intercept stream")
CLOSED = StreamError(grpc.StatusCode.CANCELLED, "client closed")


class _Backoff:
    def __init__(self) -> None:
        self.losses = 0
        self.retry_at = 0.0
        self.last: BaseException | None = None
        self.opened = 0

    def lost(self, e: BaseException) -> None:
        self.losses += 1
        self.last = e
        self.retry_at = 0.0 if self.losses < 2 else time.monotonic() + min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** (self.losses - 2))

    def waiting(self) -> BaseException | None:
        if time.monotonic() < self.retry_at:
            return self.last or ENDED
        return None


class _Pending:
    __slots__ = ("done", "verdicts", "error")

    def __init__(self) -> None:
        self.done = threading.Event()
        self.verdicts: Sequence[Any] = ()
        self.error: BaseException | None = None


class _SyncStream:
    def __init__(self) -> None:
        self.outbox: queue.SimpleQueue[svc.InterceptStreamRequest | None] = queue.SimpleQueue()
        self.calls: dict[int, _Pending] = {}
        self.dead = False
        self.call: Any = None

    def requests(self) -> Iterator[svc.InterceptStreamRequest]:
        while (r := self.outbox.get()) is not None:
            yield r


class SyncMux:
    """The stream for the sync client; safe for concurrent use from many threads."""

    def __init__(self, stub: Any, metadata: Sequence[tuple[str, str]]) -> None:
        self._stub = stub
        self._metadata = metadata
        self._lock = threading.Lock()
        self._stream: _SyncStream | None = None
        self._next = 0
        self.backoff = _Backoff()

    def call(self, scents: Sequence[scent_pb2.Scent], timeout: float) -> Sequence[Any]:
        with self._lock:
            s = self._stream
            if s is None:
                if (e := self.backoff.waiting()) is not None:
                    raise e
                s = self._stream = self._open()
            self._next += 1
            rid = self._next
            p = s.calls[rid] = _Pending()
        s.outbox.put(svc.InterceptStreamRequest(request_id=rid, scents=scents))
        if not p.done.wait(timeout):
            with self._lock:
                s.calls.pop(rid, None)  # a late answer is dropped; the stream goes on
            if not p.done.is_set():
                raise StreamError(grpc.StatusCode.DEADLINE_EXCEEDED, "the deadline expired before the daemon answered")
        if p.error is not None:
            raise p.error
        if len(p.verdicts) != len(scents):
            raise StreamError(grpc.StatusCode.DATA_LOSS, "daemon answered a batch only in part")
        return p.verdicts

    def _open(self) -> _SyncStream:
        s = _SyncStream()
        self.backoff.opened += 1
        s.call = self._stub.InterceptStream(s.requests(), metadata=self._metadata)
        threading.Thread(target=self._receive, args=(s,), name="tracehound-intercept-stream", daemon=True).start()
        return s

    def _receive(self, s: _SyncStream) -> None:
        try:
            for res in s.call:
                with self._lock:
                    self.backoff.losses = 0
                    p = s.calls.pop(res.request_id, None)
                if p is None:
                    continue
                if res.HasField("error"):
                    p.error = refusal(res)
                else:
                    p.verdicts = res.verdicts
                p.done.set()
            self._lost(s, ENDED, True)
        except BaseException as e:  # noqa: BLE001 - whatever ends the stream fails its calls
            self._lost(s, loss(e), True)

    def _lost(self, s: _SyncStream, e: BaseException, counted: bool) -> None:
        with self._lock:
            if s.dead:
                return
            s.dead = True
            calls, s.calls = s.calls, {}
            if self._stream is s:
                self._stream = None
            if counted:
                self.backoff.lost(e)
        s.outbox.put(None)
        for p in calls.values():
            p.error = e
            p.done.set()
        if s.call is not None:
            s.call.cancel()

    def close(self) -> None:
        with self._lock:
            s = self._stream
        if s is not None:
            self._lost(s, CLOSED, False)


class _AsyncStream:
    def __init__(self) -> None:
        self.outbox: asyncio.Queue[svc.InterceptStreamRequest | None] = asyncio.Queue()
        self.calls: dict[int, asyncio.Future[Sequence[Any]]] = {}
        self.dead = False
        self.call: Any = None
        self.reader: asyncio.Task[None] | None = None

    async def requests(self) -> AsyncIterator[svc.InterceptStreamRequest]:
        while (r := await self.outbox.get()) is not None:
            yield r


class AsyncMux:
    """The stream for the asyncio client (one event loop)."""

    def __init__(self, stub: Any, metadata: Sequence[tuple[str, str]]) -> None:
        self._stub = stub
        self._metadata = metadata
        self._stream: _AsyncStream | None = None
        self._next = 0
        self.backoff = _Backoff()

    async def call(self, scents: Sequence[scent_pb2.Scent], timeout: float) -> Sequence[Any]:
        s = self._stream
        if s is None:
            if (e := self.backoff.waiting()) is not None:
                raise e
            s = self._stream = self._open()
        self._next += 1
        rid = self._next
        fut: asyncio.Future[Sequence[Any]] = asyncio.get_running_loop().create_future()
        s.calls[rid] = fut
        s.outbox.put_nowait(svc.InterceptStreamRequest(request_id=rid, scents=scents))
        try:
            verdicts = await asyncio.wait_for(asyncio.shield(fut), timeout)
        except asyncio.TimeoutError:
            s.calls.pop(rid, None)  # a late answer is dropped; the stream goes on
            raise StreamError(grpc.StatusCode.DEADLINE_EXCEEDED, "the deadline expired before the daemon answered") from None
        if len(verdicts) != len(scents):
            raise StreamError(grpc.StatusCode.DATA_LOSS, "daemon answered a batch only in part")
        return verdicts

    def _open(self) -> _AsyncStream:
        s = _AsyncStream()
        self.backoff.opened += 1
        s.call = self._stub.InterceptStream(s.requests(), metadata=self._metadata)
        s.reader = asyncio.get_running_loop().create_task(self._receive(s))
        return s

    async def _receive(self, s: _AsyncStream) -> None:
        try:
            async for res in s.call:
                self.backoff.losses = 0
                fut = s.calls.pop(res.request_id, None)
                if fut is None or fut.done():
                    continue
                if res.HasField("error"):
                    fut.set_exception(refusal(res))
                else:
                    fut.set_result(res.verdicts)
            self._lost(s, ENDED, True)
        except asyncio.CancelledError:
            self._lost(s, CLOSED, False)
        except BaseException as e:  # noqa: BLE001 - whatever ends the stream fails its calls
            self._lost(s, loss(e), True)

    def _lost(self, s: _AsyncStream, e: BaseException, counted: bool) -> None:
        if s.dead:
            return
        s.dead = True
        calls, s.calls = s.calls, {}
        if self._stream is s:
            self._stream = None
        if counted:
            self.backoff.lost(e)
        s.outbox.put_nowait(None)
        for fut in calls.values():
            if not fut.done():
                fut.set_exception(e)
                fut.exception()  # retrieved: a call whose deadline passed no longer awaits it
        if s.call is not None:
            s.call.cancel()

    async def close(self) -> None:
        s = self._stream
        if s is not None:
            self._lost(s, CLOSED, False)
            if s.reader is not None:
                s.reader.cancel()
