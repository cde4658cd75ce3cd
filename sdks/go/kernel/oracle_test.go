package kernel

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// tsx finds the repository's tsx to run the TS reference kernel; when it is missing the
// differential tests skip, unless TRACEHOUND_REQUIRE_ORACLE=1 (test.sh sets it) makes that a failure.
func tsx(t *testing.T) string {
	p, _ := filepath.Abs(filepath.Join("..", "..", "..", "node_modules", ".bin", "tsx"))
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("TRACEHOUND_REQUIRE_ORACLE") == "1" {
			t.Fatalf("TS reference kernel not runnable: %v", err)
		}
		t.Skip("no node_modules/.bin/tsx: run npm ci at the repository root")
	}
	return p
}

func oracle(t *testing.T, texts []string) []string {
	cmd := exec.Command(tsx(t), filepath.Join("testdata", "oracle.ts"))
	cmd.Stdin = strings.NewReader(strings.Join(texts, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("oracle: %v: %s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(texts) {
		t.Fatalf("oracle answered %d of %d", len(lines), len(texts))
	}
	return lines
}

// gen writes random JSON text that stresses TH-CJSON-1: tricky numbers, escapes, surrogates
// (paired and lone), and keys that are or almost are array indexes.
type gen struct{ r *rand.Rand }

func (g gen) number() string {
	switch g.r.IntN(6) {
	case 0:
		return strconv.Itoa(g.r.IntN(2000) - 1000)
	case 1: // any finite double, written exactly
		for {
			f := math.Float64frombits(g.r.Uint64())
			if !math.IsNaN(f) && !math.IsInf(f, 0) {
				return strconv.FormatFloat(f, 'g', -1, 64)
			}
		}
	case 2: // around the notation thresholds 1e21 and 1e-7
		return fmt.Sprintf("%de%d", g.r.IntN(99999)+1, g.r.IntN(40)-27)
	case 3:
		return []string{"-0", "0.0", "1e400", "-1e400", "5e-324", "1E+2", "123456789012345678901234567890"}[g.r.IntN(7)]
	case 4:
		return strconv.FormatFloat(g.r.Float64()*math.Pow(10, float64(g.r.IntN(30)-15)), 'f', -1, 64)
	}
	return strconv.FormatUint(g.r.Uint64()>>uint(g.r.IntN(64)), 10)
}

func (g gen) str() string {
	var b strings.Builder
	b.WriteByte('"')
	for n := g.r.IntN(8); n > 0; n-- {
		switch g.r.IntN(9) {
		case 0:
			fmt.Fprintf(&b, `\u%04x`, 0xD800+g.r.IntN(0x800)) // a surrogate, often lone
		case 1:
			fmt.Fprintf(&b, `\u%04x`, g.r.IntN(0x30)) // controls
		case 2:
			b.WriteString([]string{`\"`, `\\`, `\/`, `\b`, `\n`, "/", "\u2028", "\u007f"}[g.r.IntN(8)])
		case 3:
			b.WriteRune(rune(0x80 + g.r.IntN(0xD800-0x80)))
		case 4:
			b.WriteRune(rune(0xE000 + g.r.IntN(0x2000)))
		case 5:
			b.WriteRune(rune(0x10000 + g.r.IntN(0x100000)))
		default:
			b.WriteByte("ABCXYZabcxyz019 _-[]{}:,"[g.r.IntN(24)])
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (g gen) key() string {
	if g.r.IntN(3) == 0 {
		return `"` + []string{"0", "1", "9", "10", "01", "-1", "1.5", "4294967294", "4294967295", "99999999999", "a", "B", "__proto__"}[g.r.IntN(13)] + `"`
	}
	return g.str()
}

func (g gen) value(depth int) string {
	k := g.r.IntN(10)
	if depth > 4 {
		k %= 5
	}
	switch k {
	case 0:
		return []string{"null", "true", "false"}[g.r.IntN(3)]
	case 1, 2:
		return g.number()
	case 3, 4:
		return g.str()
	case 5, 6, 7:
		parts := []string{}
		for n := g.r.IntN(6); n > 0; n-- {
			parts = append(parts, g.key()+":"+g.value(depth+1))
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	parts := []string{}
	for n := g.r.IntN(5); n > 0; n-- {
		parts = append(parts, g.value(depth+1))
	}
	return "[" + strings.Join(parts, ",") + "]"
}

func TestDifferentialAgainstTSKernel(t *testing.T) {
	g := gen{rand.New(rand.NewPCG(1, uint64(len(os.Args))))}
	texts := make([]string, 3000)
	for i := range texts {
		texts[i] = g.value(0)
	}
	want := oracle(t, texts)
	bad := 0
	for i, text := range texts {
		got := "refused"
		if v, err := ParseJSON([]byte(text)); err != nil {
			t.Fatalf("ParseJSON(%s): %v", text, err)
		} else if b, err := Canonicalize(v); err == nil {
			got = hex.EncodeToString(b)
		}
		if got != want[i] && bad < 10 {
			bad++
			t.Errorf("%s:\n go %s\n ts %s", text, got, want[i])
		}
	}
}
