"""Unary Intercept latency over a Unix socket: the Python client (sync and asyncio) next to the TS
client, same daemon, same workload, one run. The workload: a threat scent with a small JSON payload
(the first is quarantined, every later one is a duplicate → ignored: canonical encoding + hashing
on the daemon each time). Sequential calls, one in flight.

    sdks/python/.venv/bin/python sdks/python/bench/latency.py [--calls 3000] [--warmup 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import tracehound as th

REPO = Path(__file__).resolve().parents[3]
TSX = REPO / "node_modules" / ".bin" / "tsx"
PAYLOAD = {"path": "/login", "query": "user=admin", "body": "' OR 1=1 --", "headers": {"user-agent": "bench"}}


def scent(i: int) -> th.Scent:
    return th.Scent(f"py-{i}", PAYLOAD, "bench", int(time.time() * 1000), th.Threat("injection", "high"))


def summary(name: str, samples_ns: list[int]) -> dict[str, object]:
    us = sorted(s / 1000 for s in samples_ns)
    return {"client": name, "calls": len(us), "p50Us": us[len(us) // 2],
            "p99Us": us[min(len(us) - 1, int(0.99 * len(us)))], "meanUs": statistics.fmean(us)}


def bench_sync(address: str, calls: int, warmup: int) -> dict[str, object]:
    with th.connect(address, timeout=5) as c:
        for i in range(warmup):
            c.intercept(scent(i))
        out = []
        for i in range(calls):
            t0 = time.perf_counter_ns()
            v = c.intercept(scent(i))
            out.append(time.perf_counter_ns() - t0)
            assert v.degraded is None, v
    return summary("python sync (grpcio)", out)


async def bench_aio(address: str, calls: int, warmup: int) -> dict[str, object]:
    async with th.aio.connect(address, timeout=5) as c:
        for i in range(warmup):
            await c.intercept(scent(i))
        out = []
        for i in range(calls):
            t0 = time.perf_counter_ns()
            v = await c.intercept(scent(i))
            out.append(time.perf_counter_ns() - t0)
            assert v.degraded is None, v
    return summary("python asyncio (grpc.aio)", out)


def bench_ts(sock: str, calls: int, warmup: int) -> dict[str, object]:
    res = subprocess.run([str(TSX), "bench/ts-client-latency.ts", sock, str(calls), str(warmup)],
                         cwd=REPO, capture_output=True, text=True, check=True)
    return {"client": "typescript (connect-node gRPC)", **json.loads(res.stdout.strip().splitlines()[-1])}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--calls", type=int, default=3000)
    ap.add_argument("--warmup", type=int, default=300)
    args = ap.parse_args()
    d = Path(tempfile.mkdtemp(prefix="th-bench-"))
    sock = d / "th.sock"
    (d / "config.json").write_text(json.dumps({"rateLimit": {"maxRequests": 1_000_000_000}}))
    proc = subprocess.Popen([str(TSX), "src/cli/tracehoundd.ts", "--socket", str(sock), "--config", str(d / "config.json"),
                             "--no-watch", "--log-level", "warn"], cwd=REPO, env={**os.environ, "TRACEHOUND_TOKEN": "", "TRACEHOUND_DATA_DIR": str(d / "data")})
    try:
        deadline = time.monotonic() + 30
        while True:
            if sock.exists() and th.connect(f"unix://{sock}").handshake is not None:
                break
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("tracehoundd did not start")
            time.sleep(0.1)
        rows = [bench_sync(f"unix://{sock}", args.calls, args.warmup),
                asyncio.run(bench_aio(f"unix://{sock}", args.calls, args.warmup)),
                bench_ts(str(sock), args.calls, args.warmup)]
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(d, ignore_errors=True)
    print(f"unary Intercept over UDS, sequential, {args.calls} calls after {args.warmup} warm-up (µs)")
    print(f"| {'client':<32} | {'p50':>8} | {'p99':>8} | {'mean':>8} |")
    print(f"|{'-' * 34}|{'-' * 10}|{'-' * 10}|{'-' * 10}|")
    for r in rows:
        print(f"| {r['client']!s:<32} | {r['p50Us']:>8.1f} | {r['p99Us']:>8.1f} | {r['meanUs']:>8.1f} |")


if __name__ == "__main__":
    main()
