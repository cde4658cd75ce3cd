package main

import (
	"context"
	"fmt"
	"os"

	"connectrpc.com/connect"
	tracehound "github.com/tracehound/tracehound/sdks/go"
	cv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/conformance/v1"
	"github.com/tracehound/tracehound/sdks/go/gen/tracehound/conformance/v1/conformancev1connect"
	thv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1"
)

func u(v any) uint64 { f, _ := v.(float64); return uint64(f) }

func record(r tracehound.AuditRecord) obj {
	return obj{"id": r.ID, "type": r.Type, "signature": r.Signature, "timestamp": float64(r.TimestampMs), "previousHash": r.PreviousHash, "hash": r.Hash}
}

func verdictForm(v tracehound.Verdict) obj {
	f := obj{"status": string(v.Status)}
	switch v.Status {
	case tracehound.StatusRateLimited:
		f["retryAfter"] = float64(v.RetryAfterMs)
	case tracehound.StatusPayloadTooLarge:
		f["limit"] = float64(v.LimitBytes)
	case tracehound.StatusIgnored:
		f["signature"] = v.Signature
	case tracehound.StatusQuarantined:
		h := v.Handle
		f["handle"] = obj{"signature": h.Signature, "hash": h.Hash, "size": float64(h.Size), "severity": string(h.Severity), "captured": float64(h.CapturedMs), "disposed": h.Disposed}
	case tracehound.StatusError:
		f["error"] = obj{"state": v.Error.State, "code": v.Error.Code, "recoverable": v.Error.Recoverable}
	}
	if v.Degraded != nil {
		f["degraded"] = v.Degraded.Message
	}
	return f
}

// sequence runs one intercept_test through the client and returns {steps, final} in vector form.
func sequence(ctx context.Context, c *tracehound.Client, ctl conformancev1connect.ConformanceServiceClient, g, t obj) (obj, error) {
	cfg, q, rl := g["config"].(obj), g["config"].(obj)["quarantine"].(obj), g["config"].(obj)["rateLimit"].(obj)
	size, count, bytes, win, max, block := u(cfg["maxPayloadSize"]), u(q["maxCount"]), u(q["maxBytes"]), u(rl["windowMs"]), u(rl["maxRequests"]), u(rl["blockDurationMs"])
	config := &thv1.DaemonConfig{MaxPayloadSize: &size, Quarantine: &thv1.QuarantineLimits{MaxCount: &count, MaxBytes: &bytes},
		RateLimit: &thv1.RateLimitConfig{WindowMs: &win, MaxRequests: &max, BlockDurationMs: &block}}
	for _, k := range g["macKeys"].([]any) {
		config.MacKeys = append(config.MacKeys, &thv1.MacKey{Kid: str(k.(obj)["kid"]), Key: str(k.(obj)["key"])})
	}
	if _, err := ctl.Reset(ctx, connect.NewRequest(&cv1.ResetRequest{Config: config, ClockStartMs: int64(u(g["clockStart"])), IdSeed: str(t["idSeed"])})); err != nil {
		return nil, err
	}
	var steps []any
	seen := 0
	for _, s := range t["steps"].([]any) {
		step, outcome := s.(obj), obj{}
		if ms, ok := step["advanceMs"].(float64); ok && ms > 0 {
			if _, err := ctl.AdvanceClock(ctx, connect.NewRequest(&cv1.AdvanceClockRequest{Ms: int64(ms)})); err != nil {
				return nil, err
			}
		}
		if sc, ok := step["scent"].(obj); ok {
			scent := tracehound.Scent{ID: str(sc["id"]), Payload: decodeSpecial(sc["payload"]), Source: str(sc["source"]), TimestampMs: int64(u(sc["timestamp"]))}
			if th, ok := sc["threat"].(obj); ok {
				scent.Threat = &tracehound.Threat{Category: tracehound.Category(str(th["category"])), Severity: tracehound.Severity(str(th["severity"]))}
			}
			outcome["verdict"] = verdictForm(c.Intercept(ctx, scent))
		} else {
			r, _, err := c.Neutralize(ctx, str(step["neutralize"]))
			if err != nil {
				return nil, err
			}
			outcome["neutralized"] = nil
			if r != nil {
				outcome["neutralized"] = record(*r)
			}
		}
		list, err := ctl.ListAuditRecords(ctx, connect.NewRequest(&cv1.ListAuditRecordsRequest{}))
		if err != nil {
			return nil, err
		}
		audit := []any{}
		for _, r := range list.Msg.GetRecords()[seen:] {
			audit = append(audit, record(tracehound.AuditRecordFromWire(r)))
		}
		seen = len(list.Msg.GetRecords())
		outcome["audit"] = audit
		steps = append(steps, outcome)
	}
	st, err := c.Service().GetStats(ctx, connect.NewRequest(&thv1.GetStatsRequest{}))
	if err != nil {
		return nil, err
	}
	head, err := c.TreeHead(ctx)
	if err != nil {
		return nil, err
	}
	a, qs, n := st.Msg.GetAgent(), st.Msg.GetQuarantine(), func(v uint64) any { return float64(v) }
	th := obj{"treeSize": n(head.TreeSize), "rootHash": head.RootHash, "timestamp": float64(head.TimestampMs)}
	if head.MAC != "" {
		th["kid"], th["mac"] = head.Kid, head.MAC
	}
	bySeverity := obj{}
	for _, k := range []string{"low", "medium", "high", "critical"} {
		bySeverity[k] = n(qs.GetBySeverity()[k])
	}
	return obj{"steps": steps, "final": obj{"treeHead": th, "stats": obj{
		"agent": obj{"totalIntercepts": n(a.GetTotalIntercepts()), "cleanCount": n(a.GetCleanCount()), "rateLimitedCount": n(a.GetRateLimitedCount()),
			"validationFailures": n(a.GetValidationFailures()), "ignoredCount": n(a.GetIgnoredCount()), "quarantinedCount": n(a.GetQuarantinedCount()), "errorCount": n(a.GetErrorCount())},
		"quarantine": obj{"count": n(qs.GetCount()), "bytes": n(qs.GetBytes()), "bySeverity": bySeverity},
		"audit":      obj{"records": n(st.Msg.GetAudit().GetRecords()), "treeSize": n(st.Msg.GetAudit().GetTreeSize())}}}}, nil
}

func runIntercept(file obj) {
	address := os.Getenv("TRACEHOUND_CONFORMANCE_ADDRESS")
	if address == "" {
		fmt.Fprintln(os.Stderr, "TRACEHOUND_CONFORMANCE_ADDRESS is not set (npm run conformance starts the daemon and sets it)")
		os.Exit(2)
	}
	ctx := context.Background()
	c, err := tracehound.Dial(ctx, address, tracehound.WithTimeout(10e9), tracehound.WithFailClosed())
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance: dial:", err)
		os.Exit(2)
	}
	defer c.Close()
	ctl := conformancev1connect.NewConformanceServiceClient(c.HTTPClient(), c.BaseURL(), connect.WithGRPC())
	tests(file, func(g, t obj) {
		var want []any
		for _, s := range t["steps"].([]any) {
			want = append(want, s.(obj)["expected"])
		}
		got, err := sequence(ctx, c, ctl, g, t)
		if err != nil {
			judge(caseID("intercept", t), "a completed sequence", err.Error())
			return
		}
		judge(caseID("intercept", t), obj{"steps": want, "final": t["final"]}, got)
	})
}
