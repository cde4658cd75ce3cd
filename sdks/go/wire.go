package tracehound

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strings"
	"unicode/utf8"

	thv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1"
	"github.com/tracehound/tracehound/sdks/go/kernel"
	"google.golang.org/protobuf/types/known/structpb"
)

var categoryToWire = map[Category]thv1.ThreatCategory{
	Injection: thv1.ThreatCategory_THREAT_CATEGORY_INJECTION,
	DDoS:      thv1.ThreatCategory_THREAT_CATEGORY_DDOS,
	Flood:     thv1.ThreatCategory_THREAT_CATEGORY_FLOOD,
	Spam:      thv1.ThreatCategory_THREAT_CATEGORY_SPAM,
	Malware:   thv1.ThreatCategory_THREAT_CATEGORY_MALWARE,
	Unknown:   thv1.ThreatCategory_THREAT_CATEGORY_UNKNOWN,
}

var severityToWire = map[Severity]thv1.Severity{
	Low:      thv1.Severity_SEVERITY_LOW,
	Medium:   thv1.Severity_SEVERITY_MEDIUM,
	High:     thv1.Severity_SEVERITY_HIGH,
	Critical: thv1.Severity_SEVERITY_CRITICAL,
}

func severityFromWire(s thv1.Severity) Severity {
	for k, v := range severityToWire {
		if v == s {
			return k
		}
	}
	return Low
}

// toValue builds a google.protobuf.Value without a JSON detour, so NaN and ±Infinity travel as
// binary doubles and the daemon refuses them exactly as the embedded engine does. Strings that are
// not UTF-8 (lone surrogates included) are sent with U+FFFD, as protobuf requires.
func toValue(v any, depth int) (*structpb.Value, error) {
	if depth > 10000 {
		return nil, fmt.Errorf("payload nested deeper than 10000 levels")
	}
	switch x := v.(type) {
	case nil:
		return structpb.NewNullValue(), nil
	case bool:
		return structpb.NewBoolValue(x), nil
	case string:
		if !utf8.ValidString(x) {
			x = strings.ToValidUTF8(x, "\uFFFD")
		}
		return structpb.NewStringValue(x), nil
	case float64:
		return structpb.NewNumberValue(x), nil
	case json.Number:
		f, err := x.Float64()
		if err != nil && !math.IsInf(f, 0) {
			return nil, fmt.Errorf("malformed json.Number %q", string(x))
		}
		return structpb.NewNumberValue(f), nil
	case []any:
		if x == nil {
			return structpb.NewNullValue(), nil
		}
		list := &structpb.ListValue{Values: make([]*structpb.Value, len(x))}
		for i, item := range x {
			val, err := toValue(item, depth+1)
			if err != nil {
				return nil, err
			}
			list.Values[i] = val
		}
		return structpb.NewListValue(list), nil
	case map[string]any:
		if x == nil {
			return structpb.NewNullValue(), nil
		}
		s := &structpb.Struct{Fields: make(map[string]*structpb.Value, len(x))}
		for k, item := range x {
			val, err := toValue(item, depth+1)
			if err != nil {
				return nil, err
			}
			if !utf8.ValidString(k) {
				k = strings.ToValidUTF8(k, "\uFFFD")
			}
			s.Fields[k] = val
		}
		return structpb.NewStructValue(s), nil
	case *structpb.Value:
		return x, nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Float32, reflect.Float64:
		return structpb.NewNumberValue(rv.Float()), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return structpb.NewNumberValue(float64(rv.Int())), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return structpb.NewNumberValue(float64(rv.Uint())), nil
	case reflect.Func, reflect.Chan, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer:
		return nil, fmt.Errorf("%s is not serializable", rv.Kind())
	}
	// Structs, typed maps and slices, json.Marshalers: their JSON form, read back losslessly.
	text, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	parsed, err := kernel.ParseJSON(text)
	if err != nil {
		return nil, err
	}
	return toValue(parsed, depth+1)
}

func scentToWire(s Scent, nowMs int64) (*thv1.Scent, error) {
	ts := s.TimestampMs
	if ts == 0 {
		ts = nowMs
	}
	w := &thv1.Scent{Id: s.ID, Source: s.Source, TimestampMs: ts}
	payload, err := toValue(s.Payload, 0)
	if err != nil {
		if s.Threat != nil {
			return nil, err
		}
		// Without a threat the engine never reads the payload: send none.
		payload = structpb.NewNullValue()
	}
	w.Payload = payload
	if s.Threat != nil {
		w.Threat = &thv1.ThreatSignal{Category: categoryToWire[s.Threat.Category], Severity: severityToWire[s.Threat.Severity]}
	}
	return w, nil
}

func evidenceFromWire(h *thv1.EvidenceHandle) *Evidence {
	return &Evidence{
		Signature:  h.GetSignature(),
		Hash:       h.GetHash(),
		Size:       h.GetSize(),
		CapturedMs: h.GetCapturedMs(),
		Severity:   severityFromWire(h.GetSeverity()),
		Disposed:   h.GetDisposed(),
	}
}

func verdictFromWire(v *thv1.Verdict) Verdict {
	switch o := v.GetOutcome().(type) {
	case *thv1.Verdict_Clean_:
		return Verdict{Status: StatusClean}
	case *thv1.Verdict_RateLimited_:
		return Verdict{Status: StatusRateLimited, RetryAfterMs: o.RateLimited.GetRetryAfterMs()}
	case *thv1.Verdict_PayloadTooLarge_:
		return Verdict{Status: StatusPayloadTooLarge, LimitBytes: o.PayloadTooLarge.GetLimitBytes()}
	case *thv1.Verdict_Ignored_:
		return Verdict{Status: StatusIgnored, Signature: o.Ignored.GetSignature()}
	case *thv1.Verdict_Quarantined_:
		if o.Quarantined.GetHandle() == nil {
			return unknownVerdict("quarantined verdict without a handle")
		}
		return Verdict{Status: StatusQuarantined, Handle: evidenceFromWire(o.Quarantined.GetHandle())}
	case *thv1.Verdict_Error_:
		e := o.Error
		ve := &VerdictError{State: e.GetState(), Code: e.GetCode(), Message: e.GetMessage(), Recoverable: e.GetRecoverable()}
		if e.GetContext() != nil {
			ve.Context = e.GetContext().AsMap()
		}
		return Verdict{Status: StatusError, Error: ve}
	}
	return unknownVerdict("verdict without an outcome")
}

func unknownVerdict(msg string) Verdict {
	return Verdict{Status: StatusError, Error: &VerdictError{State: "client", Code: "CLIENT_UNKNOWN_VERDICT", Message: msg}}
}

func serializationError(err error) Verdict {
	return Verdict{Status: StatusError, Error: &VerdictError{State: "agent", Code: "AGENT_SERIALIZATION_FAILED", Message: "Failed to serialize: " + err.Error()}}
}
