"""The Python client's latency bench, run by ``npm run bench:sdks`` (which starts the servers):
sequential intercepts over a Unix socket against tracehoundd on the default path (one long-lived
InterceptStream) and on the unary path, sync and asyncio, and the floor: unary Intercept through the
same grpcio channel options against a bare node:http2 echo, same run. The workload: a threat scent
with a small JSON payload (the first is quarantined, every later one is a duplicate → ignored: the
daemon canonicalizes and hashes each time). Prints one JSON line per row.

    sdks/python/.venv/bin/python sdks/python/bench/latency.py --daemon SOCKET --echo SOCKET [--calls 3000] [--warmup 500]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from collections.abc import Awaitable, Callable

import grpc

import tracehound as th
from tracehound import _common as c
from tracehound._convert import scent_to_wire
from tracehound._gen.tracehound.v1 import tracehound_service_pb2 as svc, tracehound_service_pb2_grpc as svc_grpc

PAYLOAD = {"path": "/login", "query": "user=admin", "body": "' OR 1=1 --", "headers": {"user-agent": "bench"}}


def scent(i: int) -> th.Scent:
    return th.Scent(f"py-{i}", PAYLOAD, "bench", int(time.time() * 1000), th.Threat("injection", "high"))


def row(client: str, path: str, samples_ns: list[int]) -> None:
    us = sorted(s / 1000 for s in samples_ns)
    print(
        json.dumps(
            {
                "client": client,
                "path": path,
                "calls": len(us),
                "p50Us": us[len(us) // 2],
                "p99Us": us[min(len(us) - 1, int(0.99 * len(us)))],
            }
        ),
        flush=True,
    )


def check(v: th.Verdict) -> None:
    if v.degraded is not None:
        raise SystemExit(f"degraded verdict: {v.degraded}")


def sample(calls: int, warmup: int, call: Callable[[int], object]) -> list[int]:
    for i in range(warmup):
        call(i)
    out = []
    for i in range(calls):
        t0 = time.perf_counter_ns()
        call(i)
        out.append(time.perf_counter_ns() - t0)
    return out


async def sample_async(calls: int, warmup: int, call: Callable[[int], Awaitable[object]]) -> list[int]:
    for i in range(warmup):
        await call(i)
    out = []
    for i in range(calls):
        t0 = time.perf_counter_ns()
        await call(i)
        out.append(time.perf_counter_ns() - t0)
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--daemon", required=True)
    p.add_argument("--echo", required=True)
    p.add_argument("--calls", type=int, default=3000)
    p.add_argument("--warmup", type=int, default=500)
    a = p.parse_args()
    address = f"unix://{a.daemon}"
    for path in ("unary", "stream"):
        with th.connect(address, timeout=5, fail_mode="closed", intercept_path=path) as cl:
            row("python", path, sample(a.calls, a.warmup, lambda i: check(cl.intercept(scent(i)))))

    async def aio(path: c.InterceptPath) -> list[int]:
        async with th.aio.connect(address, timeout=5, fail_mode="closed", intercept_path=path) as ac:

            async def one(i: int) -> None:
                check(await ac.intercept(scent(i)))

            return await sample_async(a.calls, a.warmup, one)

    for path in ("unary", "stream"):
        row("python-asyncio", path, asyncio.run(aio(path)))  # type: ignore[arg-type]

    # The floor: the client's channel options and generated stub, a server that writes fixed bytes.
    t = c.parse_address(f"unix://{a.echo}")
    with grpc.insecure_channel(t.target, c.channel_options(t)) as ch:
        stub = svc_grpc.TracehoundServiceStub(ch)
        req = svc.InterceptRequest(scent=scent_to_wire(scent(0)))
        row("python", "floor", sample(a.calls, a.warmup, lambda i: stub.Intercept(req, timeout=5)))

    async def aio_floor() -> list[int]:
        async with grpc.aio.insecure_channel(t.target, c.channel_options(t)) as ch:
            stub = svc_grpc.TracehoundServiceStub(ch)
            req = svc.InterceptRequest(scent=scent_to_wire(scent(0)))

            async def one(i: int) -> None:
                await stub.Intercept(req, timeout=5)

            return await sample_async(a.calls, a.warmup, one)

    row("python-asyncio", "floor", asyncio.run(aio_floor()))


if __name__ == "__main__":
    main()
