"""The golden vectors (conformance/vectors) through the kernel, one pytest case per vector."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import tracehound as th

VECTORS = Path(__file__).resolve().parents[3] / "conformance" / "vectors"
SPECIAL = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}


def _decode(v: Any) -> Any:
    # Plain loops: one frame per level, so the 513-level depth vectors stay far from the recursion limit.
    if isinstance(v, list):
        out = []
        for x in v:
            out.append(_decode(x))
        return out
    if isinstance(v, dict):
        if len(v) == 1 and v.get("$float") in SPECIAL:
            return SPECIAL[v["$float"]]
        obj = {}
        for k, x in v.items():
            obj[k] = _decode(x)
        return obj
    return v


def _tests(suite: str) -> list[Any]:
    f = json.loads((VECTORS / f"{suite}_test.json").read_text(encoding="utf-8"))
    return [pytest.param(g, t, id=f"{suite}/{t['tcId']}") for g in f["testGroups"] for t in g["tests"]]


@pytest.mark.parametrize(("group", "test"), _tests("signature"))
def test_signature_vector(group: Any, test: Any) -> None:
    payload = _decode(test["payload"])
    if test["result"] == "invalid":
        with pytest.raises(th.CanonicalJsonError):
            th.signature(test["category"], payload)
        return
    assert th.canonical_bytes(payload).hex() == test["canonicalHex"]
    assert th.signature(test["category"], payload) == test["signature"]


def _audit_ok(kind: str, t: Any) -> bool:
    try:
        if kind == "RecordHashTest":
            return bool(th.record_hash(t["record"]) == t["hash"])
        if kind == "LeafHashTest":
            return bool(th.leaf_hash(t["entry"]) == t["leafHash"])
        if kind == "TreeHeadTest":
            return bool(th.merkle_root(t["leaves"]) == t["rootHash"])
        if kind == "InclusionProofTest":
            return th.verify_inclusion(t["leafHash"], t["leafIndex"], t["treeSize"], t["path"], t["rootHash"])
        return th.verify_consistency(t["firstSize"], t["secondSize"], t["path"], t["firstRoot"], t["secondRoot"])
    except (ValueError, TypeError, KeyError):
        return False


@pytest.mark.parametrize(("group", "test"), _tests("audit"))
def test_audit_vector(group: Any, test: Any) -> None:
    assert _audit_ok(group["type"], test) == (test["result"] == "valid")


@pytest.mark.parametrize(("group", "test"), _tests("hmac"))
def test_hmac_vector(group: Any, test: Any) -> None:
    assert th.verify_mac(group["keyHex"], test["body"], test["mac"]) == (test["result"] == "valid")
