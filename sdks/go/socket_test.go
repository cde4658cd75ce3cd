package tracehound

import (
	"os"
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
