"""Fixtures: the real tracehoundd started as a child process on a temp Unix socket (and TCP with a token)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest

import tracehound

REPO = Path(__file__).resolve().parents[3]
TSX = REPO / "node_modules" / ".bin" / "tsx"
MAC_KEY = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
TOKEN = "test-token-0123456789"


@dataclass
class Daemon:
    socket: str
    address: str
    tcp: str
    token: str
    mac_key: str
    log: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_daemon(extra: list[str], config: dict[str, object] | None = None) -> tuple[subprocess.Popen[bytes], Path]:
    if not TSX.exists():
        pytest.skip(f"tracehoundd needs {TSX} (run npm ci at the repository root)")
    d = Path(tempfile.mkdtemp(prefix="th-py-"))
    args = [str(TSX), "src/cli/tracehoundd.ts", "--socket", str(d / "th.sock"), "--log-level", "warn", *extra]
    if config is not None:
        (d / "config.json").write_text(json.dumps(config))
        args += ["--config", str(d / "config.json"), "--no-watch"]
    log = (d / "daemon.log").open("wb")
    # Its own evidence ledger: never the machine-wide default data dir.
    env = {**os.environ, "TRACEHOUND_TOKEN": TOKEN, "TRACEHOUND_DATA_DIR": str(d / "data")}
    proc = subprocess.Popen(args, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, env=env)
    return proc, d


def wait_ready(proc: subprocess.Popen[bytes], d: Path, timeout: float = 120.0) -> None:
    """Returns once a client gets through (the signal); the bound only stops a daemon that never comes up."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"tracehoundd exited {proc.returncode}: {(d / 'daemon.log').read_text()}")
        if (d / "th.sock").exists():
            try:
                tracehound.Client(f"unix://{d / 'th.sock'}", call_timeout=2).connect()
                return
            except grpc.RpcError:
                pass
        time.sleep(0.1)
    raise RuntimeError(f"tracehoundd not ready in {timeout}s: {(d / 'daemon.log').read_text()}")


def stop(proc: subprocess.Popen[bytes], d: Path) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture(scope="session")
def daemon() -> Iterator[Daemon]:
    """Defaults (v1 limits) plus a MAC key; TCP on a free loopback port with a bearer token."""
    port = _free_port()
    proc, d = start_daemon(["--tcp", f"127.0.0.1:{port}"], {"macKeys": [{"kid": "k1", "key": MAC_KEY}]})
    try:
        wait_ready(proc, d)
        yield Daemon(str(d / "th.sock"), f"unix://{d / 'th.sock'}", f"127.0.0.1:{port}", TOKEN, MAC_KEY, d / "daemon.log")
    finally:
        stop(proc, d)


@pytest.fixture()
def client(daemon: Daemon) -> Iterator[tracehound.Client]:
    # A generous deadline: these tests want the daemon's answer, which a loaded machine may delay.
    with tracehound.connect(daemon.address, timeout=30) as th:
        yield th
