package tracehound

import (
	"strings"
	"testing"

	thv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1"
)

// Every generated ClientErrorCode but UNSPECIFIED has a state and maps to its proto name.
func TestClientErrorCodesCoverTheGeneratedEnum(t *testing.T) {
	if len(thv1.ClientErrorCode_name) < 5 {
		t.Fatalf("generated enum has %d values", len(thv1.ClientErrorCode_name))
	}
	for n, name := range thv1.ClientErrorCode_name {
		c := ClientErrorCode(n)
		if c == thv1.ClientErrorCode_CLIENT_ERROR_CODE_UNSPECIFIED {
			continue
		}
		if _, ok := clientErrorTraits[c]; !ok {
			t.Errorf("%s has no state", name)
		}
		e := clientError(c, "m")
		if e.Code != strings.TrimPrefix(name, "CLIENT_ERROR_CODE_") || e.State == "" || e.Message != "m" {
			t.Errorf("%s → %+v", name, e)
		}
	}
}

// The strings Go users match on today stay the same.
func TestClientErrorCodeStrings(t *testing.T) {
	want := map[ClientErrorCode]string{
		DaemonUnavailable: "DAEMON_UNAVAILABLE", ScentInvalid: "SCENT_INVALID",
		ClientUnknownVerdict: "CLIENT_UNKNOWN_VERDICT", AgentSerializationFailed: "AGENT_SERIALIZATION_FAILED",
	}
	for c, s := range want {
		if got := ClientErrorCodeName(c); got != s {
			t.Errorf("ClientErrorCodeName(%d) = %q, want %q", c, got, s)
		}
	}
	if e := clientError(DaemonUnavailable, "down"); e.State != "daemon" || !e.Recoverable {
		t.Errorf("DaemonUnavailable → %+v", e)
	}
	if e := clientError(ScentInvalid, "bad"); e.State != "scent" || e.Recoverable {
		t.Errorf("ScentInvalid → %+v", e)
	}
}
