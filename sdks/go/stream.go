package tracehound

import (
	"context"
	"errors"
	"io"
	"sync"
	"time"

	"connectrpc.com/connect"
	thv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1"
	"github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1/tracehoundv1connect"
)

// The default Intercept path: one long-lived InterceptStream per client, every call one request
// message with its own request_id and one response message back (the daemon answers in request
// order; calls are matched by id). Each call keeps its own deadline. A lost stream fails every
// call in flight with the stream's error, which the caller turns into a verdict per its fail mode
// exactly as for a unary call; the next call opens a new stream (at once after one loss, then
// after a backoff of 50 ms doubling to 2 s while losses repeat).

const (
	backoffFirst = 50 * time.Millisecond
	backoffMax   = 2 * time.Second
	// outboxSize bounds requests waiting for the sender; a caller beyond it waits within its deadline.
	outboxSize = 256
)

type muxResult struct {
	verdicts []*thv1.Verdict
	err      error
}

type muxStream struct {
	bidi   *connect.BidiStreamForClient[thv1.InterceptStreamRequest, thv1.InterceptStreamResponse]
	cancel context.CancelFunc
	outbox chan *thv1.InterceptStreamRequest
	done   chan struct{} // closed when the stream is lost
	calls  map[uint64]chan muxResult
	dead   bool
}

type interceptMux struct {
	service tracehoundv1connect.TracehoundServiceClient

	mu       sync.Mutex
	cur      *muxStream
	nextID   uint64
	losses   int
	retryAt  time.Time
	lastLoss error
	opened   uint64 // streams opened so far, for tests
}

// call sends scents as one request on the shared stream and waits for its answer or ctx's end.
func (m *interceptMux) call(ctx context.Context, scents []*thv1.Scent) ([]*thv1.Verdict, error) {
	s, id, ch, err := m.register()
	if err != nil {
		return nil, err
	}
	select {
	case s.outbox <- &thv1.InterceptStreamRequest{RequestId: id, Scents: scents}:
	case <-s.done:
	case <-ctx.Done():
		m.forget(s, id)
		return nil, contextError(ctx)
	}
	select {
	case r := <-ch:
		if r.err == nil && len(r.verdicts) != len(scents) {
			return nil, connect.NewError(connect.CodeDataLoss, errors.New("daemon answered a batch only in part"))
		}
		return r.verdicts, r.err
	case <-ctx.Done():
		// A late answer to this id is dropped; the other calls on the stream go on.
		m.forget(s, id)
		return nil, contextError(ctx)
	}
}

func (m *interceptMux) register() (*muxStream, uint64, chan muxResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.cur == nil {
		if time.Now().Before(m.retryAt) {
			return nil, 0, nil, m.lastLoss
		}
		m.cur = m.open()
	}
	m.nextID++
	ch := make(chan muxResult, 1)
	m.cur.calls[m.nextID] = ch
	return m.cur, m.nextID, ch, nil
}

func (m *interceptMux) forget(s *muxStream, id uint64) {
	m.mu.Lock()
	delete(s.calls, id)
	m.mu.Unlock()
}

// open starts a stream with its sender and receiver goroutines; m.mu is held.
func (m *interceptMux) open() *muxStream {
	m.opened++
	ctx, cancel := context.WithCancel(context.Background())
	s := &muxStream{
		bidi:   m.service.InterceptStream(ctx),
		cancel: cancel,
		outbox: make(chan *thv1.InterceptStreamRequest, outboxSize),
		done:   make(chan struct{}),
		calls:  make(map[uint64]chan muxResult),
	}
	go m.send(s)
	go m.receive(s)
	return s
}

func (m *interceptMux) send(s *muxStream) {
	for {
		select {
		case req := <-s.outbox:
			if err := s.bidi.Send(req); err != nil {
				// io.EOF: the daemon ended the stream; receive reports why.
				if !errors.Is(err, io.EOF) {
					m.lost(s, err, true)
				}
				return
			}
		case <-s.done:
			return
		}
	}
}

func (m *interceptMux) receive(s *muxStream) {
	for {
		res, err := s.bidi.Receive()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = connect.NewError(connect.CodeUnavailable, errors.New("the daemon ended the intercept stream"))
			}
			m.lost(s, err, true)
			return
		}
		r := muxResult{verdicts: res.GetVerdicts()}
		if e := res.GetError(); e != nil {
			code := connect.Code(e.GetCode())
			if code < connect.CodeCanceled || code > connect.CodeUnauthenticated {
				code = connect.CodeUnknown
			}
			r = muxResult{err: connect.NewError(code, errors.New(e.GetMessage()))}
		}
		m.mu.Lock()
		m.losses = 0
		ch := s.calls[res.GetRequestId()]
		delete(s.calls, res.GetRequestId())
		m.mu.Unlock()
		if ch != nil {
			ch <- r
		}
	}
}

// lost fails the stream's calls in flight with err; counted losses delay the next reconnect.
func (m *interceptMux) lost(s *muxStream, err error, counted bool) {
	m.mu.Lock()
	if s.dead {
		m.mu.Unlock()
		return
	}
	s.dead = true
	close(s.done)
	for id, ch := range s.calls {
		ch <- muxResult{err: err}
		delete(s.calls, id)
	}
	if m.cur == s {
		m.cur = nil
	}
	if counted {
		m.losses++
		m.lastLoss = err
		m.retryAt = time.Time{}
		if m.losses >= 2 {
			m.retryAt = time.Now().Add(min(backoffMax, backoffFirst<<min(m.losses-2, 10)))
		}
	}
	m.mu.Unlock()
	s.cancel()
}

// close ends the current stream; its calls in flight fail with Canceled.
func (m *interceptMux) close() {
	m.mu.Lock()
	s := m.cur
	m.mu.Unlock()
	if s != nil {
		m.lost(s, connect.NewError(connect.CodeCanceled, errors.New("client closed")), false)
	}
}
