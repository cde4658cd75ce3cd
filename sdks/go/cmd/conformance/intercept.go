package main

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"time"

	"connectrpc.com/connect"
	th "github.com/tracehound/tracehound/sdks/go"
	cv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/conformance/v1"
	"github.com/tracehound/tracehound/sdks/go/gen/tracehound/conformance/v1/conformancev1connect"
	"google.golang.org/protobuf/encoding/protojson"
)

const completed = "a completed sequence"

// interceptSuite runs every intercept_test sequence through the Go client and the conformance
// daemon at address. Fail-closed: a daemon that cannot answer gives an error, never a silent clean.
func interceptSuite(ctx context.Context, out *reporter, file obj, address string) {
	var client *th.Client
	var dialErr error
	if address == "" {
		dialErr = errors.New("TRACEHOUND_CONFORMANCE_ADDRESS is not set (npm run conformance starts the daemon and sets it)")
	} else {
		client, dialErr = th.Dial(ctx, address, th.WithTimeout(10*time.Second), th.WithFailClosed())
	}
	if client != nil {
		defer client.Close()
	}
	forEachCase(file, "intercept", func(g, t obj, id string) {
		if dialErr != nil {
			out.fail(id, completed, dialErr)
			return
		}
		control := conformancev1connect.NewConformanceServiceClient(client.HTTPClient(), client.BaseURL(), connect.WithGRPC())
		run := sequence{ctx: ctx, client: client, control: control}
		out.runCase(id, func() (any, any) {
			want := obj{"steps": expectedSteps(t), "final": t["final"]}
			got, err := run.play(g, t)
			if err != nil {
				return completed, err.Error()
			}
			return want, got
		})
	})
}

func expectedSteps(t obj) []any {
	var want []any
	for _, s := range list(t["steps"]) {
		want = append(want, s.(obj)["expected"])
	}
	return want
}

// sequence plays one intercept_test against the daemon.
type sequence struct {
	ctx     context.Context
	client  *th.Client
	control conformancev1connect.ConformanceServiceClient
	seen    int // audit records already reported by earlier steps
}

// play resets the daemon to the group's set-up and the test's id seed, runs every step and
// returns {steps, final} in the vectors' form.
func (s *sequence) play(g, t obj) (any, error) {
	if err := s.reset(g, t); err != nil {
		return nil, err
	}
	var steps []any
	for _, step := range list(t["steps"]) {
		outcome, err := s.step(step.(obj))
		if err != nil {
			return nil, err
		}
		steps = append(steps, outcome)
	}
	treeHead, err := s.client.TreeHead(s.ctx)
	if err != nil {
		return nil, err
	}
	stats, err := s.client.Stats(s.ctx)
	if err != nil {
		return nil, err
	}
	final := form(obj{"treeHead": treeHead, "stats": stats})
	return obj{"steps": steps, "final": final}, nil
}

// reset sends ConformanceService.Reset. The group's config is DaemonConfig's JSON form, so
// protojson reads it as it stands, with the group's MAC keys added.
func (s *sequence) reset(g, t obj) error {
	config := obj{"macKeys": g["macKeys"]}
	maps.Copy(config, g["config"].(obj))
	text, err := json.Marshal(obj{"config": config, "clockStartMs": g["clockStart"], "idSeed": t["idSeed"]})
	if err != nil {
		return err
	}
	request := &cv1.ResetRequest{}
	if err := protojson.Unmarshal(text, request); err != nil {
		return err
	}
	_, err = s.control.Reset(s.ctx, connect.NewRequest(request))
	s.seen = 0
	return err
}

// step advances the clock, then intercepts the step's scent or neutralizes its signature, and
// returns what happened with the audit records the step appended.
func (s *sequence) step(step obj) (obj, error) {
	if ms, _ := step["advanceMs"].(float64); ms > 0 {
		advance := &cv1.AdvanceClockRequest{Ms: int64(ms)}
		if _, err := s.control.AdvanceClock(s.ctx, connect.NewRequest(advance)); err != nil {
			return nil, err
		}
	}
	outcome := obj{}
	if scent, isScent := step["scent"].(obj); isScent {
		verdict, err := s.intercept(scent)
		if err != nil {
			return nil, err
		}
		outcome["verdict"] = verdict
	} else {
		record, _, err := s.client.Neutralize(s.ctx, str(step["neutralize"]))
		if err != nil {
			return nil, err
		}
		outcome["neutralized"] = form(record)
	}
	appended, err := s.appendedRecords()
	if err != nil {
		return nil, err
	}
	outcome["audit"] = appended
	return outcome, nil
}

// intercept sends the vector's scent (the SDK's Scent JSON; the payload keeps its NaN/Infinity
// markers until decodeSpecial) and returns the verdict without its per-language prose.
func (s *sequence) intercept(vectorScent obj) (obj, error) {
	var scent th.Scent
	if err := decode(vectorScent, &scent); err != nil {
		return nil, err
	}
	scent.Payload = decodeSpecial(vectorScent["payload"])
	verdict := form(s.client.Intercept(s.ctx, scent)).(obj)
	if e, isError := verdict["error"].(obj); isError {
		delete(e, "message")
		delete(e, "context")
	}
	return verdict, nil
}

func (s *sequence) appendedRecords() ([]any, error) {
	response, err := s.control.ListAuditRecords(s.ctx, connect.NewRequest(&cv1.ListAuditRecordsRequest{}))
	if err != nil {
		return nil, err
	}
	records := response.Msg.GetRecords()
	appended := []any{}
	for _, r := range records[s.seen:] {
		appended = append(appended, form(th.AuditRecordFromWire(r)))
	}
	s.seen = len(records)
	return appended, nil
}
