"""TH-CJSON-1 unit tests: JavaScript's number, string and key-order rules in Python."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, strategies as st

from tracehound.cjson import CanonicalJsonError, canonicalize, number_to_string, quote, sort_keys


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.0, "0"),
        (-0.0, "0"),
        (1.0, "1"),
        (-1.0, "-1"),
        (1e21, "1e+21"),
        (1e22, "1e+22"),
        (-1e21, "-1e+21"),
        (1e20, "100000000000000000000"),
        (1e-6, "0.000001"),
        (1e-7, "1e-7"),
        (1.5e-7, "1.5e-7"),
        (0.1, "0.1"),
        (0.1 + 0.2, "0.30000000000000004"),
        (123.456, "123.456"),
        (5e-324, "5e-324"),
        (1.7976931348623157e308, "1.7976931348623157e+308"),
        (2.0**53, "9007199254740992"),
        (6.02214076e23, "6.02214076e+23"),
        (1.23e-18, "1.23e-18"),
        (12345678901234567000.0, "12345678901234567000"),
        (100.0, "100"),
        (0.000123, "0.000123"),
        (1.5, "1.5"),
        (1e100, "1e+100"),
    ],
)
def test_number_to_string_matches_ecmascript(value: float, text: str) -> None:
    assert number_to_string(value) == text


def test_python_ints_are_the_doubles_they_denote() -> None:
    assert canonicalize(2**53 + 1) == "9007199254740992"
    assert canonicalize(10**21) == "1e+21"
    assert canonicalize([1, 1.0, -0, True]) == "[1,1,0,true]"


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_number_text_round_trips_and_uses_exponents_only_where_javascript_does(x: float) -> None:
    text = number_to_string(x)
    assert float(text) == x
    if x != 0:
        exponent = Decimal(repr(abs(x))).adjusted()  # exact: the shortest digits' decimal exponent
        assert ("e" in text) == (exponent >= 21 or exponent < -6), text


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, 10**400, {1: "x"}, {"a": {1, 2}}, b"x", object()])
def test_refuses_what_json_cannot_carry(bad: Any) -> None:
    with pytest.raises(CanonicalJsonError):
        canonicalize(bad)


def test_refusal_names_the_path() -> None:
    with pytest.raises(CanonicalJsonError, match=r"root\.a\[1\]"):
        canonicalize({"a": [1, math.nan]})


def test_circular_values_are_refused() -> None:
    loop: list[Any] = []
    loop.append(loop)
    with pytest.raises(CanonicalJsonError, match="circular"):
        canonicalize(loop)


def test_shared_but_acyclic_values_are_fine() -> None:
    shared = {"x": 1}
    assert canonicalize([shared, shared]) == '[{"x":1},{"x":1}]'


def test_string_escaping_is_json_stringify() -> None:
    assert quote('say "hi" \\ bye') == '"say \\"hi\\" \\\\ bye"'
    assert quote("\b\f\n\r\t\x00\x1f\x7f") == '"\\b\\f\\n\\r\\t\\u0000\\u001f\x7f"'
    assert quote("</script>\u2028\u2029") == '"</script>\u2028\u2029"'
    assert quote("\ud800") == '"\\ud800"' and quote("abc\udbff") == '"abc\\udbff"'
    assert quote("\udc00\ud800") == '"\\udc00\\ud800"'


def test_adjacent_surrogate_code_points_are_a_pair_as_in_javascript() -> None:
    assert canonicalize("\ud83d\ude00").encode() == canonicalize("😀").encode() == '"😀"'.encode()


def test_key_order_design_example() -> None:
    assert canonicalize({"b": 1, "10": 2, "9": 3, "a": 4, "B": 5}) == '{"9":3,"10":2,"B":5,"a":4,"b":1}'


def test_keys_sort_by_utf16_code_units_not_code_points() -> None:
    # U+1F600 is D83D DE00 in UTF-16: before U+E000 and U+FF61, though its code point is larger.
    assert sort_keys(["\uff61", "😀", "\ue000"]) == ["😀", "\ue000", "\uff61"]


def test_array_index_keys() -> None:
    assert sort_keys(["4294967295", "5", "4294967294", "01", "1", "-1", "1.0", " 1", "0"]) == [
        "0",
        "1",
        "5",
        "4294967294",
        " 1",
        "-1",
        "01",
        "1.0",
        "4294967295",
    ]


def test_proto_key_is_data() -> None:
    assert canonicalize({"z": 1, "__proto__": {"p": True}}) == '{"__proto__":{"p":true},"z":1}'


def test_depth_limit_512_for_arrays_and_objects() -> None:
    from tracehound.cjson import MAX_DEPTH

    for wrap in (lambda v: [v], lambda v: {"k": v}):
        for depth in (MAX_DEPTH - 1, MAX_DEPTH, MAX_DEPTH + 1, 200_000):
            v: Any = 1
            for _ in range(depth):
                v = wrap(v)
            if depth <= MAX_DEPTH:
                canonicalize(v)
            else:
                with pytest.raises(CanonicalJsonError) as e:
                    canonicalize(v)
                assert e.value.too_deep and str(e.value) == "nesting deeper than 512 levels at root"
