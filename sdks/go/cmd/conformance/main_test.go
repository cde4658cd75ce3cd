package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tracehound/tracehound/sdks/go/kernel"
)

// The executor must notice a wrong expectation: tamper one case per kernel suite and check that
// exactly those fail, the tally says so and the exit status is 1. (Intercept sequences need the
// conformance daemon; npm run conformance covers them.)
func TestExecutorCatchesTamperedVectors(t *testing.T) {
	src := filepath.Join("..", "..", "..", "..", "conformance", "vectors")
	dir := t.TempDir()
	tamper := map[string]func(tc map[string]any){
		"signature": nil, // changed in the text below
		"audit": func(tc map[string]any) {
			tc["result"] = map[string]string{"valid": "invalid", "invalid": "valid"}[tc["result"].(string)]
		},
		"hmac": func(tc map[string]any) { tc["mac"] = strings.Repeat("0", 64) },
	}
	for suite, change := range tamper {
		text, err := os.ReadFile(filepath.Join(src, suite+"_test.json"))
		if err != nil {
			t.Skip("vectors not found:", err)
		}
		if suite == "signature" {
			// Text, not a re-encoding: this file holds payloads past the 512-level limit (the depth vectors).
			text = bytes.Replace(text, []byte(`"canonicalHex": "`), []byte(`"canonicalHex": "00`), 1)
			if err := os.WriteFile(filepath.Join(dir, suite+"_test.json"), text, 0o600); err != nil {
				t.Fatal(err)
			}
			continue
		}
		// kernel, not encoding/json: the vectors may hold lone surrogates.
		v, err := kernel.ParseJSON(text)
		if err != nil {
			t.Fatal(err)
		}
		file := v.(map[string]any)
		change(file["testGroups"].([]any)[0].(map[string]any)["tests"].([]any)[0].(map[string]any))
		out, err := kernel.Canonicalize(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, suite+"_test.json"), out, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "intercept_test.json"), []byte(`{"testGroups":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "run", ".", dir)
	cmd.Env = append(os.Environ(), "TRACEHOUND_CONFORMANCE_ADDRESS=")
	out, err := cmd.Output()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Fatalf("exit: %v, want status 1", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var failed []string
	for _, l := range lines[:len(lines)-1] {
		var r struct {
			Case string `json:"case"`
			OK   bool   `json:"ok"`
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("not a result line: %q", l)
		}
		if !r.OK {
			failed = append(failed, r.Case)
		}
	}
	if strings.Join(failed, " ") != "signature_test/1 audit_test/1 hmac_test/1" {
		t.Fatalf("failed cases %v", failed)
	}
	if last := lines[len(lines)-1]; last != "701 passed, 3 failed" {
		t.Fatalf("tally %q", last)
	}
}

// A panic inside a case is a crash of that case, reported as such even when the vector expected
// "invalid"; the cases after it still run, and the tally counts it as a failure.
func TestPanicIsACrashNotAnAnswer(t *testing.T) {
	var out bytes.Buffer
	r := newReporter(&out)
	r.runCase("audit_test/1", func() (any, any) {
		var entry map[string]any
		entry["type"] = "capture" // assignment to a nil map: an executor bug
		return "invalid", "invalid"
	})
	r.runCase("audit_test/2", func() (any, any) { return "invalid", validity(false, errors.New("refused")) })
	if r.close() {
		t.Fatal("close reported success after a crash")
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	var crash struct {
		Case  string `json:"case"`
		OK    bool   `json:"ok"`
		Crash string `json:"crash"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &crash); err != nil {
		t.Fatal(err)
	}
	if crash.Case != "audit_test/1" || crash.OK || !strings.Contains(crash.Crash, "assignment to entry in nil map") {
		t.Fatalf("first line %q", lines[0])
	}
	if lines[1] != `{"case":"audit_test/2","ok":true}` || lines[2] != "1 passed, 1 failed" {
		t.Fatalf("lines %q", lines[1:])
	}
}
