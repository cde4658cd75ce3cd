"""The Python client of tracehoundd: intercept a scent, neutralize its evidence, verify the audit
record without trusting the daemon. connect() finds the daemon's default socket.
Run: pip install sdks/python  then  python examples/python/intercept.py"""

import sys
import time

import tracehound as th

with th.connect() as client:  # or th.connect("127.0.0.1:7420", token="…")
    v = client.intercept(th.Scent("req-1", {"path": "/login", "body": "' OR 1=1 --", "from": "python"},
                                  "203.0.113.7", int(time.time() * 1000), th.Threat("injection", "high")))
    print(v.status)  # never raises: daemon trouble → Clean(degraded=…) (fail-open)
    if not isinstance(v, th.Quarantined):
        sys.exit(f"degraded: {v.degraded}")

    neutralized = client.neutralize(v.handle.signature)
    assert neutralized is not None
    _, tree_size = neutralized
    ok = client.verify_record(tree_size - 1)  # hash, leaf hash and inclusion proof, checked locally
    print(f"audit record {tree_size - 1} verified: {ok}")
    sys.exit(0 if ok else 1)
