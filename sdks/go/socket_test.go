package tracehound

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultSocketPath(t *testing.T) {
	cases := []struct {
		env  map[string]string
		uid  int
		want string
	}{
		{map[string]string{"XDG_RUNTIME_DIR": "/run/user/1000", "TMPDIR": "/var/tmp"}, 1000, "/run/user/1000/tracehound/tracehoundd.sock"},
		{map[string]string{"TMPDIR": "/var/tmp"}, 1000, "/var/tmp/tracehound-1000/tracehoundd.sock"},
		{map[string]string{"TMPDIR": "", "XDG_RUNTIME_DIR": ""}, 7, "/tmp/tracehound-7/tracehoundd.sock"},
		{map[string]string{}, 7, "/tmp/tracehound-7/tracehoundd.sock"},
		{map[string]string{"TRACEHOUND_SOCKET": "/srv/th.sock", "XDG_RUNTIME_DIR": "/run/user/1"}, 1, "/srv/th.sock"},
	}
	for _, c := range cases {
		if got := defaultSocketPath(envOf(c.env), c.uid); got != c.want {
			t.Errorf("defaultSocketPath(%v, %d) = %q, want %q", c.env, c.uid, got, c.want)
		}
	}
}

func TestDefaultSocketPathUsesThisProcess(t *testing.T) {
	t.Setenv("TRACEHOUND_SOCKET", "")
	t.Setenv("XDG_RUNTIME_DIR", "")
	t.Setenv("TMPDIR", "/x")
	if got, want := DefaultSocketPath(), "/x/tracehound-"+strconv.Itoa(os.Getuid())+"/tracehoundd.sock"; got != want {
		t.Errorf("DefaultSocketPath() = %q, want %q", got, want)
	}
}

// Dial(ctx, "") connects to the default socket: a listener there sees the connection.
func TestDialEmptyUsesTheDefaultSocket(t *testing.T) {
	runtime := t.TempDir()
	t.Setenv("TRACEHOUND_SOCKET", "")
	t.Setenv("XDG_RUNTIME_DIR", runtime)
	if err := os.Mkdir(filepath.Join(runtime, "tracehound"), 0o700); err != nil {
		t.Fatal(err)
	}
	l, err := net.Listen("unix", filepath.Join(runtime, "tracehound", "tracehoundd.sock"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	accepted := make(chan struct{})
	go func() {
		if conn, err := l.Accept(); err == nil {
			close(accepted)
			conn.Close() // no daemon behind it: the handshake fails, fail-open keeps the client
		}
	}()
	c, err := Dial(context.Background(), "")
	if err != nil {
		t.Fatalf("fail-open Dial: %v", err)
	}
	defer c.Close()
	<-accepted
}
