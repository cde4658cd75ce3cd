package tracehound

import (
	"errors"

	thv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1"
	"github.com/tracehound/tracehound/sdks/go/kernel"
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

// scentToWire: a threat's payload travels as the TH-CJSON-1 bytes of this SDK's kernel, or as the
// kernel's refusal (too deep, not JSON), which the daemon judges as the embedded engine does
// (rate limit first). A clean scent's payload is never read, so it is not sent.
func scentToWire(s Scent, nowMs int64) (*thv1.Scent, error) {
	ts := s.TimestampMs
	if ts == 0 {
		ts = nowMs
	}
	w := &thv1.Scent{Id: s.ID, Source: s.Source, TimestampMs: ts}
	if s.Threat == nil {
		return w, nil
	}
	w.Threat = &thv1.ThreatSignal{Category: categoryToWire[s.Threat.Category], Severity: severityToWire[s.Threat.Severity]}
	bytes, err := kernel.Canonicalize(s.Payload)
	var ce *kernel.CanonicalError
	switch {
	case err == nil:
		w.PayloadForm = &thv1.Scent_PayloadCjson{PayloadCjson: bytes}
	case errors.As(err, &ce):
		kind := thv1.PayloadRefusal_KIND_NOT_JSON
		if ce.TooDeep {
			kind = thv1.PayloadRefusal_KIND_TOO_DEEP
		}
		w.PayloadForm = &thv1.Scent_PayloadRefusal{PayloadRefusal: &thv1.PayloadRefusal{Kind: kind, Reason: ce.Error()}}
	default:
		return nil, err
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
	return Verdict{Status: StatusError, Error: clientError(ClientUnknownVerdict, msg)}
}

func serializationError(err error) Verdict {
	return Verdict{Status: StatusError, Error: clientError(AgentSerializationFailed, "Failed to serialize: "+err.Error())}
}
