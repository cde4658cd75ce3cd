package kernel

import (
	"unicode/utf16"
	"unicode/utf8"
)

// Strings are JavaScript strings: sequences of UTF-16 code units. A Go string holds them as UTF-8,
// extended the WTF-8 way so that a lone surrogate (which JavaScript allows and JSON text can carry
// as "\udxxx") is the 3-byte sequence ED A0..BF 80..BF. ParseJSON produces that form; any other
// byte sequence that is not UTF-8 is refused.

// decodeUnit reads one code point (or one WTF-8 surrogate) at s[i:]; size 0 means invalid bytes.
func decodeUnit(s string, i int) (r rune, size int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	r, size = utf8.DecodeRuneInString(s[i:])
	if r != utf8.RuneError || size > 1 {
		return r, size
	}
	// U+D800..U+DFFF as ED A0..BF 80..BF (rejected by Go's UTF-8 decoder, kept by WTF-8).
	if c == 0xED && i+2 < len(s) && s[i+1] >= 0xA0 && s[i+1] <= 0xBF && s[i+2] >= 0x80 && s[i+2] <= 0xBF {
		return 0xD000 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F), 3
	}
	if r == utf8.RuneError && size == 3 { // a literal U+FFFD
		return r, size
	}
	return utf8.RuneError, 0
}

// isSurrogate reports whether r is a UTF-16 surrogate code unit.
func isSurrogate(r rune) bool { return r >= 0xD800 && r <= 0xDFFF }

// appendWTF8 appends code point or lone surrogate r in the extended UTF-8 form.
func appendWTF8(dst []byte, r rune) []byte {
	if isSurrogate(r) {
		return append(dst, 0xED, byte(0x80|(r>>6)&0x3F), byte(0x80|r&0x3F))
	}
	return utf8.AppendRune(dst, r)
}

// utf16Units returns the UTF-16 code units of s, or ok=false for bytes that are not (WTF-)UTF-8.
// A surrogate pair written as two 3-byte sequences joins into the same units as the 4-byte form.
func utf16Units(s string, buf []uint16) ([]uint16, bool) {
	out := buf[:0]
	for i := 0; i < len(s); {
		r, size := decodeUnit(s, i)
		if size == 0 {
			return nil, false
		}
		i += size
		if r >= 0x10000 {
			hi, lo := utf16.EncodeRune(r)
			out = append(out, uint16(hi), uint16(lo))
		} else {
			out = append(out, uint16(r))
		}
	}
	return out, true
}

// lessUTF16 orders strings by UTF-16 code units, as JavaScript's default sort does.
func lessUTF16(a, b []uint16) bool {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}
