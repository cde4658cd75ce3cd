package tracehound

import (
	"os"
	"path/filepath"
	"strconv"
)

// DefaultSocketPath is where tracehoundd listens by default, resolved exactly as the daemon
// resolves it (tracehoundd --print-socket prints the same path): TRACEHOUND_SOCKET when set, else
// $XDG_RUNTIME_DIR/tracehound/tracehoundd.sock when XDG_RUNTIME_DIR is set, else
// ${TMPDIR:-/tmp}/tracehound-<uid>/tracehoundd.sock. Dial(ctx, "") connects there.
func DefaultSocketPath() string { return defaultSocketPath(os.Getenv, os.Getuid()) }

func defaultSocketPath(getenv func(string) string, uid int) string {
	if p := getenv("TRACEHOUND_SOCKET"); p != "" {
		return p
	}
	if d := getenv("XDG_RUNTIME_DIR"); d != "" {
		return filepath.Join(d, "tracehound", "tracehoundd.sock")
	}
	tmp := getenv("TMPDIR")
	if tmp == "" {
		tmp = "/tmp"
	}
	return filepath.Join(tmp, "tracehound-"+strconv.Itoa(uid), "tracehoundd.sock")
}
