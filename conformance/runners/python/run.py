"""python executor (conformance/README.md): the signature, audit and hmac suites through the SDK's
local kernel; intercept sequences through the SDK's client against the daemon at
TRACEHOUND_CONFORMANCE_ADDRESS. Prints one JSON line per case, then "N passed, N failed".

Usage: sdks/python/.venv/bin/python conformance/runners/python/run.py <vectors-dir>
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import grpc
import tracehound as th
from tracehound import _convert
from tracehound._gen.tracehound.conformance.v1 import conformance_service_pb2 as cpb
from tracehound._gen.tracehound.conformance.v1 import conformance_service_pb2_grpc as cgrpc
from tracehound._gen.tracehound.v1 import config_pb2

Case = dict[str, Any]
Vector = dict[str, Any]
SPECIAL = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}
COMPLETED = "a completed sequence"


def decode_special(v: Any) -> Any:
    """Swaps {"$float": "NaN" | "Infinity" | "-Infinity"} markers for those numbers.

    Plain loops: one frame per level, so the 513-deep vectors stay far from the recursion limit.
    """
    if isinstance(v, list):
        items = []
        for x in v:
            items.append(decode_special(x))
        return items
    if isinstance(v, dict):
        marker = v.get("$float")
        if len(v) == 1 and isinstance(marker, str) and marker in SPECIAL:
            return SPECIAL[marker]
        fields = {}
        for k, x in v.items():
            fields[k] = decode_special(x)
        return fields
    return v


def judge(case: str, want: Any, got: Any) -> Case:
    same = json.dumps(want, sort_keys=True) == json.dumps(got, sort_keys=True)
    if same:
        return {"case": case, "ok": True}
    return {"case": case, "ok": False, "want": want, "got": got}


def run_case(case: str, run: Callable[..., Case], *args: Any) -> Case:
    """Runs run(*args) for one case; an exception escaping it is a crash of the implementation, never an answer."""
    try:
        return run(*args)
    except Exception as e:  # noqa: BLE001 -- every unexpected exception is reported, then the next case runs
        return {"case": case, "ok": False, "crash": f"{type(e).__name__}: {e}"}


def answer(check: Callable[[], bool], rejections: tuple[type[Exception], ...]) -> str:
    """ "valid" or "invalid"; the kernel refusing the input with a documented error means "invalid".

    Any other exception propagates to run_case, which reports a crash.
    """
    try:
        holds = check()
    except rejections:
        return "invalid"
    return "valid" if holds else "invalid"


def load(directory: str, suite: str) -> Any:
    with open(os.path.join(directory, f"{suite}_test.json"), encoding="utf-8") as f:
        return json.load(f)


def tests_of(vectors: Any) -> Iterator[tuple[Vector, Vector]]:
    for group in vectors["testGroups"]:
        for test in group["tests"]:
            yield group, test


def signature_case(t: Vector) -> Case:
    case = f"signature_test/{t['tcId']}"
    category = t["category"]
    payload = decode_special(t["payload"])
    if t["result"] == "invalid":
        accepted = answer(lambda: bool(th.signature(category, payload)), (th.CanonicalJsonError,))
        return judge(case, "refused", "accepted" if accepted == "valid" else "refused")
    want = {"canonicalHex": t["canonicalHex"], "signature": t["signature"]}
    try:
        got = {"canonicalHex": th.canonical_bytes(payload).hex(), "signature": th.signature(category, payload)}
    except th.CanonicalJsonError as e:
        return judge(case, want, {"refused": str(e)})
    return judge(case, want, got)


def signature_cases(vectors: Any) -> Iterator[Case]:
    for _, t in tests_of(vectors):
        yield run_case(f"signature_test/{t['tcId']}", signature_case, t)


# One check per audit group type, with the errors the kernel documents for input it refuses.
AUDIT_CHECKS: dict[str, tuple[Callable[[Vector], bool], tuple[type[Exception], ...]]] = {
    "RecordHashTest": (lambda t: th.record_hash(t["record"]) == t["hash"], (TypeError,)),
    "TreeHeadTest": (lambda t: th.merkle_root(t["leaves"]) == t["rootHash"], (ValueError,)),
    "LeafHashTest": (lambda t: th.leaf_hash(t["entry"]) == t["leafHash"], (th.AuditEntryError,)),
    "InclusionProofTest": (
        lambda t: th.verify_inclusion(t["leafHash"], t["leafIndex"], t["treeSize"], t["path"], t["rootHash"]),
        (),
    ),
    "ConsistencyProofTest": (
        lambda t: th.verify_consistency(t["firstSize"], t["secondSize"], t["path"], t["firstRoot"], t["secondRoot"]),
        (),
    ),
}


def audit_case(group: Vector, t: Vector) -> Case:
    check, rejections = AUDIT_CHECKS[group["type"]]
    return judge(f"audit_test/{t['tcId']}", t["result"], answer(lambda: check(t), rejections))


def audit_cases(vectors: Any) -> Iterator[Case]:
    for group, t in tests_of(vectors):
        yield run_case(f"audit_test/{t['tcId']}", audit_case, group, t)


def hmac_case(group: Vector, t: Vector) -> Case:
    verified = answer(lambda: th.verify_mac(group["keyHex"], t["body"], t["mac"]), ())
    return judge(f"hmac_test/{t['tcId']}", t["result"], verified)


def hmac_cases(vectors: Any) -> Iterator[Case]:
    for group, t in tests_of(vectors):
        yield run_case(f"hmac_test/{t['tcId']}", hmac_case, group, t)


def daemon_config(group: Vector) -> config_pb2.DaemonConfig:
    c = group["config"]
    quarantine = config_pb2.QuarantineLimits(max_count=c["quarantine"]["maxCount"], max_bytes=c["quarantine"]["maxBytes"])
    rate_limit = config_pb2.RateLimitConfig(
        window_ms=c["rateLimit"]["windowMs"],
        max_requests=c["rateLimit"]["maxRequests"],
        block_duration_ms=c["rateLimit"]["blockDurationMs"],
    )
    mac_keys = [config_pb2.MacKey(kid=k["kid"], key=k["key"]) for k in group["macKeys"]]
    return config_pb2.DaemonConfig(
        max_payload_size=c["maxPayloadSize"],
        quarantine=quarantine,
        rate_limit=rate_limit,
        mac_keys=mac_keys,
    )


class Incomplete(Exception):
    """The sequence could not be played to the end: a failed case, not a crash of the kernel."""


class Sequence:
    """Plays one intercept_test against the conformance daemon."""

    def __init__(self, client: th.Client, control: cgrpc.ConformanceServiceStub) -> None:
        self.client = client
        self.control = control
        self.seen = 0  # audit records already reported by earlier steps

    def play(self, group: Vector, t: Vector) -> Any:
        reset = cpb.ResetRequest(config=daemon_config(group), clock_start_ms=group["clockStart"], id_seed=t["idSeed"])
        self.control.Reset(reset, timeout=10)
        self.seen = 0
        steps = [self.step(s) for s in t["steps"]]
        stats = self.client.stats()
        final = {
            "stats": {"agent": stats.agent, "quarantine": stats.quarantine, "audit": stats.audit},
            "treeHead": self.client.get_tree_head().to_dict(),
        }
        return {"steps": steps, "final": final}

    def step(self, s: Vector) -> dict[str, Any]:
        if s.get("advanceMs"):
            self.control.AdvanceClock(cpb.AdvanceClockRequest(ms=s["advanceMs"]), timeout=10)
        outcome: dict[str, Any] = {}
        if "scent" in s:
            scent = th.Scent.from_dict({**s["scent"], "payload": decode_special(s["scent"]["payload"])})
            verdict = self.client.intercept(scent)
            if verdict.degraded is not None:
                # A degraded verdict is the client's fail-open answer, not the daemon's: never compare it.
                raise Incomplete(f"degraded verdict: {verdict.degraded}")
            outcome["verdict"] = verdict.to_dict()
        else:
            neutralized = self.client.neutralize(s["neutralize"])
            outcome["neutralized"] = neutralized[0].to_dict() if neutralized else None
        records = self.control.ListAuditRecords(cpb.ListAuditRecordsRequest(), timeout=10).records
        outcome["audit"] = [_convert.audit_record_from_wire(r).to_dict() for r in records[self.seen :]]
        self.seen = len(records)
        return outcome


def play_case(sequence: Sequence, case: str, want: Any, group: Vector, t: Vector) -> Case:
    try:
        got = sequence.play(group, t)
    except (grpc.RpcError, Incomplete) as e:
        return judge(case, COMPLETED, f"{type(e).__name__}: {e}")
    return judge(case, want, got)


def intercept_cases(vectors: Any, address: str | None) -> Iterator[Case]:
    if not address:
        for _, t in tests_of(vectors):
            yield {
                "case": f"intercept_test/{t['tcId']}",
                "ok": False,
                "want": COMPLETED,
                "got": "TRACEHOUND_CONFORMANCE_ADDRESS is not set",
            }
        return
    client = th.Client(address, timeout=10, call_timeout=10)
    try:
        sequence = Sequence(client, cgrpc.ConformanceServiceStub(client.channel))
        for group, t in tests_of(vectors):
            case = f"intercept_test/{t['tcId']}"
            want = {"steps": [s["expected"] for s in t["steps"]], "final": t["final"]}
            yield run_case(case, play_case, sequence, case, want, group, t)
    finally:
        client.close()


def main() -> int:
    here = os.path.dirname(__file__)
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "vectors")
    address = os.environ.get("TRACEHOUND_CONFORMANCE_ADDRESS")
    suites = [
        signature_cases(load(directory, "signature")),
        intercept_cases(load(directory, "intercept"), address),
        audit_cases(load(directory, "audit")),
        hmac_cases(load(directory, "hmac")),
    ]
    passed = 0
    failed = 0
    for suite in suites:
        for result in suite:
            if result["ok"]:
                passed += 1
            else:
                failed += 1
            print(json.dumps(result), flush=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
