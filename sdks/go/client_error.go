package tracehound

import (
	"strings"

	thv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1"
)

// ClientErrorCode is a code the client puts in an error verdict it makes itself (no verdict from
// the daemon). It is the generated tracehound.v1.ClientErrorCode, the one definition every SDK
// shares; VerdictError.Code carries its name (see ClientErrorCodeName).
type ClientErrorCode = thv1.ClientErrorCode

// The client error codes.
const (
	DaemonUnavailable        = thv1.ClientErrorCode_CLIENT_ERROR_CODE_DAEMON_UNAVAILABLE
	ScentInvalid             = thv1.ClientErrorCode_CLIENT_ERROR_CODE_SCENT_INVALID
	ClientUnknownVerdict     = thv1.ClientErrorCode_CLIENT_ERROR_CODE_CLIENT_UNKNOWN_VERDICT
	AgentSerializationFailed = thv1.ClientErrorCode_CLIENT_ERROR_CODE_AGENT_SERIALIZATION_FAILED
)

const clientErrorPrefix = "CLIENT_ERROR_CODE_"

// ClientErrorCodeName is the string VerdictError.Code holds for c: the proto value's name
// without its prefix, e.g. DAEMON_UNAVAILABLE.
func ClientErrorCodeName(c ClientErrorCode) string {
	return strings.TrimPrefix(c.String(), clientErrorPrefix)
}

// Where each code failed (v1's state) and whether retrying can help.
var clientErrorTraits = map[ClientErrorCode]struct {
	state       string
	recoverable bool
}{
	DaemonUnavailable:        {"daemon", true},
	ScentInvalid:             {"scent", false},
	ClientUnknownVerdict:     {"client", false},
	AgentSerializationFailed: {"agent", false},
}

func clientError(c ClientErrorCode, message string) *VerdictError {
	t := clientErrorTraits[c]
	return &VerdictError{State: t.state, Code: ClientErrorCodeName(c), Message: message, Recoverable: t.recoverable}
}
