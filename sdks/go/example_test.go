package tracehound_test

import (
	"context"
	"fmt"

	tracehound "github.com/tracehound/tracehound/sdks/go"
)

// The quick start: dial the daemon, intercept a scent, act on the verdict. Intercept never fails:
// with the daemon down it answers clean, marked Degraded (fail-open). TestQuickStart runs these
// same lines against a real tracehoundd.
func Example() {
	ctx := context.Background()
	c, _ := tracehound.Dial(ctx, "unix:///tmp/tracehoundd.sock")
	defer c.Close()
	v := c.Intercept(ctx, tracehound.Scent{ID: "req-1", Source: "203.0.113.7", Payload: map[string]any{"q": "' OR 1=1 --"},
		Threat: &tracehound.Threat{Category: tracehound.Injection, Severity: tracehound.High}})
	fmt.Println(v.Status)
}
