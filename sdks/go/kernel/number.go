package kernel

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// ErrNonFinite is returned for NaN and ±Infinity, which JSON cannot carry.
var ErrNonFinite = errors.New("NaN and Infinity are not allowed")

// FormatNumber writes f as ECMAScript Number::toString does (ECMA-262 §6.1.6.1.20), which is also
// RFC 8785's number form: the shortest digits that round-trip, plain notation for decimal
// exponents in [-6, 21) (0.000001, 1e-7, 1e+21), otherwise d[.ddd]e±n. -0 is written "0".
// NaN and ±Infinity are refused.
func FormatNumber(f float64) (string, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "", ErrNonFinite
	}
	return string(appendNumber(nil, f)), nil
}

// appendNumber appends the Number::toString form of a finite f.
func appendNumber(dst []byte, f float64) []byte {
	if f == 0 {
		return append(dst, '0') // +0 and -0
	}
	if f < 0 {
		dst = append(dst, '-')
		f = -f
	}
	// Integers below 2^53 are the common case: exact and already shortest.
	if f < 1e21 && f == math.Trunc(f) && f < 1<<53 {
		return strconv.AppendUint(dst, uint64(f), 10)
	}
	// Shortest round-trip digits and the decimal exponent: "d.ddde±x".
	var buf [32]byte
	e := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(string(e), "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	k := len(digits)
	n := x + 1 // the decimal point sits after n digits
	switch {
	case k <= n && n <= 21:
		dst = append(dst, digits...)
		for i := k; i < n; i++ {
			dst = append(dst, '0')
		}
	case 0 < n && n <= 21:
		dst = append(dst, digits[:n]...)
		dst = append(dst, '.')
		dst = append(dst, digits[n:]...)
	case -6 < n && n <= 0:
		dst = append(dst, '0', '.')
		for i := 0; i < -n; i++ {
			dst = append(dst, '0')
		}
		dst = append(dst, digits...)
	default:
		dst = append(dst, digits[0])
		if k > 1 {
			dst = append(dst, '.')
			dst = append(dst, digits[1:]...)
		}
		dst = append(dst, 'e')
		if n-1 >= 0 {
			dst = append(dst, '+')
		}
		dst = strconv.AppendInt(dst, int64(n-1), 10)
	}
	return dst
}
