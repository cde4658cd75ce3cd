package kernel

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// FuzzCanonical: go test ./kernel -run '^$' -fuzz FuzzCanonical -fuzztime 10s
// Seeded with the canonical form of every signature vector payload. For any text ParseJSON
// accepts, a canonical form must be valid JSON, a fixed point (re-reading and re-encoding it gives
// the same bytes), and, when the text has no \u escapes of surrogates, what encoding/json's own
// decoding of it canonicalizes to.
func FuzzCanonical(f *testing.F) {
	for _, s := range []string{`{"b":1,"10":2,"9":3,"a":4,"B":5}`, `"\ud800"`, `[1e21,1e-7,-0,0.1]`, `{"\u00e9":[null,true,"\u2028"]}`} {
		f.Add([]byte(s))
	}
	if text, err := os.ReadFile(filepath.Join("..", "..", "..", "conformance", "vectors", "signature_test.json")); err == nil {
		file, _ := ParseJSON(text)
		for _, g := range file.(map[string]any)["testGroups"].([]any) {
			for _, tc := range g.(map[string]any)["tests"].([]any) {
				if b, err := Canonicalize(tc.(map[string]any)["payload"]); err == nil {
					f.Add(b)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		v, err := ParseJSON(text)
		if err != nil {
			return
		}
		out, err := Canonicalize(v)
		if err != nil {
			return // ±Infinity from an out-of-range literal
		}
		if !json.Valid(out) {
			t.Fatalf("canonical form is not JSON: %q", out)
		}
		again, err := ParseJSON(out)
		if err != nil {
			t.Fatalf("canonical form does not parse back: %q: %v", out, err)
		}
		if out2, err := Canonicalize(again); err != nil || !bytes.Equal(out, out2) {
			t.Fatalf("not a fixed point: %q then %q (%v)", out, out2, err)
		}
		if bytes.Contains(bytes.ToLower(text), []byte(`\ud`)) || !json.Valid(text) {
			return // encoding/json replaces lone surrogates with U+FFFD: no comparison there
		}
		var std any
		if err := json.Unmarshal(text, &std); err != nil {
			return
		}
		if viaStd, err := Canonicalize(std); err != nil || !bytes.Equal(out, viaStd) {
			t.Fatalf("ParseJSON and encoding/json disagree on %q: %q vs %q (%v)", text, out, viaStd, err)
		}
	})
}

// FuzzFormatNumber: every finite double's Number::toString form reads back as the same double,
// and uses exponent notation exactly outside [1e-6, 1e21).
func FuzzFormatNumber(f *testing.F) {
	for _, x := range []float64{0, 1, 0.1, 1e21, 1e-7, 5e-324, math.MaxFloat64, 123456789} {
		f.Add(math.Float64bits(x))
	}
	f.Fuzz(func(t *testing.T, bits uint64) {
		x := math.Float64frombits(bits)
		s, err := FormatNumber(x)
		if math.IsNaN(x) || math.IsInf(x, 0) {
			if err == nil {
				t.Fatalf("%v accepted", x)
			}
			return
		}
		back, perr := strconv.ParseFloat(s, 64)
		if err != nil || perr != nil || back != x && !(x == 0 && back == 0) {
			t.Fatalf("%v -> %q -> %v (%v, %v)", x, s, back, err, perr)
		}
		abs := math.Abs(x)
		exp := bytes.ContainsRune([]byte(s), 'e')
		if x != 0 && exp != (abs >= 1e21 || abs < 1e-6) {
			t.Fatalf("%v -> %q: wrong notation", x, s)
		}
	})
}
