"""python executor (conformance/README.md): signature, audit and hmac suites through the SDK's local
kernel; intercept sequences through the SDK's client against the daemon at TRACEHOUND_CONFORMANCE_ADDRESS.
Usage: sdks/python/.venv/bin/python conformance/runners/python/run.py <vectors-dir>"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

import tracehound as th
from tracehound._gen.tracehound.conformance.v1 import conformance_service_pb2 as cpb
from tracehound._gen.tracehound.conformance.v1 import conformance_service_pb2_grpc as cgrpc
from tracehound._gen.tracehound.v1 import config_pb2
from tracehound import _convert

Case = dict[str, Any]
SPECIAL = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}


def decode_special(v: Any) -> Any:
    # Plain loops: one frame per level, so the 513-deep vectors stay far from the recursion limit.
    if isinstance(v, list):
        out = []
        for x in v:
            out.append(decode_special(x))
        return out
    if isinstance(v, dict):
        if len(v) == 1 and isinstance(v.get("$float"), str) and v["$float"] in SPECIAL:
            return SPECIAL[v["$float"]]
        obj = {}
        for k, x in v.items():
            obj[k] = decode_special(x)
        return obj
    return v


def judge(case: str, want: Any, got: Any) -> Case:
    same = json.dumps(want, sort_keys=True) == json.dumps(got, sort_keys=True)
    return {"case": case, "ok": True} if same else {"case": case, "ok": False, "want": want, "got": got}


def outcome(check: Callable[[], bool]) -> str:
    try:
        return "valid" if check() else "invalid"
    except Exception:
        return "invalid"


def load(d: str, suite: str) -> Any:
    with open(os.path.join(d, f"{suite}_test.json"), encoding="utf-8") as f:
        return json.load(f)


def signature_cases(f: Any) -> Iterator[Case]:
    for t in (t for g in f["testGroups"] for t in g["tests"]):
        case, payload = f"signature_test/{t['tcId']}", decode_special(t["payload"])
        if t["result"] == "invalid":
            accepted = outcome(lambda: bool(th.signature(t["category"], payload)))
            yield judge(case, "refused", "accepted" if accepted == "valid" else "refused")
            continue
        try:
            got: Any = {"canonicalHex": th.canonical_bytes(payload).hex(), "signature": th.signature(t["category"], payload)}
        except Exception as e:
            got = {"error": str(e)}
        yield judge(case, {"canonicalHex": t["canonicalHex"], "signature": t["signature"]}, got)


AUDIT: dict[str, Callable[[Any], bool]] = {
    "RecordHashTest": lambda t: th.record_hash(t["record"]) == t["hash"],
    "TreeHeadTest": lambda t: th.merkle_root(t["leaves"]) == t["rootHash"],
    "LeafHashTest": lambda t: th.leaf_hash(t["entry"]) == t["leafHash"],
    "InclusionProofTest": lambda t: th.verify_inclusion(t["leafHash"], t["leafIndex"], t["treeSize"], t["path"], t["rootHash"]),
    "ConsistencyProofTest": lambda t: th.verify_consistency(t["firstSize"], t["secondSize"], t["path"], t["firstRoot"], t["secondRoot"]),
}


def audit_cases(f: Any) -> Iterator[Case]:
    for g in f["testGroups"]:
        for t in g["tests"]:
            yield judge(f"audit_test/{t['tcId']}", t["result"], outcome(lambda: AUDIT[g["type"]](t)))


def hmac_cases(f: Any) -> Iterator[Case]:
    for g in f["testGroups"]:
        for t in g["tests"]:
            yield judge(f"hmac_test/{t['tcId']}", t["result"], outcome(lambda: th.verify_mac(g["keyHex"], t["body"], t["mac"])))


def run_sequence(client: th.Client, conf: cgrpc.ConformanceServiceStub, g: Any, t: Any) -> Any:
    c = g["config"]
    config = config_pb2.DaemonConfig(
        max_payload_size=c["maxPayloadSize"],
        quarantine=config_pb2.QuarantineLimits(max_count=c["quarantine"]["maxCount"], max_bytes=c["quarantine"]["maxBytes"]),
        rate_limit=config_pb2.RateLimitConfig(window_ms=c["rateLimit"]["windowMs"], max_requests=c["rateLimit"]["maxRequests"],
                                              block_duration_ms=c["rateLimit"]["blockDurationMs"]),
        mac_keys=[config_pb2.MacKey(kid=k["kid"], key=k["key"]) for k in g["macKeys"]],
    )
    conf.Reset(cpb.ResetRequest(config=config, clock_start_ms=g["clockStart"], id_seed=t["idSeed"]), timeout=10)
    steps, seen = [], 0
    for s in t["steps"]:
        if s.get("advanceMs"):
            conf.AdvanceClock(cpb.AdvanceClockRequest(ms=s["advanceMs"]), timeout=10)
        out: dict[str, Any] = {}
        if "scent" in s:
            verdict = client.intercept(th.Scent.from_dict({**s["scent"], "payload": decode_special(s["scent"]["payload"])}))
            if verdict.degraded is not None:
                raise RuntimeError(f"degraded verdict: {verdict.degraded}")
            out["verdict"] = verdict.to_dict()
        else:
            neutralized = client.neutralize(s["neutralize"])
            out["neutralized"] = neutralized[0].to_dict() if neutralized else None
        records = conf.ListAuditRecords(cpb.ListAuditRecordsRequest(), timeout=10).records
        out["audit"] = [_convert.audit_record_from_wire(r).to_dict() for r in records[seen:]]
        seen = len(records)
        steps.append(out)
    stats = client.stats()
    final = {"stats": {"agent": stats.agent, "quarantine": stats.quarantine, "audit": stats.audit},
             "treeHead": client.get_tree_head().to_dict()}
    return {"steps": steps, "final": final}


def intercept_cases(f: Any, address: str | None) -> Iterator[Case]:
    client = th.Client(address, timeout=10, call_timeout=10) if address else None
    conf = cgrpc.ConformanceServiceStub(client.channel) if client else None
    for g in f["testGroups"]:
        for t in g["tests"]:
            case = f"intercept_test/{t['tcId']}"
            want = {"steps": [s["expected"] for s in t["steps"]], "final": t["final"]}
            if client is None or conf is None:
                yield {"case": case, "ok": False, "want": "a completed sequence", "got": "TRACEHOUND_CONFORMANCE_ADDRESS is not set"}
                continue
            try:
                yield judge(case, want, run_sequence(client, conf, g, t))
            except Exception as e:
                yield {"case": case, "ok": False, "want": "a completed sequence", "got": f"{type(e).__name__}: {e}"}
    if client is not None:
        client.close()


def main() -> int:
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "vectors")
    address = os.environ.get("TRACEHOUND_CONFORMANCE_ADDRESS")
    passed = failed = 0
    for gen in (signature_cases(load(d, "signature")), intercept_cases(load(d, "intercept"), address),
                audit_cases(load(d, "audit")), hmac_cases(load(d, "hmac"))):
        for r in gen:
            passed, failed = passed + r["ok"], failed + (not r["ok"])
            print(json.dumps(r), flush=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
