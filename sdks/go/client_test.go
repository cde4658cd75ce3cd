package tracehound_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"connectrpc.com/connect"
	tracehound "github.com/tracehound/tracehound/sdks/go"
	thv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1"
	"github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1/tracehoundv1connect"
	"github.com/tracehound/tracehound/sdks/go/kernel"
)

var seq atomic.Int64

// unique gives every test scent its own source and payload, so rate limits and duplicates only
// happen where a test wants them.
func unique(threat *tracehound.Threat) tracehound.Scent {
	n := seq.Add(1)
	return tracehound.Scent{ID: fmt.Sprintf("go-%d", n), Source: fmt.Sprintf("go-src-%d-%d", time.Now().UnixNano(), n),
		Payload: map[string]any{"n": n, "path": "/login", "t": time.Now().UnixNano()}, Threat: threat}
}

var high = &tracehound.Threat{Category: tracehound.Injection, Severity: tracehound.High}

func dialUDS(t *testing.T, opts ...tracehound.Option) *tracehound.Client {
	t.Helper()
	needDaemon(t)
	// A generous deadline: these tests want the daemon's answer, which a loaded machine may delay
	// well past the 1 s default (the deadline itself is tested against a fake daemon).
	opts = append([]tracehound.Option{tracehound.WithTimeout(30 * time.Second)}, opts...)
	c, err := tracehound.Dial(context.Background(), "unix://"+daemon.socket, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func TestQuickStart(t *testing.T) {
	needDaemon(t)
	ctx := context.Background()
	c, err := tracehound.Dial(ctx, "unix://"+daemon.socket)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	payload := map[string]any{"q": "' OR 1=1 --", "n": time.Now().UnixNano()}
	v := c.Intercept(ctx, tracehound.Scent{ID: "req-1", Source: "203.0.113.7", Payload: payload,
		Threat: &tracehound.Threat{Category: tracehound.Injection, Severity: tracehound.High}})
	want, _ := tracehound.Signature(tracehound.Injection, payload)
	if v.Status != tracehound.StatusQuarantined || v.Degraded != nil || v.Handle.Signature != want {
		t.Fatalf("got %+v, want quarantined %s", v, want)
	}
}

func TestInterceptOverUDS(t *testing.T) {
	c := dialUDS(t)
	ctx := context.Background()
	hs, err := c.Handshake(ctx)
	if err != nil || hs.GetServerName() == "" || !hs.GetCompatible() || !strings.HasPrefix(hs.GetSchemaVersion(), "1.") {
		t.Fatalf("handshake %v, %v", hs, err)
	}
	if v := c.Intercept(ctx, unique(nil)); v.Status != tracehound.StatusClean || v.Degraded != nil {
		t.Fatalf("clean scent: %+v", v)
	}
	s := unique(&tracehound.Threat{Category: tracehound.Spam, Severity: tracehound.Medium})
	v := c.Intercept(ctx, s)
	sig, _ := tracehound.Signature(tracehound.Spam, s.Payload)
	canonical, _ := kernel.Canonicalize(s.Payload)
	if v.Status != tracehound.StatusQuarantined || v.Handle.Signature != sig || v.Handle.Severity != tracehound.Medium ||
		v.Handle.Size != uint64(len(canonical)) || v.Handle.Hash != strings.TrimPrefix(sig, "spam:") || v.Handle.CapturedMs == 0 || v.Handle.Disposed {
		t.Fatalf("threat: %+v (handle %+v), want signature %s", v, v.Handle, sig)
	}
	s.ID, s.Source = "again", s.Source+"-2"
	if again := c.Intercept(ctx, s); again.Status != tracehound.StatusIgnored || again.Signature != sig {
		t.Fatalf("duplicate: %+v", again)
	}
}

func TestVerdictsFromTheEngine(t *testing.T) {
	c := dialUDS(t)
	ctx := context.Background()
	// NaN travels as the kernel's refusal; the engine answers as the embedded library does.
	s := unique(high)
	s.Payload = map[string]any{"v": math.NaN()}
	if v := c.Intercept(ctx, s); v.Status != tracehound.StatusError || v.Error.Code != "AGENT_SERIALIZATION_FAILED" || v.Error.State != "agent" || v.Degraded != nil {
		t.Fatalf("NaN payload: %+v %+v", v, v.Error)
	}
	// What the kernel cannot encode travels as its refusal; the daemon answers with the same code.
	s.Payload = map[string]any{"c": make(chan int)}
	if v := c.Intercept(ctx, s); v.Status != tracehound.StatusError || v.Error.Code != "AGENT_SERIALIZATION_FAILED" {
		t.Fatalf("chan payload: %+v", v)
	}
	// …unless there is no threat: then the payload is never read.
	s.Threat = nil
	if v := c.Intercept(ctx, s); v.Status != tracehound.StatusClean || v.Degraded != nil {
		t.Fatalf("chan payload without threat: %+v", v)
	}
	// Over 1 000 000 canonical bytes (the default limit).
	s = unique(high)
	s.Payload = strings.Repeat("x", 1_000_001)
	if v := c.Intercept(ctx, s); v.Status != tracehound.StatusPayloadTooLarge || v.LimitBytes != 1_000_000 {
		t.Fatalf("large payload: %+v", v)
	}
	// The 101st scent of one source in a minute is rate limited for the 300 s block.
	s = unique(nil)
	for i := 0; i < 100; i++ {
		if v := c.Intercept(ctx, s); v.Status != tracehound.StatusClean {
			t.Fatalf("scent %d: %+v", i, v)
		}
	}
	if v := c.Intercept(ctx, s); v.Status != tracehound.StatusRateLimited || v.RetryAfterMs != 300_000 {
		t.Fatalf("101st: %+v", v)
	}
	// An unknown category is the caller's error: the daemon refuses the scent, no degradation.
	s = unique(&tracehound.Threat{Category: "nonsense", Severity: tracehound.Low})
	if v := c.Intercept(ctx, s); v.Status != tracehound.StatusError || v.Error.Code != "SCENT_INVALID" || v.Degraded != nil {
		t.Fatalf("bad category: %+v", v)
	}
}

// panicky panics when marshalled: Intercept must still answer.
type panicky struct{}

func (panicky) MarshalJSON() ([]byte, error) { panic("boom") }

func TestNeverPanics(t *testing.T) {
	c := dialUDS(t)
	s := unique(high)
	s.Payload = panicky{}
	v := c.Intercept(context.Background(), s)
	if v.Status != tracehound.StatusClean || v.Degraded == nil || !strings.Contains(v.Degraded.Message, "boom") {
		t.Fatalf("got %+v", v)
	}
	vs := c.InterceptMany(context.Background(), []tracehound.Scent{unique(nil), s})
	if len(vs) != 2 || vs[1].Degraded == nil {
		t.Fatalf("InterceptMany: %+v", vs)
	}
}

func TestInterceptManyOverTheStream(t *testing.T) {
	c := dialUDS(t)
	scents := make([]tracehound.Scent, 2500) // three request messages of at most 1000
	for i := range scents {
		var threat *tracehound.Threat
		if i%2 == 0 {
			threat = &tracehound.Threat{Category: tracehound.Malware, Severity: tracehound.Low}
		}
		scents[i] = unique(threat)
	}
	scents[7].Threat, scents[7].Payload = high, map[string]any{"f": func() {}} // refused locally
	vs := c.InterceptMany(context.Background(), scents)
	if len(vs) != len(scents) {
		t.Fatalf("%d verdicts for %d scents", len(vs), len(scents))
	}
	for i, v := range vs {
		switch {
		case i == 7:
			if v.Status != tracehound.StatusError || v.Error.Code != "AGENT_SERIALIZATION_FAILED" {
				t.Fatalf("scent 7: %+v", v)
			}
		case i%2 == 0:
			sig, _ := tracehound.Signature(tracehound.Malware, scents[i].Payload)
			if v.Status != tracehound.StatusQuarantined || v.Handle.Signature != sig {
				t.Fatalf("scent %d: %+v, want %s", i, v, sig)
			}
		default:
			if v.Status != tracehound.StatusClean || v.Degraded != nil {
				t.Fatalf("scent %d: %+v", i, v)
			}
		}
	}
	if vs := c.InterceptMany(context.Background(), nil); len(vs) != 0 {
		t.Fatalf("empty batch: %v", vs)
	}
}

func TestTCPWithToken(t *testing.T) {
	needDaemon(t)
	ctx := context.Background()
	c, err := tracehound.Dial(ctx, "http://"+daemon.tcp, tracehound.WithToken(testToken))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if v := c.Intercept(ctx, unique(high)); v.Status != tracehound.StatusQuarantined {
		t.Fatalf("over TCP: %+v", v)
	}
	// No token: fail-open gives degraded clean verdicts; fail-closed refuses to dial.
	var degraded []error
	open, err := tracehound.Dial(ctx, "http://"+daemon.tcp, tracehound.WithOnDegraded(func(e error) { degraded = append(degraded, e) }))
	if err != nil {
		t.Fatal(err)
	}
	defer open.Close()
	v := open.Intercept(ctx, unique(high))
	if v.Status != tracehound.StatusClean || v.Degraded == nil || v.Degraded.Code != "unauthenticated" || len(degraded) != 1 {
		t.Fatalf("without token: %+v %+v (%d callbacks)", v, v.Degraded, len(degraded))
	}
	if _, err := tracehound.Dial(ctx, "http://"+daemon.tcp, tracehound.WithFailClosed()); connect.CodeOf(err) != connect.CodeUnauthenticated {
		t.Fatalf("fail-closed dial without token: %v", err)
	}
}

func TestFailOpenWhenDaemonIsDown(t *testing.T) {
	ctx := context.Background()
	addr := "unix://" + filepath.Join(t.TempDir(), "nobody.sock")
	c, err := tracehound.Dial(ctx, addr)
	if err != nil {
		t.Fatalf("fail-open dial: %v", err)
	}
	defer c.Close()
	v := c.Intercept(ctx, unique(high))
	if v.Status != tracehound.StatusClean || v.Degraded == nil || v.Degraded.Code != "unavailable" {
		t.Fatalf("got %+v", v)
	}
	for _, v := range c.InterceptMany(ctx, []tracehound.Scent{unique(nil), unique(high)}) {
		if v.Status != tracehound.StatusClean || v.Degraded == nil {
			t.Fatalf("InterceptMany: %+v", v)
		}
	}
	if _, err := tracehound.Dial(ctx, addr, tracehound.WithFailClosed()); connect.CodeOf(err) != connect.CodeUnavailable {
		t.Fatalf("fail-closed dial: %v", err)
	}
	for _, bad := range []string{"tcp://x", "unix://", "http://"} {
		if _, err := tracehound.Dial(ctx, bad); err == nil {
			t.Errorf("Dial(%q) accepted", bad)
		}
	}
}

// fake is a Go tracehoundd stand-in for what the real daemon will not do on demand.
type fake struct {
	tracehoundv1connect.UnimplementedTracehoundServiceHandler
	schema         string
	delay          time.Duration
	handshakeDelay time.Duration
	// deadlines, when set, receives the time each Intercept had left when it arrived (-1: none).
	deadlines chan time.Duration
}

func (f *fake) Handshake(ctx context.Context, _ *connect.Request[thv1.HandshakeRequest]) (*connect.Response[thv1.HandshakeResponse], error) {
	select {
	case <-time.After(f.handshakeDelay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if f.schema != "1.0.0" {
		return nil, connect.NewError(connect.CodeFailedPrecondition, errors.New("schema version mismatch: client 1.0.0, server "+f.schema))
	}
	return connect.NewResponse(&thv1.HandshakeResponse{ServerName: "fake", SchemaVersion: f.schema, Compatible: true}), nil
}

func (f *fake) Intercept(ctx context.Context, _ *connect.Request[thv1.InterceptRequest]) (*connect.Response[thv1.InterceptResponse], error) {
	if f.deadlines != nil {
		left := time.Duration(-1)
		if deadline, ok := ctx.Deadline(); ok {
			left = time.Until(deadline)
		}
		f.deadlines <- left
	}
	select {
	case <-time.After(f.delay):
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return connect.NewResponse(&thv1.InterceptResponse{Verdict: &thv1.Verdict{Outcome: &thv1.Verdict_Clean_{Clean: &thv1.Verdict_Clean{}}}}), nil
}

// InterceptStream answers each request after the same delay as Intercept, one goroutine per request.
func (f *fake) InterceptStream(ctx context.Context, s *connect.BidiStream[thv1.InterceptStreamRequest, thv1.InterceptStreamResponse]) error {
	var sendMu sync.Mutex
	for {
		req, err := s.Receive()
		if err != nil {
			return nil
		}
		go func() {
			select {
			case <-time.After(f.delay):
			case <-ctx.Done():
				return
			}
			sendMu.Lock()
			defer sendMu.Unlock()
			_ = s.Send(&thv1.InterceptStreamResponse{RequestId: req.GetRequestId(), Verdicts: cleanVerdicts(len(req.GetScents()))})
		}()
	}
}

func cleanVerdicts(n int) []*thv1.Verdict {
	out := make([]*thv1.Verdict, n)
	for i := range out {
		out[i] = &thv1.Verdict{Outcome: &thv1.Verdict_Clean_{Clean: &thv1.Verdict_Clean{}}}
	}
	return out
}

func serveFake(t *testing.T, f *fake) string {
	return serveHandler(t, f)
}

func serveHandler(t *testing.T, h tracehoundv1connect.TracehoundServiceHandler) string {
	sock := filepath.Join(t.TempDir(), "fake.sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle(tracehoundv1connect.NewTracehoundServiceHandler(h))
	p := new(http.Protocols)
	p.SetHTTP1(true)
	p.SetUnencryptedHTTP2(true)
	srv := &http.Server{Handler: mux, Protocols: p}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "unix://" + sock
}

func TestSchemaSkewFailsDial(t *testing.T) {
	_, err := tracehound.Dial(context.Background(), serveFake(t, &fake{schema: "2.0.0"}))
	if connect.CodeOf(err) != connect.CodeFailedPrecondition || !strings.Contains(err.Error(), "2.0.0") {
		t.Fatalf("got %v", err)
	}
}

// The per-call deadline of a unary intercept reaches the daemon (gRPC's grpc-timeout): the fake reports the time each
// call had left, which shows which deadline applied without timing the call. The daemon would
// answer after a minute; the wall-clock bound is 10x the deadline, a backstop for a loaded machine.
func TestDefaultDeadline(t *testing.T) {
	f := &fake{schema: "1.0.0", delay: time.Minute, deadlines: make(chan time.Duration, 1)}
	addr := serveFake(t, f)
	for _, tc := range []struct {
		opts     []tracehound.Option
		deadline time.Duration
	}{
		// Unary: a stream message carries no grpc-timeout of its own (the stream path's deadlines
		// are tested in stream_test.go).
		{[]tracehound.Option{tracehound.WithUnaryIntercept()}, time.Second},
		{[]tracehound.Option{tracehound.WithUnaryIntercept(), tracehound.WithTimeout(100 * time.Millisecond)}, 100 * time.Millisecond},
	} {
		c, err := tracehound.Dial(context.Background(), addr, tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		v := c.Intercept(context.Background(), unique(high))
		took := time.Since(start)
		if v.Degraded == nil || v.Degraded.Code != "deadline_exceeded" || v.Status != tracehound.StatusClean {
			t.Fatalf("after %v: %+v %+v", took, v, v.Degraded)
		}
		if left := <-f.deadlines; left <= 0 || left > tc.deadline {
			t.Fatalf("the call reached the daemon with %v left, want a deadline of at most %v", left, tc.deadline)
		}
		if took > 10*tc.deadline {
			t.Fatalf("the call took %v with a deadline of %v", took, tc.deadline)
		}
		_ = c.Close()
	}
	c, _ := tracehound.Dial(context.Background(), addr, tracehound.WithTimeout(50*time.Millisecond), tracehound.WithFailClosed())
	defer c.Close()
	if v := c.Intercept(context.Background(), unique(high)); v.Status != tracehound.StatusError || v.Error.Code != "DAEMON_UNAVAILABLE" || !v.Error.Recoverable || v.Degraded == nil {
		t.Fatalf("fail-closed: %+v", v)
	}
}

func TestAuditProofsAndMACs(t *testing.T) {
	c := dialUDS(t)
	ctx := context.Background()
	key := []byte{}
	for i := 0; i < 32; i++ {
		key = append(key, byte(i))
	}
	var sizes []uint64
	var heads []tracehound.TreeHead
	for i := 0; i < 2; i++ {
		v := c.Intercept(ctx, unique(high))
		if v.Status != tracehound.StatusQuarantined {
			t.Fatalf("%+v", v)
		}
		rec, size, err := c.Neutralize(ctx, v.Handle.Signature)
		if err != nil || rec == nil || !rec.Verify() || rec.Signature != v.Handle.Signature || rec.Type != "neutralization" {
			t.Fatalf("neutralize: %+v %v", rec, err)
		}
		head, err := c.TreeHead(ctx)
		if err != nil || head.TreeSize < size || !head.VerifyMAC(key) || head.Kid != "k1" {
			t.Fatalf("tree head %+v, %v", head, err)
		}
		tampered := head
		tampered.TreeSize++
		if tampered.VerifyMAC(key) {
			t.Fatal("a tampered tree head verified")
		}
		proof, record, err := c.InclusionProof(ctx, size-1, head.TreeSize)
		if err != nil || record.Hash != rec.Hash {
			t.Fatalf("inclusion proof: %+v %+v %v", proof, record, err)
		}
		if leaf, _ := rec.LeafHash(); leaf != proof.LeafHash || !kernel.VerifyInclusion(proof, head.RootHash) {
			t.Fatalf("inclusion proof does not verify: %+v against %s", proof, head.RootHash)
		}
		sizes, heads = append(sizes, head.TreeSize), append(heads, head)
	}
	proof, err := c.ConsistencyProof(ctx, sizes[0], sizes[1])
	if err != nil || !kernel.VerifyConsistency(proof, heads[0].RootHash, heads[1].RootHash) {
		t.Fatalf("consistency %+v: %v", proof, err)
	}
	if kernel.VerifyConsistency(proof, heads[1].RootHash, heads[0].RootHash) {
		t.Fatal("swapped roots verified")
	}
	if rec, _, err := c.Neutralize(ctx, "spam:"+strings.Repeat("0", 64)); rec != nil || err != nil {
		t.Fatalf("neutralizing nothing: %+v %v", rec, err)
	}
}

// A daemon restart: verdicts are degraded while it is down and real again once it is back,
// without a new Dial.
func TestRecoversAfterDaemonRestart(t *testing.T) {
	needDaemon(t)
	dir := t.TempDir()
	sock := filepath.Join(dir, "restart.sock")
	d, err := launch(dir, sock)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c, err := tracehound.Dial(ctx, "unix://"+sock)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if v := c.Intercept(ctx, unique(high)); v.Status != tracehound.StatusQuarantined {
		t.Fatalf("before: %+v", v)
	}
	d.stop()
	if v := c.Intercept(ctx, unique(high)); v.Degraded == nil || v.Status != tracehound.StatusClean {
		t.Fatalf("while down: %+v", v)
	}
	d, err = launch(dir, sock)
	if err != nil {
		t.Fatal(err)
	}
	defer d.stop()
	if v := c.Intercept(ctx, unique(high)); v.Status != tracehound.StatusQuarantined || v.Degraded != nil {
		t.Fatalf("after restart: %+v %+v", v, v.Degraded)
	}
}

// Concurrent intercepts share one slow handshake and each returns within its own deadline.
func TestSlowHandshakeRespectsEachDeadline(t *testing.T) {
	addr := serveFake(t, &fake{schema: "1.0.0", handshakeDelay: 3 * time.Second})
	c, err := tracehound.Dial(context.Background(), addr, tracehound.WithCallTimeout(10*time.Second), tracehound.WithTimeout(200*time.Millisecond))
	if err != nil {
		t.Fatalf("dial: %v", err) // Dial itself waits for the handshake up to the call timeout…
	}
	defer c.Close()
	fast, err := tracehound.Dial(context.Background(), addr, tracehound.WithCallTimeout(100*time.Millisecond), tracehound.WithTimeout(200*time.Millisecond))
	if err != nil {
		t.Fatalf("fail-open dial with a handshake slower than its deadline: %v", err)
	}
	defer fast.Close()
	start := time.Now()
	done := make(chan tracehound.Verdict, 8)
	for i := 0; i < 8; i++ {
		go func() { done <- fast.Intercept(context.Background(), unique(high)) }()
	}
	for i := 0; i < 8; i++ {
		if v := <-done; v.Degraded == nil || v.Degraded.Code != "deadline_exceeded" {
			t.Fatalf("got %+v %+v", v, v.Degraded)
		}
	}
	// 10x the 200 ms deadline, and still below the 3 s handshake they would wait for if they queued.
	if took := time.Since(start); took > 10*200*time.Millisecond {
		t.Fatalf("8 concurrent intercepts took %v: they queued behind one handshake", took)
	}
}
