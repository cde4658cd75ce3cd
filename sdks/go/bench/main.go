// Command bench is the Go client's latency bench, run by `npm run bench:sdks` (which starts the
// servers): sequential Intercepts over a Unix socket against tracehoundd on the default path (one
// long-lived InterceptStream) and on the unary path, and the floor: unary Intercept through the
// same client transport against a bare node:http2 echo, same run. The workload: a threat scent
// with a small JSON payload (the first is quarantined, every later one is a duplicate → ignored,
// so the daemon canonicalizes and hashes each time). Prints one JSON line per row.
//
//	cd sdks/go && go run ./bench -daemon SOCKET -echo SOCKET [-calls 3000] [-warmup 500]
//
// With -proofs N (run by `npm run bench:ledger-scale`): N sequential GetTreeHead, inclusion proofs
// at seeded random leaves (each verified against the head) and consistency proofs from seeded
// random sizes, one row each; no echo needed.
//
//	cd sdks/go && go run ./bench -daemon SOCKET -proofs 2000 [-warmup 1000]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"slices"
	"time"

	"connectrpc.com/connect"
	tracehound "github.com/tracehound/tracehound/sdks/go"
	thv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1"
	"github.com/tracehound/tracehound/sdks/go/kernel"
)

var payload = map[string]any{"path": "/login", "query": "user=admin", "body": "' OR 1=1 --", "headers": map[string]any{"user-agent": "bench"}}

func scent(i int) tracehound.Scent {
	return tracehound.Scent{ID: fmt.Sprintf("go-%d", i), Payload: payload, Source: "bench", TimestampMs: time.Now().UnixMilli(),
		Threat: &tracehound.Threat{Category: tracehound.Injection, Severity: tracehound.High}}
}

type row struct {
	Client string  `json:"client"`
	Path   string  `json:"path"`
	Calls  int     `json:"calls"`
	P50    float64 `json:"p50Us"`
	P99    float64 `json:"p99Us"`
}

func sample(path string, calls, warmup int, call func(i int) error) row {
	for i := 0; i < warmup; i++ {
		if err := call(i); err != nil {
			log.Fatalf("%s: %v", path, err)
		}
	}
	us := make([]float64, 0, calls)
	for i := 0; i < calls; i++ {
		t0 := time.Now()
		if err := call(i); err != nil {
			log.Fatalf("%s: %v", path, err)
		}
		us = append(us, float64(time.Since(t0).Nanoseconds())/1000)
	}
	slices.Sort(us)
	return row{"go", path, calls, us[len(us)/2], us[min(len(us)-1, len(us)*99/100)]}
}

func dial(ctx context.Context, socket string, opts ...tracehound.Option) *tracehound.Client {
	c, err := tracehound.Dial(ctx, "unix://"+socket, append(opts, tracehound.WithTimeout(5*time.Second))...)
	if err != nil {
		log.Fatal(err)
	}
	return c
}

func main() {
	daemon := flag.String("daemon", "", "tracehoundd's Unix socket")
	echo := flag.String("echo", "", "the node:http2 echo's Unix socket")
	calls := flag.Int("calls", 3000, "measured calls per row")
	warmup := flag.Int("warmup", 500, "warm-up calls per row")
	proofs := flag.Int("proofs", 0, "measure proofs instead: calls per row")
	flag.Parse()
	if *daemon != "" && *proofs > 0 {
		benchProofs(*daemon, *proofs, *warmup)
		return
	}
	if *daemon == "" || *echo == "" {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench -daemon SOCKET -echo SOCKET (npm run bench:sdks starts both)")
		os.Exit(2)
	}
	ctx := context.Background()
	out := json.NewEncoder(os.Stdout)
	for _, path := range []string{"unary", "stream"} {
		opts := []tracehound.Option{tracehound.WithFailClosed()}
		if path == "unary" {
			opts = append(opts, tracehound.WithUnaryIntercept())
		}
		c := dial(ctx, *daemon, opts...)
		_ = out.Encode(sample(path, *calls, *warmup, func(i int) error {
			if v := c.Intercept(ctx, scent(i)); v.Degraded != nil {
				return fmt.Errorf("degraded verdict: %+v", v.Degraded)
			}
			return nil
		}))
		_ = c.Close()
	}
	// The floor: the client's own transport and generated stub, a server that writes fixed bytes
	// (its handshake answer is not one, so the client is dialled fail-open).
	floor := dial(ctx, *echo)
	w := &thv1.InterceptRequest{Scent: &thv1.Scent{Id: "go-floor", Source: "bench", Threat: &thv1.ThreatSignal{
		Category: thv1.ThreatCategory_THREAT_CATEGORY_INJECTION, Severity: thv1.Severity_SEVERITY_HIGH}}}
	_ = out.Encode(sample("floor", *calls, *warmup, func(int) error {
		_, err := floor.Service().Intercept(ctx, connect.NewRequest(w))
		return err
	}))
	_ = floor.Close()
}

// benchProofs times the audit calls a verifier makes, on a ledger of any size: the tree head,
// then proofs at seeded random positions below it (the same seed every run).
func benchProofs(socket string, calls, warmup int) {
	ctx := context.Background()
	c := dial(ctx, socket)
	defer c.Close()
	head, err := c.TreeHead(ctx)
	if err != nil || head.TreeSize < 2 {
		log.Fatalf("tree head: %v (size %d; proofs need at least 2 leaves)", err, head.TreeSize)
	}
	rng := rand.New(rand.NewPCG(18, 2026))
	size := head.TreeSize
	out := json.NewEncoder(os.Stdout)
	_ = out.Encode(sample("GetTreeHead", calls, warmup, func(int) error {
		_, err := c.TreeHead(ctx)
		return err
	}))
	_ = out.Encode(sample("GetInclusionProof", calls, warmup, func(int) error {
		p, _, err := c.InclusionProof(ctx, rng.Uint64N(size), size)
		if err == nil && !kernel.VerifyInclusion(p, head.RootHash) {
			err = fmt.Errorf("inclusion proof for leaf %d does not verify", p.LeafIndex)
		}
		return err
	}))
	_ = out.Encode(sample("GetConsistencyProof", calls, warmup, func(int) error {
		_, err := c.ConsistencyProof(ctx, 1+rng.Uint64N(size-1), size)
		return err
	}))
}
