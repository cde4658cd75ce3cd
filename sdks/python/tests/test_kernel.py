"""Verification kernel: record hash, RFC 9162 trees and proofs (against a reference prover), MACs."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

import pytest
from hypothesis import given, strategies as st

from tracehound import kernel

GENESIS = "0" * 64


def test_record_hash_pinned_v1_genesis() -> None:
    record = {
        "id": "018bcfe5-6800-7898-bf64-323ccb8944af-1a5a7cf4",
        "signature": "spam:81c377d85bae75280fd1064a33ab594fcf849702b47dd2aa1a1b7da0875fe4a3",
        "timestamp": 1700000000000,
        "previousHash": GENESIS,
    }
    assert kernel.record_hash(record) == "687f44b35b534aa2b8c2e44affae0d1218aa9d3556750cfcfca88aefd5600403"
    assert kernel.record_hash({**record, "timestamp": 1700000000001}) != kernel.record_hash(record)


def test_record_hash_key_order_is_v1s_not_sorted() -> None:
    r = {"id": "i", "signature": "s", "timestamp": 1, "previousHash": GENESIS}
    text = '{"id":"i","signature":"s","timestamp":1,"previousHash":"' + GENESIS + '"}'
    assert kernel.record_hash(r) == hashlib.sha256(text.encode()).hexdigest()


def _leaf(h: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + h).digest()


def _mth(leaves: list[bytes]) -> bytes:
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return _leaf(leaves[0])
    k = 1 << ((len(leaves) - 1).bit_length() - 1)
    return hashlib.sha256(b"\x01" + _mth(leaves[:k]) + _mth(leaves[k:])).digest()


def _path(m: int, leaves: list[bytes]) -> list[bytes]:
    """RFC 9162 §2.1.3.1 PATH(m, D[n])."""
    n = len(leaves)
    if n == 1:
        return []
    k = 1 << ((n - 1).bit_length() - 1)
    if m < k:
        return _path(m, leaves[:k]) + [_mth(leaves[k:])]
    return _path(m - k, leaves[k:]) + [_mth(leaves[:k])]


def _subproof(m: int, leaves: list[bytes], b: bool) -> list[bytes]:
    """RFC 9162 §2.1.4.1 SUBPROOF(m, D[n], b)."""
    n = len(leaves)
    if m == n:
        return [] if b else [_mth(leaves)]
    k = 1 << ((n - 1).bit_length() - 1)
    if m <= k:
        return _subproof(m, leaves[:k], b) + [_mth(leaves[k:])]
    return _subproof(m - k, leaves[k:], False) + [_mth(leaves[:k])]


def _hashes(n: int) -> list[bytes]:
    return [hashlib.sha256(str(i).encode()).digest() for i in range(n)]


def test_merkle_root_matches_reference() -> None:
    for n in range(0, 20):
        hs = _hashes(n)
        assert kernel.merkle_root([h.hex() for h in hs]) == _mth(hs).hex()
    assert kernel.merkle_root([]) == hashlib.sha256(b"").hexdigest()


@given(st.integers(1, 70), st.data())
def test_inclusion_proofs_verify_and_any_bit_flip_fails(n: int, data: st.DataObject) -> None:
    hs = _hashes(n)
    m = data.draw(st.integers(0, n - 1))
    root, path = _mth(hs).hex(), [p.hex() for p in _path(m, hs)]
    leaf = _leaf(hs[m]).hex()
    assert leaf == kernel._leaf_of_input(hs[m].hex()).hex()
    assert kernel.verify_inclusion(leaf, m, n, path, root)
    if m ^ 1 < n:  # the sibling's position puts the hashes in the other order
        assert not kernel.verify_inclusion(leaf, m ^ 1, n, path, root)
    if path:
        i = data.draw(st.integers(0, len(path) - 1))
        bit = data.draw(st.integers(0, 255))
        flipped = bytearray(bytes.fromhex(path[i]))
        flipped[bit // 8] ^= 1 << (bit % 8)
        assert not kernel.verify_inclusion(leaf, m, n, [*path[:i], flipped.hex(), *path[i + 1 :]], root)
        assert not kernel.verify_inclusion(leaf, m, n, path[:-1], root)
    assert not kernel.verify_inclusion(leaf, m, n, path + [root], root)


@given(st.integers(1, 70), st.data())
def test_consistency_proofs_verify_and_tampering_fails(n: int, data: st.DataObject) -> None:
    hs = _hashes(n)
    m = data.draw(st.integers(1, n))
    proof = [p.hex() for p in _subproof(m, hs, True)] if m < n else []
    first, second = _mth(hs[:m]).hex(), _mth(hs).hex()
    assert kernel.verify_consistency(m, n, proof, first, second)
    assert not kernel.verify_consistency(m, n, proof, second if first != second else "00" * 32, second)
    if proof:
        i = data.draw(st.integers(0, len(proof) - 1))
        bad = bytearray(bytes.fromhex(proof[i]))
        bad[0] ^= 0x80
        assert not kernel.verify_consistency(m, n, [*proof[:i], bad.hex(), *proof[i + 1 :]], first, second)


@pytest.mark.parametrize(
    "bad",
    [
        ("zz" * 32, 0, 1, [], None),
        (None, -1, 1, [], None),
        (None, 1, 1, [], None),
        (None, 0.5, 1, [], None),
        (None, True, 2, [], None),
        (None, 0, 1, ["AB" * 32], None),
        (None, 0, 2**53, [], None),
    ],
)
def test_inclusion_rejects_malformed_input(bad: tuple[object, ...]) -> None:
    hs = _hashes(2)
    leaf, index, size, path, root = bad
    good_path = [p.hex() for p in _path(0, hs)]
    # Deliberately ill-typed arguments: the kernel must refuse them at run time.
    args: tuple[Any, ...] = (
        leaf if isinstance(leaf, str) else _leaf(hs[0]).hex(),
        index,
        size,
        path or good_path if size == 2 else path,
        _mth(hs).hex() if root is None else root,
    )
    assert not kernel.verify_inclusion(*args)


def test_consistency_needs_first_at_least_one() -> None:
    root = _mth([]).hex()
    assert not kernel.verify_consistency(0, 0, [], root, root)
    assert not kernel.verify_consistency(0, 1, [], root, _mth(_hashes(1)).hex())


def test_mac_compute_and_verify() -> None:
    key = "8d68c655677c5c72d8118949e8997571"
    empty = hashlib.sha256(b"").hexdigest()
    body = {"treeSize": 0, "rootHash": empty, "timestamp": 1700000000000}
    mac = kernel.compute_mac(key, body)
    canonical = b'{"rootHash":"' + empty.encode() + b'","timestamp":1700000000000,"treeSize":0}'
    assert mac == hmac.new(bytes.fromhex(key), canonical, hashlib.sha256).hexdigest()
    assert kernel.verify_mac(key, body, mac)
    assert kernel.verify_mac(bytes.fromhex(key), body, mac)
    assert kernel.verify_record_mac(key, {**body, "kid": "k", "mac": mac})
    assert not kernel.verify_mac(key, body, mac.upper())
    assert not kernel.verify_mac(key, {**body, "timestamp": 1700000000001}, mac)
    assert not kernel.verify_mac("00" * 16, body, mac)
    assert not kernel.verify_mac("not hex!", body, mac)
    assert not kernel.verify_mac(key, body, None)
    assert not kernel.verify_record_mac(key, body)


def test_signature() -> None:
    assert kernel.signature("injection", None) == "injection:74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b"
