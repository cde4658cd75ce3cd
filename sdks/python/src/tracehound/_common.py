"""What the sync and asyncio clients share: addresses, metadata, failure → verdict mapping."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import grpc

from . import __version__
from ._convert import scent_to_wire
from .client_error import ClientErrorCode, client_error
from ._gen.tracehound.v1 import scent_pb2, tracehound_service_pb2 as svc
from .types import Clean, Degraded, Error, HandshakeInfo, IncompatibleSchemaError, Scent, Verdict

SCHEMA_VERSION = "1.0.0"
"""Version of the tracehound.v1 schema this SDK was generated from; the Handshake compares majors."""
BATCH = 1000
FailMode = Literal["open", "closed"]
InterceptPath = Literal["stream", "unary"]
ScentLike = Scent | Mapping[str, Any]
MAX_MESSAGE = 16 * 1024 * 1024


def check_path(path: InterceptPath) -> InterceptPath:
    if path not in ("stream", "unary"):
        raise ValueError('intercept_path is "stream" or "unary"')
    return path


def default_socket_path(env: Mapping[str, str] | None = None, uid: int | None = None) -> str:
    """Where tracehoundd listens by default, resolved exactly as the daemon does
    (``tracehoundd --print-socket`` prints it): ``TRACEHOUND_SOCKET`` when set, else
    ``$XDG_RUNTIME_DIR/tracehound/tracehoundd.sock``, else ``${TMPDIR:-/tmp}/tracehound-<uid>/tracehoundd.sock``."""
    env = os.environ if env is None else env
    if env.get("TRACEHOUND_SOCKET"):
        return env["TRACEHOUND_SOCKET"]
    if env.get("XDG_RUNTIME_DIR"):
        return os.path.join(env["XDG_RUNTIME_DIR"], "tracehound", "tracehoundd.sock")
    uid = os.getuid() if uid is None else uid
    return os.path.join(env.get("TMPDIR") or "/tmp", f"tracehound-{uid}", "tracehoundd.sock")


@dataclass(frozen=True)
class Target:
    target: str
    secure: bool
    unix: bool


def parse_address(address: str | None) -> Target:
    """``unix:///path.sock``, ``/path.sock``, ``127.0.0.1:7420``, ``http://…`` or ``https://…``."""
    if not address:
        address = default_socket_path()
    if address.startswith("unix:"):
        return Target(address, False, True)
    if address.startswith(("/", "./", "../")):
        return Target("unix:" + os.path.abspath(address), False, True)
    if address.startswith("https://"):
        return Target(address[len("https://") :].rstrip("/"), True, False)
    if address.startswith("http://"):
        return Target(address[len("http://") :].rstrip("/"), False, False)
    return Target(address, False, False)


def channel_options(t: Target, extra: Sequence[tuple[str, Any]] = ()) -> list[tuple[str, Any]]:
    opts: list[tuple[str, Any]] = [
        ("grpc.enable_http_proxy", 0),
        ("grpc.max_send_message_length", MAX_MESSAGE),
        ("grpc.max_receive_message_length", MAX_MESSAGE),
        # Fail fast while the daemon is down, and find it again within ~2 s once it is back
        # (grpcio's default backoff grows to 120 s: fail-open verdicts for minutes after a restart).
        ("grpc.initial_reconnect_backoff_ms", 100),
        ("grpc.min_reconnect_backoff_ms", 100),
        ("grpc.max_reconnect_backoff_ms", 2000),
    ]
    if t.unix:
        opts.append(("grpc.default_authority", "localhost"))  # grpcio would send the percent-encoded path
    return opts + list(extra)


def handshake_request(client_name: str, client_version: str) -> svc.HandshakeRequest:
    return svc.HandshakeRequest(
        client_name=client_name, client_version=client_version or __version__, schema_version=SCHEMA_VERSION
    )


def handshake_info(res: svc.HandshakeResponse) -> HandshakeInfo:
    if res.schema_version.split(".", 1)[0] != SCHEMA_VERSION.split(".", 1)[0]:
        raise IncompatibleSchemaError(f"daemon schema {res.schema_version}, client schema {SCHEMA_VERSION}")
    return HandshakeInfo(res.server_name, res.server_version, res.schema_version, list(res.features))


def rpc_code(e: BaseException) -> grpc.StatusCode | None:
    code = getattr(e, "code", None)
    try:
        c = code() if callable(code) else None
    except Exception:  # a half-built call object
        return None
    return c if isinstance(c, grpc.StatusCode) else None


def rpc_details(e: BaseException) -> str:
    details = getattr(e, "details", None)
    try:
        d = details() if callable(details) else None
    except Exception:
        d = None
    return d if isinstance(d, str) else str(e)


def is_skew(e: BaseException) -> bool:
    return isinstance(e, IncompatibleSchemaError) or rpc_code(e) == grpc.StatusCode.FAILED_PRECONDITION


class Failures:
    """Turns a failed call into the verdict the fail mode asks for; never raises."""

    def __init__(self, mode: FailMode, on_degraded: Callable[[Degraded], None] | None) -> None:
        if mode not in ("open", "closed"):
            raise ValueError('fail_mode is "open" or "closed"')
        self.mode = mode
        self.on_degraded = on_degraded

    def verdict(self, e: BaseException) -> Verdict:
        code = rpc_code(e)
        message = rpc_details(e)
        if code == grpc.StatusCode.INVALID_ARGUMENT:  # the daemon refused the scent: the caller's error
            return Error(client_error(ClientErrorCode.CLIENT_ERROR_CODE_SCENT_INVALID, message))
        mark = Degraded(code.name if code else ("FAILED_PRECONDITION" if is_skew(e) else "CLIENT_ERROR"), message)
        if self.on_degraded is not None:
            try:
                self.on_degraded(mark)
            except Exception:  # a faulty hook must not break the request path
                pass
        if self.mode == "open":
            return Clean(degraded=mark)
        return Error(client_error(ClientErrorCode.CLIENT_ERROR_CODE_DAEMON_UNAVAILABLE, message), degraded=mark)


def prepare(scents: Iterable[ScentLike]) -> tuple[list[Verdict | None], list[tuple[int, scent_pb2.Scent]]]:
    """Local refusals in place, and the scents to send with their positions."""
    out: list[Verdict | None] = []
    wire: list[tuple[int, scent_pb2.Scent]] = []
    for i, s in enumerate(scents):
        try:
            wire.append((i, scent_to_wire(s)))
            out.append(None)
        except Exception as e:  # a malformed scent is the caller's error, reported, never raised
            out.append(Error(client_error(ClientErrorCode.CLIENT_ERROR_CODE_SCENT_INVALID, f"invalid scent: {e!r}")))
    return out, wire


def batches(wire: list[tuple[int, scent_pb2.Scent]]) -> list[svc.InterceptStreamRequest]:
    return [svc.InterceptStreamRequest(scents=[w for _, w in wire[i : i + BATCH]]) for i in range(0, len(wire), BATCH)]


def merge(out: list[Verdict | None], wire: list[tuple[int, scent_pb2.Scent]], verdicts: Sequence[Verdict]) -> list[Verdict]:
    for (i, _), v in zip(wire, verdicts, strict=True):
        out[i] = v
    return [v for v in out if v is not None]


class DataLoss(Exception):
    def code(self) -> grpc.StatusCode:
        return grpc.StatusCode.DATA_LOSS

    def details(self) -> str:
        return str(self.args[0]) if self.args else "data loss"
