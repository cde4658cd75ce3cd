// Command conformance is the Go executor of the conformance suite (conformance/README.md):
//
//	conformance <vectors-dir>
//
// signature, audit and hmac vectors run through the local verification kernel; intercept vectors
// run through the Go client against the daemon in TRACEHOUND_CONFORMANCE_ADDRESS. One JSON line per
// case, then "N passed, N failed"; exit 1 when anything failed.
package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"

	"github.com/tracehound/tracehound/sdks/go/kernel"
)

type obj = map[string]any

var passed, failed int
var out = json.NewEncoder(os.Stdout)

func judge(id string, want, got any) {
	line := obj{"case": id, "ok": reflect.DeepEqual(want, got)}
	if line["ok"] == true {
		passed++
	} else {
		failed++
		line["want"], line["got"] = want, got
	}
	if err := out.Encode(line); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}

func load(dir, suite string) obj {
	text, err := os.ReadFile(filepath.Join(dir, suite+"_test.json"))
	if err == nil {
		var v any
		if v, err = kernel.ParseJSON(text); err == nil {
			return v.(obj)
		}
	}
	fmt.Fprintln(os.Stderr, "conformance:", err)
	os.Exit(2)
	return nil
}

// tests yields every (group, test) of a vector file in file order.
func tests(file obj, each func(g, t obj)) {
	for _, g := range file["testGroups"].([]any) {
		for _, t := range g.(obj)["tests"].([]any) {
			each(g.(obj), t.(obj))
		}
	}
}

func caseID(suite string, t obj) string { return fmt.Sprintf("%s_test/%v", suite, t["tcId"]) }

// decodeSpecial swaps {"$float": "NaN"|"Infinity"|"-Infinity"} markers for those numbers.
func decodeSpecial(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i := range x {
			out[i] = decodeSpecial(x[i])
		}
		return out
	case obj:
		if m, ok := x["$float"].(string); ok && len(x) == 1 {
			switch m {
			case "NaN":
				return math.NaN()
			case "Infinity":
				return math.Inf(1)
			case "-Infinity":
				return math.Inf(-1)
			}
		}
		out := obj{}
		for k, item := range x {
			out[k] = decodeSpecial(item)
		}
		return out
	}
	return v
}

func validity(ok bool) string {
	if ok {
		return "valid"
	}
	return "invalid"
}

func str(v any) string { s, _ := v.(string); return s }

func strs(v any) []string {
	var out []string
	for _, s := range v.([]any) {
		out = append(out, str(s))
	}
	return out
}

// count is a JSON number that is a non-negative integer (else ok=false: the proof is malformed).
func count(v any) (uint64, bool) {
	f, isNum := v.(float64)
	return uint64(f), isNum && f >= 0 && f <= 1<<53 && f == math.Trunc(f)
}

func auditCheck(kind string, t obj) bool {
	switch kind {
	case "RecordHashTest":
		r := t["record"].(obj)
		ts, ok := r["timestamp"].(float64)
		h, err := kernel.RecordHash(kernel.AuditRecord{ID: str(r["id"]), Signature: str(r["signature"]), Timestamp: int64(ts), PreviousHash: str(r["previousHash"])})
		return ok && ts == math.Trunc(ts) && err == nil && h == t["hash"]
	case "TreeHeadTest":
		root, ok := kernel.RootHash(strs(t["leaves"]))
		return ok && root == t["rootHash"]
	case "InclusionProofTest":
		i, ok1 := count(t["leafIndex"])
		n, ok2 := count(t["treeSize"])
		return ok1 && ok2 && kernel.VerifyInclusion(kernel.InclusionProof{LeafIndex: i, TreeSize: n, LeafHash: str(t["leafHash"]), Path: strs(t["path"])}, str(t["rootHash"]))
	case "ConsistencyProofTest":
		a, ok1 := count(t["firstSize"])
		b, ok2 := count(t["secondSize"])
		return ok1 && ok2 && kernel.VerifyConsistency(kernel.ConsistencyProof{FirstSize: a, SecondSize: b, Path: strs(t["path"])}, str(t["firstRoot"]), str(t["secondRoot"]))
	}
	return false
}

func main() {
	dir := "conformance/vectors"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	out.SetEscapeHTML(false)
	tests(load(dir, "signature"), func(_, t obj) {
		id, payload := caseID("signature", t), decodeSpecial(t["payload"])
		canonical, err := kernel.Canonicalize(payload)
		if t["result"] == "invalid" {
			judge(id, "refused", map[bool]string{true: "refused", false: "accepted"}[err != nil])
			return
		}
		var got any = obj{"error": fmt.Sprint(err)}
		if sig, err := kernel.Signature(str(t["category"]), payload); err == nil {
			got = obj{"canonicalHex": hex.EncodeToString(canonical), "signature": sig}
		}
		judge(id, obj{"canonicalHex": t["canonicalHex"], "signature": t["signature"]}, got)
	})
	runIntercept(load(dir, "intercept"))
	tests(load(dir, "audit"), func(g, t obj) {
		judge(caseID("audit", t), t["result"], validity(auditCheck(str(g["type"]), t)))
	})
	tests(load(dir, "hmac"), func(g, t obj) {
		judge(caseID("hmac", t), t["result"], validity(kernel.VerifyMACHex(str(g["keyHex"]), t["body"], str(t["mac"]))))
	})
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
