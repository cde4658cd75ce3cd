"""Hypothesis: for random JSON payloads the local kernel's signature equals the daemon's (the
signature on the quarantined handle, or on the ignored verdict of a repeat)."""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings, strategies as st

import tracehound as th

# Unicode without lone surrogates (protobuf strings are UTF-8); doubles and ints, big ones included.
scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**64), 2**64)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=25,
)
keys = st.sampled_from(["0", "1", "10", "9", "01", "4294967294", "4294967295", "a", "B", "é", "😀", "\uff61", ""])
tricky = st.dictionaries(keys, scalars, max_size=8)


def check(client: th.Client, payload: Any) -> None:
    verdict = client.intercept(th.Scent("p", payload, f"prop-{uuid.uuid4()}", 1_700_000_000_000, th.Threat("unknown", "low")))
    expected = th.signature("unknown", payload)
    if isinstance(verdict, th.Quarantined):
        assert verdict.handle.signature == expected
        assert verdict.handle.size == len(th.canonical_bytes(payload))
    else:
        assert verdict == th.Ignored(expected), verdict


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(json_values)
def test_kernel_signature_equals_daemons(client: th.Client, payload: Any) -> None:
    check(client, payload)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tricky)
def test_key_order_equals_daemons(client: th.Client, payload: Any) -> None:
    check(client, payload)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(json_values, min_size=1, max_size=20))
def test_stream_signatures_equal_the_kernels(client: th.Client, payloads: list[Any]) -> None:
    source = f"prop-many-{uuid.uuid4()}"  # ≤ 20 per source: under the rate limit
    verdicts = client.intercept_many(
        [th.Scent(str(i), p, source, 1_700_000_000_000, th.Threat("flood", "medium")) for i, p in enumerate(payloads)]
    )
    assert len(verdicts) == len(payloads)
    for p, v in zip(payloads, verdicts, strict=True):
        expected = th.signature("flood", p)
        assert (v.handle.signature if isinstance(v, th.Quarantined) else v) == (
            expected if isinstance(v, th.Quarantined) else th.Ignored(expected)
        ), v
