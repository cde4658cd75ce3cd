package tracehound

import "encoding/json"

// Category is a threat category; it prefixes every signature.
type Category string

// The threat categories (docs/spec/intercept.md).
const (
	Injection Category = "injection"
	DDoS      Category = "ddos"
	Flood     Category = "flood"
	Spam      Category = "spam"
	Malware   Category = "malware"
	Unknown   Category = "unknown"
)

// Severity orders threats; eviction drops the lowest first.
type Severity string

// The severities, least to most severe.
const (
	Low      Severity = "low"
	Medium   Severity = "medium"
	High     Severity = "high"
	Critical Severity = "critical"
)

// Threat is a detector's finding attached to a scent.
type Threat struct {
	Category Category `json:"category"`
	Severity Severity `json:"severity"`
}

// Scent is one observed input, as v1's Scent.
type Scent struct {
	ID string `json:"id"`
	// Payload is any JSON value: nil, bool, string, numbers, []any, map[string]any, or anything
	// encoding/json can marshal. Its TH-CJSON-1 form decides the signature.
	Payload any `json:"payload"`
	// Source is the rate-limit key, e.g. a client address.
	Source string `json:"source"`
	// TimestampMs is milliseconds since the Unix epoch; 0 means now.
	TimestampMs int64 `json:"timestamp"`
	// Threat nil means clean: the payload is not inspected.
	Threat *Threat `json:"threat,omitempty"`
}

// Status names one of v1's six outcomes.
type Status string

// The verdict statuses.
const (
	StatusClean           Status = "clean"
	StatusRateLimited     Status = "rate_limited"
	StatusPayloadTooLarge Status = "payload_too_large"
	StatusIgnored         Status = "ignored"
	StatusQuarantined     Status = "quarantined"
	StatusError           Status = "error"
)

// Evidence is quarantined evidence as the daemon reports it (no bytes).
type Evidence struct {
	Signature  string   `json:"signature"`
	Hash       string   `json:"hash"`
	Size       uint64   `json:"size"`
	CapturedMs int64    `json:"captured"`
	Severity   Severity `json:"severity"`
	// Disposed is true when the evidence was neutralized or evicted.
	Disposed bool `json:"disposed"`
}

// VerdictError is the engine's refusal (v1's `error` result), or the client's when the daemon
// could not be asked in fail-closed mode.
type VerdictError struct {
	State       string         `json:"state"`
	Code        string         `json:"code"`
	Message     string         `json:"message"`
	Recoverable bool           `json:"recoverable"`
	Context     map[string]any `json:"context,omitempty"`
}

// Degraded marks a verdict the daemon did not give: it was down, slow or refused the call.
type Degraded struct {
	// Code is the RPC status code, e.g. "unavailable" or "deadline_exceeded".
	Code    string `json:"code"`
	Message string `json:"message"`
	Err     error  `json:"-"`
}

// Verdict is the outcome of one intercept. Exactly the fields of its Status are set.
type Verdict struct {
	Status Status
	// RetryAfterMs: rate_limited.
	RetryAfterMs uint64
	// LimitBytes: payload_too_large.
	LimitBytes uint64
	// Signature: ignored.
	Signature string
	// Handle: quarantined.
	Handle *Evidence
	// Error: error.
	Error *VerdictError
	// Degraded is non-nil when the daemon could not answer (fail-open gives clean, fail-closed an
	// error); check it to log or count such verdicts.
	Degraded *Degraded
}

// MarshalJSON writes v1's InterceptResult shape: {"status": …} plus exactly the fields of the
// status (retryAfter, limit, signature, handle, error), and "degraded" when set.
func (v Verdict) MarshalJSON() ([]byte, error) {
	out := map[string]any{"status": v.Status}
	switch v.Status {
	case StatusRateLimited:
		out["retryAfter"] = v.RetryAfterMs
	case StatusPayloadTooLarge:
		out["limit"] = v.LimitBytes
	case StatusIgnored:
		out["signature"] = v.Signature
	case StatusQuarantined:
		out["handle"] = v.Handle
	case StatusError:
		out["error"] = v.Error
	}
	if v.Degraded != nil {
		out["degraded"] = v.Degraded
	}
	return json.Marshal(out)
}
