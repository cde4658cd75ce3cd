"""The conformance executor reports honestly: a tampered vector fails, a crash is not an answer, the tally closes the output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import importlib.util
from pathlib import Path
from types import ModuleType

import tracehound as th

REPO = Path(__file__).resolve().parents[3]


def test_executor_flags_tampered_vectors(tmp_path: Path) -> None:
    for f in (REPO / "conformance" / "vectors").glob("*_test.json"):
        shutil.copy(f, tmp_path / f.name)
    sig = json.loads((tmp_path / "signature_test.json").read_text())
    sig["testGroups"][0]["tests"][0]["signature"] = "injection:" + "0" * 64
    (tmp_path / "signature_test.json").write_text(json.dumps(sig))
    mac = json.loads((tmp_path / "hmac_test.json").read_text())
    first = mac["testGroups"][0]["tests"][0]
    first["result"] = "invalid" if first["result"] == "valid" else "valid"
    (tmp_path / "hmac_test.json").write_text(json.dumps(mac))

    env = {k: v for k, v in os.environ.items() if k != "TRACEHOUND_CONFORMANCE_ADDRESS"}
    res = subprocess.run(
        [sys.executable, str(REPO / "conformance/runners/python/run.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    lines = res.stdout.strip().splitlines()
    results = {r["case"]: r for r in map(json.loads, lines[:-1])}
    assert res.returncode == 1
    assert not results["signature_test/1"]["ok"] and results["signature_test/2"]["ok"]
    assert not results[f"hmac_test/{first['tcId']}"]["ok"]
    assert not results["intercept_test/1"]["ok"]  # no daemon address: reported, never skipped silently
    assert "want" in results["signature_test/1"] and "got" in results["signature_test/1"]
    failed = sum(not r["ok"] for r in results.values())
    assert lines[-1] == f"{len(results) - failed} passed, {failed} failed"
    assert failed == 2 + 72 and len(results) == 162 + 72 + 398 + 144


# The executor tells the kernel's documented refusal from a crash.
RUN_PY = REPO / "conformance" / "runners" / "python" / "run.py"


def executor() -> ModuleType:
    spec = importlib.util.spec_from_file_location("conformance_executor", RUN_PY)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_documented_refusal_answers_invalid() -> None:
    run = executor()
    case = run.run_case(
        "audit_test/1",
        run.audit_case,
        {"type": "LeafHashTest"},
        {"tcId": 1, "result": "invalid", "entry": {"type": "note"}, "leafHash": ""},
    )
    assert case == {"case": "audit_test/1", "ok": True}


def test_an_undocumented_exception_is_a_crash_even_for_an_invalid_vector() -> None:
    run = executor()

    def buggy() -> bool:
        raise KeyError("leafIndex")

    case = run.run_case("audit_test/2", lambda: run.judge("audit_test/2", "invalid", run.answer(buggy, (th.AuditEntryError,))))
    assert case == {"case": "audit_test/2", "ok": False, "crash": "KeyError: 'leafIndex'"}


def test_a_missing_address_fails_every_sequence_instead_of_ending_the_run() -> None:
    run = executor()
    vectors = {"testGroups": [{"tests": [{"tcId": 1}, {"tcId": 2}]}]}
    cases = list(run.intercept_cases(vectors, None))
    assert [c["case"] for c in cases] == ["intercept_test/1", "intercept_test/2"]
    assert all(c["ok"] is False for c in cases)
