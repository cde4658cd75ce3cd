"""Random payloads through this client and the real tracehoundd: the daemon's evidence carries the
signature of the bytes the local kernel makes, byte for byte (deep, wide, unicode, every number form,
lone surrogates, "__proto__"); and the 512-level boundary gives the embedded engine's verdicts."""

from __future__ import annotations

import math
import random
import struct
import uuid
from typing import Any

import tracehound as th
from tracehound.cjson import MAX_DEPTH


class Payloads:
    """A seeded generator of its own (a failure replays from the seed)."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def number(self) -> float | int:
        r = self.r
        pick = r.randrange(5)
        if pick == 0:
            while True:
                f: float = struct.unpack("<d", r.getrandbits(64).to_bytes(8, "little"))[0]
                if math.isfinite(f):
                    return f
        if pick == 1:
            return r.choice([0.0, -0.0, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, 2**53, 2**53 + 1, 0.1 + 0.2])
        if pick == 2:
            return r.randrange(-1000, 1001)
        if pick == 3:
            return r.randrange(1, 100000) * 10.0 ** r.randrange(-25, 25)
        return r.getrandbits(64) >> r.randrange(64)

    def text(self) -> str:
        r = self.r
        out = []
        for _ in range(r.randrange(10)):
            pick = r.randrange(6)
            if pick == 0:
                out.append(chr(r.randrange(0x20)))  # controls
            elif pick == 1:
                out.append(chr(0x10000 + r.randrange(0x100000)))  # astral
            elif pick == 2:
                out.append(chr(0xD800 + r.randrange(0x800)))  # a surrogate, often lone
            elif pick == 3:
                out.append(chr(0x80 + r.randrange(0xD800 - 0x80)))
            else:
                out.append(chr(0x20 + r.randrange(0x5F)))
        return "".join(out)

    def key(self) -> str:
        pick = self.r.randrange(6)
        if pick == 0:
            return "__proto__"
        if pick == 1:
            return str(self.r.randrange(20))
        if pick == 2:
            return self.r.choice(["01", "4294967294", "4294967295", "-1", ""])
        return self.text()

    def value(self, depth: int = 0) -> Any:
        r = self.r
        if depth < 4:
            pick = r.randrange(7)
            if pick == 0:  # wide
                return {self.key(): self.value(depth + 1) for _ in range(r.randrange(24))}
            if pick == 1:
                return [self.value(depth + 1) for _ in range(r.randrange(12))]
            if pick == 2:  # deep, up to the limit
                v = self.value(4)
                for _ in range(r.randrange(MAX_DEPTH - depth)):
                    v = [v] if r.randrange(2) else {self.key(): v}
                return v
        pick = r.randrange(4)
        if pick == 1:
            return self.text()
        if pick == 2:
            return r.choice([None, True, False])
        return self.number()


def test_payload_identity_through_the_daemon(client: th.Client) -> None:
    gen = Payloads(13)
    run = uuid.uuid4()
    for i in range(200):
        payload = gen.value()
        want = th.signature("spam", payload)
        v = client.intercept(th.Scent(str(i), payload, f"prop-{run}-{i}", 1, th.Threat("spam", "low")))
        ok = (isinstance(v, th.Quarantined) and v.handle.signature == want) or v == th.Ignored(want)
        assert ok, f"case {i}: {v!r}, want {want} ({len(th.canonical_bytes(payload))} bytes)"


def test_depth_boundary_through_the_daemon(client: th.Client) -> None:
    for objects in (False, True):
        for depth in (MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 100_000):
            v: Any = f"core-{uuid.uuid4()}"
            for _ in range(depth):
                v = {"k": v} if objects else [v]
            got = client.intercept(th.Scent("deep", v, f"deep-{uuid.uuid4()}", 1, th.Threat("spam", "high")))
            if depth <= MAX_DEPTH:
                assert isinstance(got, th.Quarantined) and got.handle.signature == th.signature("spam", v), (depth, got)
            else:
                assert got == th.PayloadTooLarge(1_000_000), (depth, objects, got)
