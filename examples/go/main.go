// The Go client of tracehoundd: intercept a scent, neutralize its evidence, verify the audit
// record without trusting the daemon. Dial(ctx, "") finds the daemon's default socket.
// Run: go run .
package main

import (
	"context"
	"fmt"
	"os"

	tracehound "github.com/tracehound/tracehound/sdks/go"
	"github.com/tracehound/tracehound/sdks/go/kernel"
)

func main() {
	ctx := context.Background()
	c, err := tracehound.Dial(ctx, "") // or "http://127.0.0.1:7420", tracehound.WithToken(t)
	if err != nil {
		fmt.Fprintln(os.Stderr, err) // only a schema mismatch; a down daemon is not an error
		os.Exit(1)
	}
	defer c.Close()

	v := c.Intercept(ctx, tracehound.Scent{ID: "req-1", Source: "203.0.113.7",
		Payload: map[string]any{"path": "/login", "body": "' OR 1=1 --", "from": "go"},
		Threat:  &tracehound.Threat{Category: tracehound.Injection, Severity: tracehound.High}})
	fmt.Println(v.Status) // never panics or errors: daemon trouble → clean with v.Degraded set
	if v.Status != tracehound.StatusQuarantined {
		fmt.Fprintln(os.Stderr, "degraded:", v.Degraded)
		os.Exit(1)
	}

	_, treeSize, err := c.Neutralize(ctx, v.Handle.Signature)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	head, err := c.TreeHead(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	proof, _, err := c.InclusionProof(ctx, treeSize-1, head.TreeSize)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ok := kernel.VerifyInclusion(proof, head.RootHash)
	fmt.Printf("audit record %d verified: %v\n", proof.LeafIndex, ok)
	if !ok {
		os.Exit(1)
	}
}
