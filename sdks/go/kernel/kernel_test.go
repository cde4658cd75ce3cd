package kernel

import (
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func canon(t *testing.T, v any) string {
	t.Helper()
	b, err := Canonicalize(v)
	if err != nil {
		t.Fatalf("Canonicalize(%#v): %v", v, err)
	}
	return string(b)
}

func TestFormatNumberECMAScript(t *testing.T) {
	cases := map[float64]string{
		0: "0", math.Copysign(0, -1): "0", 1: "1", -1: "-1", 1.5: "1.5", 0.1: "0.1",
		1e21: "1e+21", 1e20: "100000000000000000000",
		123456789012345680000: "123456789012345680000", 1e-6: "0.000001", 1e-7: "1e-7",
		1.5e-7: "1.5e-7", 1.2345e-6: "0.0000012345", 5e-324: "5e-324", -5e-324: "-5e-324",
		math.MaxFloat64: "1.7976931348623157e+308", 9007199254740992: "9007199254740992",
		1 << 60: "1152921504606847000", 1e300: "1e+300",
		2.5e21: "2.5e+21", 100: "100", 4294967295: "4294967295", -1e-7: "-1e-7", 0.000123: "0.000123",
	}
	point1, point2 := 0.1, 0.2
	cases[point1+point2] = "0.30000000000000004"
	for f, want := range cases {
		got, err := FormatNumber(f)
		if err != nil || got != want {
			t.Errorf("FormatNumber(%v) = %q, %v; want %q", f, got, err, want)
		}
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, err := FormatNumber(f); err == nil {
			t.Errorf("FormatNumber(%v) accepted", f)
		}
	}
}

func TestKeyOrder(t *testing.T) {
	v := map[string]any{"b": 1.0, "10": 2.0, "9": 3.0, "a": 4.0, "B": 5.0}
	if got := canon(t, v); got != `{"9":3,"10":2,"B":5,"a":4,"b":1}` {
		t.Fatalf("got %s", got)
	}
	// Not array indexes: leading zero, 2^32-1, negative, fraction; they sort as strings.
	v = map[string]any{"4294967294": 1.0, "4294967295": 2.0, "01": 3.0, "-1": 4.0, "1.5": 5.0, "0": 6.0}
	if got := canon(t, v); got != `{"0":6,"4294967294":1,"-1":4,"01":3,"1.5":5,"4294967295":2}` {
		t.Fatalf("got %s", got)
	}
	// UTF-16 order, not code-point order: U+FFFF sorts after U+10000 (a surrogate pair, 0xD800…).
	v = map[string]any{"\uffff": 1.0, "\U00010000": 2.0, "\u00e9": 3.0}
	if got := canon(t, v); got != "{\"\u00e9\":3,\"\U00010000\":2,\"\uffff\":1}" {
		t.Fatalf("got %s", got)
	}
}

func TestStrings(t *testing.T) {
	cases := map[string]string{
		"a\"b\\c":         `"a\"b\\c"`,
		"\b\f\n\r\t":      `"\b\f\n\r\t"`,
		"\x00\x1f\x7f":    "\"\\u0000\\u001f\x7f\"",
		"/\u2028\u2029é😀": "\"/\u2028\u2029é😀\"",
	}
	for in, want := range cases {
		if got := canon(t, in); got != want {
			t.Errorf("%q: got %s want %s", in, got, want)
		}
	}
	if _, err := Canonicalize("\xff"); err == nil {
		t.Error("invalid UTF-8 accepted")
	}
}

func TestParseJSONKeepsLoneSurrogates(t *testing.T) {
	for text, want := range map[string]string{
		`"\ud800"`:             `"\ud800"`,
		`"\uDFFFx"`:            `"\udfffx"`,
		`"\ud83d\ude00"`:       "\"😀\"",
		`"\ude00\ud83d"`:       `"\ude00\ud83d"`,
		`{"\ud800":1,"a":2}`:   `{"a":2,"\ud800":1}`,
		`[1e400,-0,1E2,0.5e1]`: "",
	} {
		v, err := ParseJSON([]byte(text))
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		got, err := Canonicalize(v)
		if want == "" {
			if err == nil {
				t.Errorf("%s: 1e400 is Infinity and must be refused, got %s", text, got)
			}
			continue
		}
		if err != nil || string(got) != want {
			t.Errorf("%s: got %s, %v; want %s", text, got, err, want)
		}
	}
	// encoding/json would have turned the surrogate into U+FFFD: the reason ParseJSON exists.
	var std any
	_ = json.Unmarshal([]byte(`"\ud800"`), &std)
	if canon(t, std) == `"\ud800"` {
		t.Fatal("expected encoding/json to lose the lone surrogate")
	}
	for _, bad := range []string{``, `{`, `[1,]`, `01`, `1.`, `"\x01"`, `"\u12"`, `{"a" 1}`, `nul`, `1 2`, "\"\xff\""} {
		if _, err := ParseJSON([]byte(bad)); err == nil {
			t.Errorf("ParseJSON(%q) accepted", bad)
		}
	}
}

func TestGoValues(t *testing.T) {
	type inner struct {
		Z int    `json:"z"`
		A string `json:"a,omitempty"`
	}
	v := map[string]any{"ints": []int{1, -2}, "s": inner{Z: 3}, "p": &inner{A: "x"}, "n": json.Number("1.0"), "m": map[string]float32{"k": 0.5}, "nil": []any(nil)}
	if got := canon(t, v); got != `{"ints":[1,-2],"m":{"k":0.5},"n":1,"nil":null,"p":{"a":"x","z":0},"s":{"z":3}}` {
		t.Fatalf("got %s", got)
	}
	for _, bad := range []any{math.NaN(), []any{math.Inf(-1)}, map[string]any{"f": func() {}}, make(chan int), json.Number("0x1")} {
		if _, err := Canonicalize(bad); err == nil {
			t.Errorf("Canonicalize(%T) accepted", bad)
		}
	}
	_, err := Canonicalize(map[string]any{"a": []any{1.0, math.NaN()}})
	if ce, ok := err.(*CanonicalError); !ok || ce.Path != "root.a[1]" {
		t.Fatalf("error %v, want path root.a[1]", err)
	}
	deep := any(nil)
	for i := 0; i < 20000; i++ {
		deep = []any{deep}
	}
	if _, err := Canonicalize(deep); err == nil {
		t.Fatal("nesting of 20000 accepted")
	}
}

func TestSignatureAndRecordHash(t *testing.T) {
	sig, err := Signature("injection", nil)
	if err != nil || sig != "injection:74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b" {
		t.Fatalf("got %s, %v", sig, err)
	}
	r := AuditRecord{ID: "018bcfe5-6800-7898-bf64-323ccb8944af-1a5a7cf4", Signature: "spam:81c377d85bae75280fd1064a33ab594fcf849702b47dd2aa1a1b7da0875fe4a3", Timestamp: 1700000000000, PreviousHash: GenesisHash}
	if h, _ := RecordHash(r); h != "687f44b35b534aa2b8c2e44affae0d1218aa9d3556750cfcfca88aefd5600403" {
		t.Fatalf("record hash %s", h)
	}
	r.Timestamp++
	if h, _ := RecordHash(r); h == "687f44b35b534aa2b8c2e44affae0d1218aa9d3556750cfcfca88aefd5600403" {
		t.Fatal("timestamp not covered")
	}
}

func TestMAC(t *testing.T) {
	key := []byte("0123456789abcdef")
	body := map[string]any{"treeSize": 1, "rootHash": strings.Repeat("a", 64), "timestamp": 5}
	mac, err := ComputeMAC(key, body)
	if err != nil || !VerifyMAC(key, body, mac) {
		t.Fatalf("round trip failed: %v", err)
	}
	body["timestamp"] = 6
	if VerifyMAC(key, body, mac) || VerifyMAC(key, map[string]any{"x": math.NaN()}, mac) {
		t.Fatal("tampered body verified")
	}
	body["timestamp"] = 5
	if VerifyMAC(key, body, strings.ToUpper(mac)) || VerifyMAC([]byte("other key 123456"), body, mac) {
		t.Fatal("upper-case MAC or another key verified")
	}
}

// prove builds RFC 9162 proofs (test-only prover) to check the verifiers on every small tree.
func subproof(m int, leaves [][]byte, b bool) [][]byte {
	n := len(leaves)
	if m == n {
		if b {
			return nil
		}
		return [][]byte{mth(leaves)}
	}
	k := 1
	for k*2 < n {
		k *= 2
	}
	if m <= k {
		return append(subproof(m, leaves[:k], b), mth(leaves[k:]))
	}
	return append(subproof(m-k, leaves[k:], false), mth(leaves[:k]))
}

func path(m int, leaves [][]byte) [][]byte {
	n := len(leaves)
	if n <= 1 {
		return nil
	}
	k := 1
	for k*2 < n {
		k *= 2
	}
	if m < k {
		return append(path(m, leaves[:k]), mth(leaves[k:]))
	}
	return append(path(m-k, leaves[k:]), mth(leaves[:k]))
}

func hexes(list [][]byte) []string {
	out := []string{}
	for _, b := range list {
		out = append(out, hex.EncodeToString(b))
	}
	return out
}

func TestMerkleProofs(t *testing.T) {
	var records []string
	var leaves [][]byte
	roots := []string{}
	for n := 0; n <= 20; n++ {
		root, ok := RootHash(records)
		if !ok {
			t.Fatal("RootHash refused good hashes")
		}
		roots = append(roots, root)
		for i := 0; i < n; i++ {
			p := InclusionProof{LeafIndex: uint64(i), TreeSize: uint64(n), LeafHash: hex.EncodeToString(leaves[i]), Path: hexes(path(i, leaves))}
			if !VerifyInclusion(p, root) {
				t.Fatalf("inclusion %d of %d failed", i, n)
			}
			for j := range p.Path { // every flipped bit breaks it
				bad := p
				bad.Path = append([]string(nil), p.Path...)
				bad.Path[j] = flip(bad.Path[j])
				if VerifyInclusion(bad, root) {
					t.Fatalf("inclusion %d of %d: flipped node %d verified", i, n, j)
				}
			}
			if wrong := p; VerifyInclusion(InclusionProof{wrong.LeafIndex + 1, wrong.TreeSize, wrong.LeafHash, wrong.Path}, root) && n > 1 {
				t.Fatalf("inclusion %d of %d verified at the wrong index", i, n)
			}
		}
		for m := 1; m < n; m++ {
			p := ConsistencyProof{FirstSize: uint64(m), SecondSize: uint64(n), Path: hexes(subproof(m, leaves, true))}
			if !VerifyConsistency(p, roots[m], root) {
				t.Fatalf("consistency %d→%d failed", m, n)
			}
			if VerifyConsistency(p, roots[m-1], root) || (len(p.Path) > 0 && VerifyConsistency(ConsistencyProof{p.FirstSize, p.SecondSize, p.Path[1:]}, roots[m], root)) {
				t.Fatalf("consistency %d→%d: forgery verified", m, n)
			}
		}
		rec := hex.EncodeToString([]byte(strings.Repeat(string(rune('a'+n%26)), 32)))
		raw, _ := hex.DecodeString(rec)
		records, leaves = append(records, rec), append(leaves, leafOf(raw))
	}
	if _, ok := RootHash([]string{"ABCD"}); ok {
		t.Fatal("malformed leaf accepted")
	}
}

func flip(h string) string {
	b, _ := hex.DecodeString(h)
	b[0] ^= 1
	return hex.EncodeToString(b)
}

// The signature vectors, as a unit test of the kernel alone (the executor runs them all too).
func TestSignatureVectors(t *testing.T) {
	text, err := os.ReadFile(filepath.Join("..", "..", "..", "conformance", "vectors", "signature_test.json"))
	if err != nil {
		t.Skip("vectors not found (outside the repository):", err)
	}
	file, err := ParseJSON(text)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range file.(map[string]any)["testGroups"].([]any) {
		for _, tc := range g.(map[string]any)["tests"].([]any) {
			tc := tc.(map[string]any)
			payload := special(tc["payload"])
			sig, err := Signature(tc["category"].(string), payload)
			if tc["result"] == "invalid" {
				if err == nil {
					t.Errorf("tcId %v: accepted", tc["tcId"])
				}
				continue
			}
			b, _ := Canonicalize(payload)
			if err != nil || sig != tc["signature"] || hex.EncodeToString(b) != tc["canonicalHex"] {
				t.Errorf("tcId %v (%v): got %s %x, %v", tc["tcId"], tc["comment"], sig, b, err)
			}
			n++
		}
	}
	if n < 100 {
		t.Fatalf("only %d valid vectors", n)
	}
}

func special(v any) any {
	switch x := v.(type) {
	case []any:
		for i := range x {
			x[i] = special(x[i])
		}
	case map[string]any:
		if m, ok := x["$float"].(string); ok && len(x) == 1 {
			return map[string]float64{"NaN": math.NaN(), "Infinity": math.Inf(1), "-Infinity": math.Inf(-1)}[m]
		}
		for k := range x {
			x[k] = special(x[k])
		}
	}
	return v
}

func TestDepthLimit(t *testing.T) {
	for _, object := range []bool{false, true} {
		for _, depth := range []int{511, 512, 513, 1_000_000} {
			var v any = 1.0
			for i := 0; i < depth; i++ {
				if object {
					v = map[string]any{"k": v}
				} else {
					v = []any{v}
				}
			}
			_, err := Canonicalize(v)
			ce, _ := err.(*CanonicalError)
			if depth <= MaxDepth && err != nil {
				t.Errorf("depth %d (objects %v) refused: %v", depth, object, err)
			}
			if depth > MaxDepth && (ce == nil || !ce.TooDeep || ce.Error() != "nesting deeper than 512 levels at root") {
				t.Errorf("depth %d (objects %v): got %v, want the too-deep refusal", depth, object, err)
			}
			// ParseJSON reads documents deeper than a payload may be, up to its own stack bound.
			text := strings.Repeat("[", depth) + strings.Repeat("]", depth)
			_, err = ParseJSON([]byte(text))
			if ce, _ := err.(*CanonicalError); (depth <= 10000) != (err == nil) || (err != nil && (ce == nil || !ce.TooDeep)) {
				t.Errorf("ParseJSON depth %d: %v", depth, err)
			}
		}
	}
}
