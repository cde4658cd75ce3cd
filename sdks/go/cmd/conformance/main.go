// Command conformance is the Go executor (conformance/README.md): `conformance <vectors-dir>`.
// signature, audit and hmac vectors run through package kernel; intercept sequences through the Go
// client against the daemon in TRACEHOUND_CONFORMANCE_ADDRESS. One JSON line per case, then
// "N passed, N failed"; exit status 1 when a case failed.
package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"

	"connectrpc.com/connect"
	th "github.com/tracehound/tracehound/sdks/go"
	cv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/conformance/v1"
	"github.com/tracehound/tracehound/sdks/go/gen/tracehound/conformance/v1/conformancev1connect"
	"github.com/tracehound/tracehound/sdks/go/kernel"
	"google.golang.org/protobuf/encoding/protojson"
)

// audit checks one audit_test case; a field of the wrong type or sign makes the case invalid.
func audit(kind string, t obj) bool {
	text := must(json.Marshal(t))
	var p struct {
		Record                                kernel.AuditRecord
		Hash, RootHash, FirstRoot, SecondRoot string
		LeafHash                              string
		Leaves                                []string
	}
	inclusion, consistency := kernel.InclusionProof{}, kernel.ConsistencyProof{}
	if json.Unmarshal(text, &p) != nil {
		return false
	}
	switch kind {
	case "RecordHashTest":
		h, err := kernel.RecordHash(p.Record)
		return err == nil && h == p.Hash
	case "LeafHashTest":
		leaf, err := kernel.LeafHash(t["entry"])
		return err == nil && leaf == p.LeafHash
	case "TreeHeadTest":
		root, ok := kernel.RootHash(p.Leaves)
		return ok && root == p.RootHash
	case "InclusionProofTest":
		return json.Unmarshal(text, &inclusion) == nil && kernel.VerifyInclusion(inclusion, p.RootHash)
	}
	return json.Unmarshal(text, &consistency) == nil && kernel.VerifyConsistency(consistency, p.FirstRoot, p.SecondRoot)
}

// sequence runs one intercept_test through the client; it returns {steps, final} in vector form.
func sequence(ctx context.Context, c *th.Client, ctl conformancev1connect.ConformanceServiceClient, g, t obj) any {
	config, reset := obj{"macKeys": g["macKeys"]}, &cv1.ResetRequest{} // the group's config is DaemonConfig's JSON form
	maps.Copy(config, g["config"].(obj))
	must(0, protojson.Unmarshal(must(json.Marshal(obj{"config": config, "clockStartMs": g["clockStart"], "idSeed": t["idSeed"]})), reset))
	must(ctl.Reset(ctx, connect.NewRequest(reset)))
	steps, seen := []any{}, 0
	for _, s := range t["steps"].([]any) {
		step, outcome := s.(obj), obj{}
		if ms, _ := step["advanceMs"].(float64); ms > 0 {
			must(ctl.AdvanceClock(ctx, connect.NewRequest(&cv1.AdvanceClockRequest{Ms: int64(ms)})))
		}
		if sc, ok := step["scent"].(obj); ok {
			var scent th.Scent // the vector's scent is the SDK's Scent JSON; the payload keeps its markers
			must(0, json.Unmarshal(must(json.Marshal(sc)), &scent))
			scent.Payload = special(sc["payload"])
			verdict := form(c.Intercept(ctx, scent)).(obj)
			if e, ok := verdict["error"].(obj); ok {
				delete(e, "message") // per-language prose, not compared
				delete(e, "context")
			}
			outcome["verdict"] = verdict
		} else {
			r, _, err := c.Neutralize(ctx, str(step["neutralize"]))
			outcome["neutralized"] = form(must(r, err))
		}
		records := must(ctl.ListAuditRecords(ctx, connect.NewRequest(&cv1.ListAuditRecordsRequest{}))).Msg.GetRecords()
		appended := []any{}
		for _, r := range records[seen:] {
			appended = append(appended, form(th.AuditRecordFromWire(r)))
		}
		outcome["audit"], seen = appended, len(records)
		steps = append(steps, outcome)
	}
	final := obj{"treeHead": must(c.TreeHead(ctx)), "stats": must(c.Stats(ctx))}
	return obj{"steps": steps, "final": form(final)}
}

func main() {
	dir := "conformance/vectors"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	tests(dir, "signature", func(_, t obj, id string) {
		payload := special(t["payload"])
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
	ctx, address := context.Background(), os.Getenv("TRACEHOUND_CONFORMANCE_ADDRESS")
	tests(dir, "intercept", func(g, t obj, id string) {
		if address == "" {
			must(0, fmt.Errorf("TRACEHOUND_CONFORMANCE_ADDRESS is not set (npm run conformance starts the daemon and sets it)"))
		}
		c := must(th.Dial(ctx, address, th.WithTimeout(10e9), th.WithFailClosed())) // fail-closed: no silent clean
		defer c.Close()
		var want []any
		for _, s := range t["steps"].([]any) {
			want = append(want, s.(obj)["expected"])
		}
		judge(id, obj{"steps": want, "final": t["final"]}, sequence(ctx, c, conformancev1connect.NewConformanceServiceClient(c.HTTPClient(), c.BaseURL(), connect.WithGRPC()), g, t))
	})
	valid := map[bool]string{true: "valid", false: "invalid"}
	tests(dir, "audit", func(g, t obj, id string) { judge(id, t["result"], valid[audit(str(g["type"]), t)]) })
	tests(dir, "hmac", func(g, t obj, id string) {
		judge(id, t["result"], valid[kernel.VerifyMACHex(str(g["keyHex"]), t["body"], str(t["mac"]))])
	})
	fmt.Printf("%d passed, %d failed\n", passed, failed)
	if failed > 0 {
		os.Exit(1)
	}
}
