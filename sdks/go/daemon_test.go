package tracehound_test

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The real tracehoundd, started once for the package's tests from the repository checkout.
// Without node_modules the daemon tests skip, unless TRACEHOUND_REQUIRE_DAEMON=1 (test.sh).

const (
	testToken  = "go-sdk-test-token-0123456789"
	testMacKey = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
)

var daemon struct {
	socket, tcp string
	err         error
}

// running is one tracehoundd child process.
type running struct {
	cmd       *exec.Cmd
	addresses []string
}

// launch starts tracehoundd on socket with dir holding its token, config and evidence ledger
// (never the machine-wide one), and waits for its "listening" log line.
func launch(dir, socket string, extra ...string) (*running, error) {
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	tsx := filepath.Join(root, "node_modules", ".bin", "tsx")
	if _, err := os.Stat(tsx); err != nil {
		return nil, fmt.Errorf("no %s (run npm ci at the repository root)", tsx)
	}
	_ = os.WriteFile(filepath.Join(dir, "token"), []byte(testToken), 0o600)
	_ = os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"macKeys":[{"kid":"k1","key":"`+testMacKey+`"}]}`), 0o600)
	args := append([]string{"src/cli/tracehoundd.ts", "--socket", socket, "--token-file", filepath.Join(dir, "token"),
		"--config", filepath.Join(dir, "config.json"), "--data-dir", filepath.Join(dir, "data"), "--no-watch", "--log-level", "info"}, extra...)
	cmd := exec.Command(tsx, args...)
	cmd.Dir, cmd.Stderr = root, os.Stderr
	cmd.Env = append(os.Environ(), "TRACEHOUND_TOKEN=")
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	ready := make(chan []string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			var line struct {
				Msg       string   `json:"msg"`
				Addresses []string `json:"addresses"`
			}
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				ready <- line.Addresses
			}
		}
	}()
	select {
	case addrs := <-ready:
		return &running{cmd: cmd, addresses: addrs}, nil
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("tracehoundd did not log 'listening' within 60 s")
	}
}

// stop sends SIGTERM and waits (SIGKILL after 5 s).
func (r *running) stop() {
	_ = r.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { _ = r.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		_ = r.cmd.Process.Kill()
		<-done
	}
}

func startDaemon() (stop func()) {
	dir, _ := os.MkdirTemp("", "th-go-")
	daemon.socket = filepath.Join(dir, "th.sock")
	d, err := launch(dir, daemon.socket, "--tcp", "127.0.0.1:0")
	if err != nil {
		daemon.err = err
		return func() { _ = os.RemoveAll(dir) }
	}
	for _, a := range d.addresses {
		if !strings.HasPrefix(a, "unix:") {
			daemon.tcp = a
		}
	}
	return func() {
		d.stop()
		_ = os.RemoveAll(dir)
	}
}

// needDaemon skips (or fails, under TRACEHOUND_REQUIRE_DAEMON=1) when the daemon is not running.
func needDaemon(t *testing.T) {
	t.Helper()
	if daemon.err == nil && daemon.socket != "" {
		return
	}
	if os.Getenv("TRACEHOUND_REQUIRE_DAEMON") == "1" {
		t.Fatalf("tracehoundd not available: %v", daemon.err)
	}
	t.Skipf("tracehoundd not available: %v", daemon.err)
}

func TestMain(m *testing.M) {
	flag.Parse()
	stop := func() {}
	if !testing.Short() {
		stop = startDaemon()
	} else {
		daemon.err = fmt.Errorf("-short")
	}
	code := m.Run()
	stop()
	os.Exit(code)
}
