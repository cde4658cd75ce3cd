package tracehound_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	tracehound "github.com/tracehound/tracehound/sdks/go"
	"github.com/tracehound/tracehound/sdks/go/kernel"
)

// payloadGen makes random payloads that stress the wire: deep chains, wide objects, unicode
// (astral, controls, lone surrogates in WTF-8), every number form, "__proto__" and index keys.
type payloadGen struct{ r *rand.Rand }

func (g payloadGen) number() any {
	switch g.r.IntN(5) {
	case 0:
		for {
			if f := math.Float64frombits(g.r.Uint64()); !math.IsNaN(f) && !math.IsInf(f, 0) {
				return f
			}
		}
	case 1:
		return []float64{0, math.Copysign(0, -1), 1e21, 1e-7, 5e-324, math.MaxFloat64, 1 << 53, 0.1 + 0.2}[g.r.IntN(8)]
	case 2:
		return g.r.IntN(2001) - 1000
	case 3:
		return float64(g.r.IntN(99999)+1) * math.Pow(10, float64(g.r.IntN(50)-25))
	}
	return g.r.Uint64() >> uint(g.r.IntN(64))
}

func (g payloadGen) str() string {
	var b strings.Builder
	for n := g.r.IntN(10); n > 0; n-- {
		switch g.r.IntN(6) {
		case 0:
			b.WriteRune(rune(g.r.IntN(0x20))) // controls
		case 1:
			b.WriteRune(rune(0x10000 + g.r.IntN(0x100000))) // astral
		case 2: // a lone surrogate, WTF-8 encoded
			u := 0xD800 + g.r.IntN(0x800)
			b.Write([]byte{0xED, byte(0x80 | (u>>6)&0x3F), byte(0x80 | u&0x3F)})
		case 3:
			b.WriteRune(rune(0x80 + g.r.IntN(0xD800-0x80)))
		default:
			b.WriteByte(byte(0x20 + g.r.IntN(0x5F)))
		}
	}
	return b.String()
}

func (g payloadGen) key() string {
	switch g.r.IntN(6) {
	case 0:
		return "__proto__"
	case 1:
		return fmt.Sprint(g.r.IntN(20))
	case 2:
		return []string{"01", "4294967294", "4294967295", "-1", ""}[g.r.IntN(5)]
	}
	return g.str()
}

func (g payloadGen) value(depth int) any {
	if depth < 4 {
		switch g.r.IntN(7) {
		case 0: // wide
			m := map[string]any{}
			for n := g.r.IntN(24); n > 0; n-- {
				m[g.key()] = g.value(depth + 1)
			}
			return m
		case 1:
			a := make([]any, g.r.IntN(12))
			for i := range a {
				a[i] = g.value(depth + 1)
			}
			return a
		case 2: // deep, up to the limit
			var v any = g.value(4)
			for n := g.r.IntN(kernel.MaxDepth - depth - 1); n > 0; n-- {
				if g.r.IntN(2) == 0 {
					v = []any{v}
				} else {
					v = map[string]any{g.key(): v}
				}
			}
			return v
		}
	}
	switch g.r.IntN(4) {
	case 0:
		return g.number()
	case 1:
		return g.str()
	case 2:
		return []any{nil, true, false}[g.r.IntN(3)]
	}
	return g.number()
}

// Property: whatever this client sends, the daemon stores evidence whose hash is SHA-256 of the
// bytes the local kernel makes for the payload, byte for byte (seeded, so a failure replays).
func TestPayloadIdentityThroughTheDaemon(t *testing.T) {
	c := dialUDS(t)
	ctx := context.Background()
	g := payloadGen{rand.New(rand.NewPCG(13, 2026))}
	run := fmt.Sprintf("prop-%d", time.Now().UnixNano())
	for i := 0; i < 200; i++ {
		p := g.value(0)
		want, err := kernel.Canonicalize(p)
		if err != nil {
			t.Fatalf("case %d: the kernel refused a generated payload: %v", i, err)
		}
		sum := sha256.Sum256(want)
		sig := "spam:" + hex.EncodeToString(sum[:])
		v := c.Intercept(ctx, tracehound.Scent{ID: fmt.Sprint(i), Source: fmt.Sprintf("%s-%d", run, i), Payload: p,
			Threat: &tracehound.Threat{Category: tracehound.Spam, Severity: tracehound.Low}})
		switch {
		case v.Status == tracehound.StatusQuarantined && v.Handle.Signature == sig:
		case v.Status == tracehound.StatusIgnored && v.Signature == sig: // generated twice (or by an earlier run)
		default:
			t.Fatalf("case %d: got %+v (error %+v, degraded %v), want the signature %s of %d bytes", i, v, v.Error, v.Degraded, sig, len(want))
		}
	}
}

// The depth boundary through the daemon: 512 levels are evidence, 513 are payload_too_large.
func TestDepthBoundaryThroughTheDaemon(t *testing.T) {
	c := dialUDS(t)
	ctx := context.Background()
	for _, object := range []bool{false, true} {
		for _, depth := range []int{511, 512, 513, 100_000} {
			var v any = fmt.Sprintf("core-%d-%v-%d", depth, object, time.Now().UnixNano())
			for i := 0; i < depth; i++ {
				if object {
					v = map[string]any{"k": v}
				} else {
					v = []any{v}
				}
			}
			got := c.Intercept(ctx, tracehound.Scent{ID: "deep", Source: fmt.Sprintf("deep-%d-%v-%d", depth, object, time.Now().UnixNano()), Payload: v, Threat: high})
			want := tracehound.StatusQuarantined
			if depth > kernel.MaxDepth {
				want = tracehound.StatusPayloadTooLarge
			}
			if got.Status != want || got.Degraded != nil {
				t.Errorf("depth %d (objects %v): got %+v, want %s", depth, object, got, want)
			}
		}
	}
}
