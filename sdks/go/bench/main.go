// Command bench measures unary Intercept latency over a Unix socket: the Go client next to the TS
// client, same daemon, same workload, one run. The workload: a threat scent with a small JSON
// payload (the first is quarantined, every later one is a duplicate → ignored, so the daemon
// canonicalizes and hashes each time). Sequential calls, one in flight. Then InterceptMany
// throughput over the stream, for scale.
//
//	cd sdks/go && go run ./bench [-calls 3000] [-warmup 300]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	tracehound "github.com/tracehound/tracehound/sdks/go"
)

var payload = map[string]any{"path": "/login", "query": "user=admin", "body": "' OR 1=1 --", "headers": map[string]any{"user-agent": "bench"}}

func scent(i int) tracehound.Scent {
	return tracehound.Scent{ID: fmt.Sprintf("go-%d", i), Payload: payload, Source: "bench", TimestampMs: time.Now().UnixMilli(),
		Threat: &tracehound.Threat{Category: tracehound.Injection, Severity: tracehound.High}}
}

type row struct {
	Client string  `json:"client"`
	Calls  int     `json:"calls"`
	P50    float64 `json:"p50Us"`
	P99    float64 `json:"p99Us"`
	Mean   float64 `json:"meanUs"`
}

func summary(name string, us []float64) row {
	slices.Sort(us)
	sum := 0.0
	for _, u := range us {
		sum += u
	}
	return row{name, len(us), us[len(us)/2], us[min(len(us)-1, len(us)*99/100)], sum / float64(len(us))}
}

func benchGo(ctx context.Context, address string, calls, warmup int) row {
	c, err := tracehound.Dial(ctx, address, tracehound.WithTimeout(5*time.Second), tracehound.WithFailClosed())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	for i := 0; i < warmup; i++ {
		c.Intercept(ctx, scent(i))
	}
	us := make([]float64, 0, calls)
	for i := 0; i < calls; i++ {
		t0 := time.Now()
		v := c.Intercept(ctx, scent(i))
		us = append(us, float64(time.Since(t0).Nanoseconds())/1000)
		if v.Degraded != nil {
			log.Fatalf("degraded verdict: %+v", v.Degraded)
		}
	}
	return summary("go (connect-go gRPC)", us)
}

func benchTS(root, sock string, calls, warmup int) row {
	cmd := exec.Command(filepath.Join(root, "node_modules", ".bin", "tsx"), "bench/ts-client-latency.ts", sock, fmt.Sprint(calls), fmt.Sprint(warmup))
	cmd.Dir, cmd.Stderr = root, os.Stderr
	out, err := cmd.Output()
	if err != nil {
		log.Fatalf("TS client bench: %v", err)
	}
	r := row{Client: "typescript (connect-node gRPC)"}
	if err := json.Unmarshal(out, &r); err != nil {
		log.Fatalf("TS client bench output %q: %v", out, err)
	}
	return r
}

func benchMany(ctx context.Context, address string, n int) (float64, time.Duration) {
	c, err := tracehound.Dial(ctx, address, tracehound.WithTimeout(30*time.Second), tracehound.WithFailClosed())
	if err != nil {
		log.Fatal(err)
	}
	defer c.Close()
	scents := make([]tracehound.Scent, n)
	for i := range scents {
		scents[i] = scent(i)
	}
	t0 := time.Now()
	for _, v := range c.InterceptMany(ctx, scents) {
		if v.Degraded != nil {
			log.Fatalf("degraded verdict: %+v", v.Degraded)
		}
	}
	took := time.Since(t0)
	return float64(n) / took.Seconds(), took
}

func main() {
	calls := flag.Int("calls", 3000, "measured calls per client")
	warmup := flag.Int("warmup", 300, "warm-up calls per client")
	many := flag.Int("many", 20000, "scents for the InterceptMany run")
	flag.Parse()
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	if _, err := os.Stat(filepath.Join(root, "src", "cli", "tracehoundd.ts")); err != nil {
		log.Fatal("run from sdks/go: go run ./bench")
	}
	dir, _ := os.MkdirTemp("", "th-go-bench-")
	defer os.RemoveAll(dir)
	sock := filepath.Join(dir, "th.sock")
	_ = os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"rateLimit":{"maxRequests":1000000000}}`), 0o600)
	daemon := exec.Command(filepath.Join(root, "node_modules", ".bin", "tsx"), "src/cli/tracehoundd.ts", "--socket", sock,
		"--config", filepath.Join(dir, "config.json"), "--data-dir", filepath.Join(dir, "data"), "--no-watch", "--log-level", "warn")
	daemon.Dir, daemon.Stderr, daemon.Env = root, os.Stderr, append(os.Environ(), "TRACEHOUND_TOKEN=")
	if err := daemon.Start(); err != nil {
		log.Fatal(err)
	}
	defer func() { _ = daemon.Process.Signal(os.Interrupt); _ = daemon.Wait() }()
	ctx := context.Background()
	address := "unix://" + sock
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if c, err := tracehound.Dial(ctx, address, tracehound.WithFailClosed()); err == nil {
			_ = c.Close()
			break
		}
		if time.Now().After(deadline) {
			log.Fatal("tracehoundd did not start within 30 s")
		}
	}
	rows := []row{benchGo(ctx, address, *calls, *warmup), benchTS(root, sock, *calls, *warmup)}
	rate, took := benchMany(ctx, address, *many)
	fmt.Printf("unary Intercept over UDS, sequential, %d calls after %d warm-up (µs)\n", *calls, *warmup)
	fmt.Printf("| %-32s | %8s | %8s | %8s |\n", "client", "p50", "p99", "mean")
	fmt.Printf("|%s|%s|%s|%s|\n", "----------------------------------", "----------", "----------", "----------")
	for _, r := range rows {
		fmt.Printf("| %-32s | %8.1f | %8.1f | %8.1f |\n", r.Client, r.P50, r.P99, r.Mean)
	}
	fmt.Printf("\ngo InterceptMany over one stream: %d scents in %v (%.0f scents/s)\n", *many, took.Round(time.Millisecond), rate)
}
