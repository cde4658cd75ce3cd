"""The verification kernel (docs/spec/audit.md): check the daemon's answers without trusting it.

Hashes, proofs and MACs are lowercase hex, as on the wire and in the vectors. Every ``verify_*``
answers ``False`` for malformed input instead of raising.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ._audit_entry import AuditEntryError, check_entry
from .cjson import canonical_bytes, number_to_string, quote

__all__ = [
    "GENESIS_HASH",
    "signature",
    "record_hash",
    "leaf_hash",
    "node_hash",
    "merkle_root",
    "AuditEntryError",
    "check_entry",
    "verify_inclusion",
    "verify_consistency",
    "compute_mac",
    "verify_mac",
    "verify_record_mac",
]

GENESIS_HASH = "0" * 64
_LOWER_HEX = re.compile(r"[0-9a-f]*")
_ANY_HEX = re.compile(r"[0-9a-fA-F]*")
_MAX_SAFE = 2**53 - 1


def _sha256(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


def signature(category: str, payload: Any) -> str:
    """``category:sha256hex(TH-CJSON-1(payload))``; raises CanonicalJsonError for NaN, Infinity…"""
    return f"{category}:{hashlib.sha256(canonical_bytes(payload)).hexdigest()}"


def _js_value(v: Any) -> str:
    if isinstance(v, str):
        return quote(v)
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise TypeError(f"expected a string or a number, got {type(v).__name__}")
    return number_to_string(float(v))


def record_hash(record: Mapping[str, Any]) -> str:
    """v1's audit record hash: SHA-256 of JSON.stringify({id, signature, timestamp, previousHash})."""
    text = "{" + ",".join(f'"{k}":{_js_value(record[k])}' for k in ("id", "signature", "timestamp", "previousHash")) + "}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _hex(value: object) -> bytes | None:
    if isinstance(value, str) and len(value) % 2 == 0 and _LOWER_HEX.fullmatch(value):
        return bytes.fromhex(value)
    return None


def _hashes(values: object) -> list[bytes] | None:
    if not isinstance(values, Sequence) or isinstance(values, str):
        return None
    out = [_hex(v) for v in values]
    return None if any(b is None or len(b) != 32 for b in out) else [b for b in out if b is not None]


def _count(n: object) -> int | None:
    """A JavaScript safe non-negative integer (3.0 counts as 3), else None."""
    if isinstance(n, bool) or not isinstance(n, (int, float)):
        return None
    if isinstance(n, float) and not n.is_integer():
        return None
    i = int(n)
    return i if 0 <= i <= _MAX_SAFE else None


def leaf_hash(entry: Mapping[str, Any]) -> str:
    """RFC 9162 leaf hash of an audit entry: SHA-256(0x00 ‖ TH-CJSON-1(entry)), every field bound.

    Raises AuditEntryError (a ValueError) for an unknown type or a field outside the type's schema.
    """
    return _sha256(b"\x00" + canonical_bytes(check_entry(entry))).hex()


def node_hash(left: bytes, right: bytes) -> bytes:
    return _sha256(b"\x01" + left + right)


def _leaf_of_input(input_hex: str) -> bytes:
    raw = _hex(input_hex)
    if raw is None or len(raw) != 32:
        raise ValueError("a leaf input here is 64 lowercase hex digits")
    return _sha256(b"\x00" + raw)


def merkle_root(leaf_inputs: Sequence[str]) -> str:
    """RFC 9162 tree head over 32-byte leaf inputs in hex (as the vectors give them); empty tree = SHA-256("")."""
    level = [_leaf_of_input(h) for h in leaf_inputs]
    if not level:
        return _sha256(b"").hex()

    def mth(nodes: list[bytes]) -> bytes:
        if len(nodes) == 1:
            return nodes[0]
        k = 1 << ((len(nodes) - 1).bit_length() - 1)
        return node_hash(mth(nodes[:k]), mth(nodes[k:]))

    return mth(level).hex()


def verify_inclusion(leaf_hash: str, leaf_index: int, tree_size: int, path: Sequence[str], root_hash: str) -> bool:
    """RFC 9162 §2.1.3.2."""
    fn, size = _count(leaf_index), _count(tree_size)
    leaf, root, nodes = _hex(leaf_hash), _hex(root_hash), _hashes(path)
    if fn is None or size is None or fn >= size or leaf is None or root is None or nodes is None:
        return False
    if len(leaf) != 32 or len(root) != 32:
        return False
    sn = size - 1
    r = leaf
    for p in nodes:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            r = node_hash(p, r)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn //= 2
                    sn //= 2
        else:
            r = node_hash(r, p)
        fn //= 2
        sn //= 2
    return sn == 0 and hmac.compare_digest(r, root)


def verify_consistency(first_size: int, second_size: int, path: Sequence[str], first_root: str, second_root: str) -> bool:
    """RFC 9162 §2.1.4.2; needs 1 ≤ first ≤ second (equal sizes: empty proof, equal roots)."""
    first, second = _count(first_size), _count(second_size)
    r1, r2, nodes = _hex(first_root), _hex(second_root), _hashes(path)
    if first is None or second is None or first < 1 or first > second or r1 is None or r2 is None or nodes is None:
        return False
    if len(r1) != 32 or len(r2) != 32:
        return False
    if first == second:
        return not nodes and hmac.compare_digest(r1, r2)
    if not nodes:
        return False
    if first & (first - 1) == 0:
        nodes = [r1, *nodes]
    fn, sn = first - 1, second - 1
    while fn % 2 == 1:
        fn //= 2
        sn //= 2
    fr = sr = nodes[0]
    for c in nodes[1:]:
        if sn == 0:
            return False
        if fn % 2 == 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if fn % 2 == 0:
                while fn % 2 == 0 and fn != 0:
                    fn //= 2
                    sn //= 2
        else:
            sr = node_hash(sr, c)
        fn //= 2
        sn //= 2
    return sn == 0 and hmac.compare_digest(fr, r1) and hmac.compare_digest(sr, r2)


def _key(key: bytes | str) -> bytes:
    if isinstance(key, bytes):
        return key
    if len(key) % 2 or not _ANY_HEX.fullmatch(key):
        raise ValueError("a MAC key is hex or bytes")
    return bytes.fromhex(key)


def compute_mac(key: bytes | str, body: Any) -> str:
    """Hex HMAC-SHA256(key, TH-CJSON-1(body)); key as bytes or hex."""
    return hmac.new(_key(key), canonical_bytes(body), hashlib.sha256).hexdigest()


def verify_mac(key: bytes | str, body: Any, mac: object) -> bool:
    """Constant-time check; only the canonical lowercase-hex spelling verifies. False for a bad body."""
    if not isinstance(mac, str):
        return False
    try:
        expected = compute_mac(key, body)
    except ValueError:
        return False
    return hmac.compare_digest(expected.encode(), mac.encode("utf-8", "surrogatepass"))


def verify_record_mac(key: bytes | str, record: Mapping[str, Any]) -> bool:
    """A record carrying its own ``kid`` and ``mac`` (tree head, evidence record) in the kernel's JSON form."""
    body = {k: v for k, v in record.items() if k not in ("kid", "mac")}
    return verify_mac(key, body, record.get("mac"))
