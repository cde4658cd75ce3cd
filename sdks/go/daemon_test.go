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

func startDaemon() (stop func()) {
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	tsx := filepath.Join(root, "node_modules", ".bin", "tsx")
	if _, err := os.Stat(tsx); err != nil {
		daemon.err = fmt.Errorf("no %s (run npm ci at the repository root)", tsx)
		return func() {}
	}
	dir, _ := os.MkdirTemp("", "th-go-")
	daemon.socket = filepath.Join(dir, "th.sock")
	_ = os.WriteFile(filepath.Join(dir, "token"), []byte(testToken), 0o600)
	_ = os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"macKeys":[{"kid":"k1","key":"`+testMacKey+`"}]}`), 0o600)
	cmd := exec.Command(tsx, "src/cli/tracehoundd.ts", "--socket", daemon.socket, "--tcp", "127.0.0.1:0",
		"--token-file", filepath.Join(dir, "token"), "--config", filepath.Join(dir, "config.json"), "--no-watch", "--log-level", "info")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "TRACEHOUND_TOKEN=")
	cmd.Stderr = os.Stderr
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		daemon.err = err
		return func() {}
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
		for _, a := range addrs {
			if !strings.HasPrefix(a, "unix:") {
				daemon.tcp = a
			}
		}
	case <-time.After(60 * time.Second):
		daemon.err = fmt.Errorf("tracehoundd did not log 'listening' within 60 s")
	}
	return func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
		}
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
