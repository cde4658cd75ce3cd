package tracehound_test

import (
	"context"
	"fmt"

	tracehound "github.com/tracehound/tracehound/sdks/go"
	"github.com/tracehound/tracehound/sdks/go/kernel"
)

// The quick start: dial the daemon, intercept a scent, act on the verdict. Intercept never fails:
// with the daemon down it answers clean, marked Degraded (fail-open). TestQuickStart runs these
// same lines against a real tracehoundd; examples/go is the complete program.
func Example() {
	ctx := context.Background()
	c, _ := tracehound.Dial(ctx, "") // the daemon's default socket
	defer c.Close()
	v := c.Intercept(ctx, tracehound.Scent{ID: "req-1", Source: "203.0.113.7", Payload: map[string]any{"q": "' OR 1=1 --"},
		Threat: &tracehound.Threat{Category: tracehound.Injection, Severity: tracehound.High}})
	fmt.Println(v.Status)
}

// Dial takes "" (the default socket, as tracehoundd picks it), "unix:///path" or an http URL; on
// TCP the daemon wants a bearer token.
func ExampleDial() {
	ctx := context.Background()
	c, err := tracehound.Dial(ctx, "http://127.0.0.1:7420", tracehound.WithToken("s3cret"), tracehound.WithFailClosed())
	if err != nil {
		fmt.Println("daemon unreachable or incompatible:", err) // fail-closed: Dial reports it
		return
	}
	defer c.Close()
}

// The default socket path, the one `tracehoundd --print-socket` prints.
func ExampleDefaultSocketPath() {
	fmt.Println(tracehound.DefaultSocketPath())
}

// InterceptMany sends a batch over one stream and answers in scent order.
func ExampleClient_InterceptMany() {
	ctx := context.Background()
	c, _ := tracehound.Dial(ctx, "")
	defer c.Close()
	verdicts := c.InterceptMany(ctx, []tracehound.Scent{
		{ID: "a", Source: "203.0.113.7", Payload: map[string]any{"n": 1}},
		{ID: "b", Source: "203.0.113.8", Payload: map[string]any{"n": 2}, Threat: &tracehound.Threat{Category: tracehound.Spam, Severity: tracehound.Low}},
	})
	for _, v := range verdicts {
		fmt.Println(v.Status)
	}
}

// Neutralize disposes of quarantined evidence and appends an audit record; the inclusion proof
// of that record is checked locally, without trusting the daemon.
func ExampleClient_Neutralize() {
	ctx := context.Background()
	c, _ := tracehound.Dial(ctx, "")
	defer c.Close()
	v := c.Intercept(ctx, tracehound.Scent{ID: "req-1", Source: "203.0.113.7", Payload: "x",
		Threat: &tracehound.Threat{Category: tracehound.Malware, Severity: tracehound.Critical}})
	if v.Handle == nil {
		return
	}
	_, treeSize, err := c.Neutralize(ctx, v.Handle.Signature)
	if err != nil {
		return
	}
	head, _ := c.TreeHead(ctx)
	proof, _, _ := c.InclusionProof(ctx, treeSize-1, head.TreeSize)
	fmt.Println(kernel.VerifyInclusion(proof, head.RootHash))
}

// Stats returns the daemon's counters.
func ExampleClient_Stats() {
	ctx := context.Background()
	c, _ := tracehound.Dial(ctx, "")
	defer c.Close()
	if s, err := c.Stats(ctx); err == nil {
		fmt.Printf("%+v\n", s)
	}
}

// Signature computes what the daemon signs evidence with: category ":" SHA-256 of TH-CJSON-1.
func ExampleSignature() {
	sig, _ := tracehound.Signature(tracehound.Injection, map[string]any{"b": 2, "a": 1})
	fmt.Println(sig)
	// Output: injection:43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777
}
