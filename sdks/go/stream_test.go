package tracehound_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"connectrpc.com/connect"
	tracehound "github.com/tracehound/tracehound/sdks/go"
	thv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1"
	"github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1/tracehoundv1connect"
	"github.com/tracehound/tracehound/sdks/go/kernel"
)

// Concurrent intercepts share one stream and each gets its own verdict: the signature in each
// answer is the one its own payload makes.
func TestStreamMatchesConcurrentCallsByID(t *testing.T) {
	c := dialUDS(t)
	ctx := context.Background()
	const n = 64
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := unique(high)
			v := c.Intercept(ctx, s)
			want, err := kernel.Signature(string(tracehound.Injection), s.Payload)
			if err != nil {
				errs <- err
				return
			}
			if v.Status != tracehound.StatusQuarantined || v.Handle == nil || v.Handle.Signature != want {
				errs <- fmt.Errorf("scent %s: got %+v (handle %+v), want signature %s", s.ID, v, v.Handle, want)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := tracehound.StreamsOpened(c); got != 1 {
		t.Fatalf("%d streams opened, want 1", got)
	}
}

// A scent the daemon refuses fails that call alone with INVALID_ARGUMENT (SCENT_INVALID, in either
// fail mode); the stream serves the next call.
func TestStreamBadScentFailsOnlyThatCall(t *testing.T) {
	c := dialUDS(t, tracehound.WithFailClosed())
	ctx := context.Background()
	bad := unique(&tracehound.Threat{Category: "not-a-category", Severity: tracehound.High})
	if v := c.Intercept(ctx, bad); v.Status != tracehound.StatusError || v.Error == nil || v.Error.Code != "SCENT_INVALID" || v.Degraded != nil {
		t.Fatalf("bad scent: %+v %+v", v, v.Error)
	}
	if v := c.Intercept(ctx, unique(high)); v.Status != tracehound.StatusQuarantined {
		t.Fatalf("next call: %+v", v)
	}
	if got := tracehound.StreamsOpened(c); got != 1 {
		t.Fatalf("%d streams opened, want 1", got)
	}
}

// slowFake answers a scent whose id starts with "slow" only once release is closed, others at once.
type slowFake struct {
	fake
	release  chan struct{}
	answered chan struct{} // closed once the late answer is sent
}

func (f *slowFake) InterceptStream(ctx context.Context, s *connect.BidiStream[thv1.InterceptStreamRequest, thv1.InterceptStreamResponse]) error {
	var sendMu sync.Mutex
	send := func(req *thv1.InterceptStreamRequest) {
		sendMu.Lock()
		defer sendMu.Unlock()
		_ = s.Send(&thv1.InterceptStreamResponse{RequestId: req.GetRequestId(), Verdicts: cleanVerdicts(len(req.GetScents()))})
	}
	for {
		req, err := s.Receive()
		if err != nil {
			return nil
		}
		if len(req.GetScents()) == 1 && req.GetScents()[0].GetId() == "slow" {
			go func() {
				<-f.release
				send(req)
				close(f.answered)
			}()
			continue
		}
		send(req)
	}
}

// One call's deadline expires; the stream carries on, and the late answer is dropped.
func TestStreamDeadlineOfOneCall(t *testing.T) {
	f := &slowFake{fake: fake{schema: "1.0.0"}, release: make(chan struct{}), answered: make(chan struct{})}
	c, err := tracehound.Dial(context.Background(), serveHandler(t, f), tracehound.WithTimeout(100*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	ctx := context.Background()
	v := c.Intercept(ctx, tracehound.Scent{ID: "slow", Source: "s", Threat: high, Payload: 1})
	if v.Degraded == nil || v.Degraded.Code != "deadline_exceeded" || v.Status != tracehound.StatusClean {
		t.Fatalf("slow call: %+v %+v", v, v.Degraded)
	}
	if v := c.Intercept(ctx, unique(high)); v.Degraded != nil || v.Status != tracehound.StatusClean {
		t.Fatalf("call after the expiry: %+v %+v", v, v.Degraded)
	}
	close(f.release)
	<-f.answered
	if v := c.Intercept(ctx, unique(high)); v.Degraded != nil || v.Status != tracehound.StatusClean {
		t.Fatalf("call after the late answer: %+v %+v", v, v.Degraded)
	}
	if got := tracehound.StreamsOpened(c); got != 1 {
		t.Fatalf("%d streams opened, want 1", got)
	}
}

// breakingFake ends the first stream with UNAVAILABLE once `inFlight` requests are held; later
// streams answer clean.
type breakingFake struct {
	fake
	inFlight int
	mu       sync.Mutex
	streams  int
}

func (f *breakingFake) InterceptStream(ctx context.Context, s *connect.BidiStream[thv1.InterceptStreamRequest, thv1.InterceptStreamResponse]) error {
	f.mu.Lock()
	f.streams++
	first := f.streams == 1
	f.mu.Unlock()
	held := 0
	for {
		req, err := s.Receive()
		if err != nil {
			return nil
		}
		if first {
			if held++; held == f.inFlight {
				return connect.NewError(connect.CodeUnavailable, errors.New("daemon going away"))
			}
			continue
		}
		if err := s.Send(&thv1.InterceptStreamResponse{RequestId: req.GetRequestId(), Verdicts: cleanVerdicts(len(req.GetScents()))}); err != nil {
			return err
		}
	}
}

// A lost stream fails every call in flight per the fail mode (never a quiet clean under
// fail-closed); the next call opens a new stream.
func TestStreamLossFailsInFlightCallsThenReconnects(t *testing.T) {
	for _, closed := range []bool{false, true} {
		t.Run(fmt.Sprintf("failClosed=%v", closed), func(t *testing.T) {
			const inFlight = 5
			opts := []tracehound.Option{tracehound.WithTimeout(30 * time.Second)}
			if closed {
				opts = append(opts, tracehound.WithFailClosed())
			}
			c, err := tracehound.Dial(context.Background(), serveHandler(t, &breakingFake{fake: fake{schema: "1.0.0"}, inFlight: inFlight}), opts...)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			verdicts := make(chan tracehound.Verdict, inFlight)
			for i := 0; i < inFlight; i++ {
				go func() { verdicts <- c.Intercept(context.Background(), unique(high)) }()
			}
			for i := 0; i < inFlight; i++ {
				v := <-verdicts
				if v.Degraded == nil || v.Degraded.Code != "unavailable" {
					t.Fatalf("in-flight call: %+v %+v", v, v.Degraded)
				}
				if want := map[bool]tracehound.Status{false: tracehound.StatusClean, true: tracehound.StatusError}[closed]; v.Status != want {
					t.Fatalf("in-flight call: status %s, want %s", v.Status, want)
				}
			}
			if v := c.Intercept(context.Background(), unique(high)); v.Degraded != nil || v.Status != tracehound.StatusClean {
				t.Fatalf("next call: %+v %+v", v, v.Degraded)
			}
			if got := tracehound.StreamsOpened(c); got != 2 {
				t.Fatalf("%d streams opened, want 2", got)
			}
		})
	}
}

// The unary path stays available.
func TestUnaryInterceptOption(t *testing.T) {
	c := dialUDS(t, tracehound.WithUnaryIntercept())
	if v := c.Intercept(context.Background(), unique(high)); v.Status != tracehound.StatusQuarantined {
		t.Fatalf("got %+v", v)
	}
	if got := tracehound.StreamsOpened(c); got != 0 {
		t.Fatalf("%d streams opened on the unary path", got)
	}
}

var _ tracehoundv1connect.TracehoundServiceHandler = (*breakingFake)(nil)
