// Package tracehound is the Go client of tracehoundd, the Tracehound security-evidence daemon,
// plus the verification kernel (package kernel, re-exported here) that checks the daemon's
// signatures, audit hashes, Merkle proofs and MACs without trusting it.
//
//	c, err := tracehound.Dial(ctx, "") // the daemon's default socket; or "unix:///path", "http://127.0.0.1:7420"
//	defer c.Close()
//	v := c.Intercept(ctx, tracehound.Scent{ID: "req-1", Source: ip, Payload: body,
//		Threat: &tracehound.Threat{Category: tracehound.Injection, Severity: tracehound.High}})
//
// Intercept never fails and never panics: a daemon that is down, slow or refusing gives a verdict
// marked Degraded (clean by default; an error verdict with WithFailClosed).
package tracehound

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"connectrpc.com/connect"
	thv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1"
	"github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1/tracehoundv1connect"
)

// Version is this SDK's version, sent in the handshake.
const Version = "0.1.0"

// SchemaVersion is the tracehound.v1 schema version the generated code comes from; the daemon
// refuses a client whose major version differs.
const SchemaVersion = "1.0.0"

// batchSize is the most scents one InterceptStream request carries (the schema's limit).
const batchSize = 1000

type options struct {
	token        string
	timeout      time.Duration
	callTimeout  time.Duration
	failClosed   bool
	clientName   string
	onDegraded   func(error)
	clientOption []connect.ClientOption
	unary        bool
}

// Option configures Dial.
type Option func(*options)

// WithToken sends "Authorization: Bearer <token>" on every call (the daemon requires it on TCP).
func WithToken(token string) Option { return func(o *options) { o.token = token } }

// WithTimeout sets the deadline of one Intercept or one InterceptMany batch (default 1 s).
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithCallTimeout sets the deadline of every other call, the handshake included (default 5 s).
func WithCallTimeout(d time.Duration) Option { return func(o *options) { o.callTimeout = d } }

// WithFailClosed turns daemon failures into error verdicts (code DaemonUnavailable) instead of
// clean ones; both are marked Degraded. Dial then also fails when the daemon is unreachable.
func WithFailClosed() Option { return func(o *options) { o.failClosed = true } }

// WithClientName names this client in the handshake (default "tracehound-go").
func WithClientName(name string) Option { return func(o *options) { o.clientName = name } }

// WithOnDegraded is called with the cause of every degraded verdict, e.g. to log or count it.
func WithOnDegraded(f func(error)) Option { return func(o *options) { o.onDegraded = f } }

// WithUnaryIntercept makes Intercept one unary Intercept call each, instead of one message on the
// client's long-lived InterceptStream (the default, see stream.go).
func WithUnaryIntercept() Option { return func(o *options) { o.unary = true } }

// WithConnectOptions passes extra connect-go client options (interceptors, compression…).
func WithConnectOptions(opts ...connect.ClientOption) Option {
	return func(o *options) { o.clientOption = append(o.clientOption, opts...) }
}

// Client talks to one tracehoundd over the gRPC protocol. It is safe for concurrent use.
type Client struct {
	opts      options
	transport *http.Transport
	service   tracehoundv1connect.TracehoundServiceClient
	admin     tracehoundv1connect.AdminServiceClient
	baseURL   string
	http      connect.HTTPClient
	mux       *interceptMux // nil with WithUnaryIntercept

	mu        sync.Mutex
	handshake *thv1.HandshakeResponse
	attempt   *handshakeAttempt // in flight, if any
}

// Dial connects to tracehoundd at "unix:///path/to.sock" or "http://127.0.0.1:7420" ("" is the
// daemon's default socket, DefaultSocketPath) and runs the version handshake. A schema skew is an error. An unreachable daemon is not, in the default
// fail-open mode: the client is returned and the handshake is retried before the next call.
func Dial(ctx context.Context, address string, opts ...Option) (*Client, error) {
	o := options{timeout: time.Second, callTimeout: 5 * time.Second, clientName: "tracehound-go"}
	for _, opt := range opts {
		opt(&o)
	}
	transport, baseURL, err := transportFor(address)
	if err != nil {
		return nil, err
	}
	var httpClient connect.HTTPClient = &http.Client{Transport: transport}
	if o.token != "" {
		httpClient = &http.Client{Transport: bearer{token: o.token, next: transport}}
	}
	copts := append([]connect.ClientOption{connect.WithGRPC()}, o.clientOption...)
	c := &Client{
		opts:      o,
		transport: transport,
		baseURL:   baseURL,
		http:      httpClient,
		service:   tracehoundv1connect.NewTracehoundServiceClient(httpClient, baseURL, copts...),
		admin:     tracehoundv1connect.NewAdminServiceClient(httpClient, baseURL, copts...),
	}
	if !o.unary {
		c.mux = &interceptMux{service: c.service}
	}
	hctx, cancel := withDeadline(ctx, o.callTimeout)
	defer cancel()
	if _, err := c.Handshake(hctx); err != nil {
		if connect.CodeOf(err) == connect.CodeFailedPrecondition || o.failClosed {
			transport.CloseIdleConnections()
			return nil, err
		}
	}
	return c, nil
}

// transportFor builds an HTTP/2-cleartext transport for a unix:// or http:// address.
func transportFor(address string) (*http.Transport, string, error) {
	protocols := new(http.Protocols)
	protocols.SetUnencryptedHTTP2(true)
	t := &http.Transport{Protocols: protocols, MaxIdleConns: 16, IdleConnTimeout: 90 * time.Second}
	if address == "" {
		address = "unix://" + DefaultSocketPath()
	}
	switch {
	case strings.HasPrefix(address, "unix://"):
		path := strings.TrimPrefix(address, "unix://")
		if path == "" {
			return nil, "", fmt.Errorf("tracehound: %q has no socket path", address)
		}
		var d net.Dialer
		t.DialContext = func(ctx context.Context, _, _ string) (net.Conn, error) {
			return d.DialContext(ctx, "unix", path)
		}
		return t, "http://localhost", nil
	case strings.HasPrefix(address, "http://"):
		u, err := url.Parse(address)
		if err != nil || u.Host == "" {
			return nil, "", fmt.Errorf("tracehound: bad address %q", address)
		}
		return t, strings.TrimSuffix(address, "/"), nil
	}
	return nil, "", fmt.Errorf("tracehound: address %q must start with unix:// or http://", address)
}

type bearer struct {
	token string
	next  http.RoundTripper
}

func (b bearer) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Authorization", "Bearer "+b.token)
	return b.next.RoundTrip(r)
}

// withDeadline applies d unless ctx already ends sooner.
func withDeadline(ctx context.Context, d time.Duration) (context.Context, context.CancelFunc) {
	if deadline, ok := ctx.Deadline(); ok && time.Until(deadline) <= d {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, d)
}

// Handshake agrees on the schema version (once; later calls return the first answer). A daemon
// with another major schema version fails with connect.CodeFailedPrecondition. Concurrent callers
// share one attempt, and each waits no longer than its own ctx allows; a failed attempt is retried
// by the next call.
func (c *Client) Handshake(ctx context.Context) (*thv1.HandshakeResponse, error) {
	c.mu.Lock()
	if c.handshake != nil {
		defer c.mu.Unlock()
		return c.handshake, nil
	}
	attempt := c.attempt
	if attempt == nil {
		attempt = &handshakeAttempt{done: make(chan struct{})}
		c.attempt = attempt
		go c.runHandshake(attempt)
	}
	c.mu.Unlock()
	select {
	case <-attempt.done:
		return attempt.res, attempt.err
	case <-ctx.Done():
		return nil, contextError(ctx)
	}
}

type handshakeAttempt struct {
	done chan struct{}
	res  *thv1.HandshakeResponse
	err  error
}

// runHandshake runs one attempt under the call timeout, detached from any one caller's ctx.
func (c *Client) runHandshake(a *handshakeAttempt) {
	ctx, cancel := context.WithTimeout(context.Background(), c.opts.callTimeout)
	defer cancel()
	res, err := c.service.Handshake(ctx, connect.NewRequest(&thv1.HandshakeRequest{
		ClientName: c.opts.clientName, ClientVersion: Version, SchemaVersion: SchemaVersion,
	}))
	c.mu.Lock()
	if err == nil {
		a.res, c.handshake = res.Msg, res.Msg
	} else {
		a.err = err
	}
	c.attempt = nil
	c.mu.Unlock()
	close(a.done)
}

// contextError is ctx's end as a connect error, so it maps to a code like any call failure.
func contextError(ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return connect.NewError(connect.CodeDeadlineExceeded, ctx.Err())
	}
	return connect.NewError(connect.CodeCanceled, ctx.Err())
}

// failed turns a call failure into a verdict per the fail mode.
func (c *Client) failed(err error) Verdict {
	code := connect.CodeOf(err)
	if code == connect.CodeInvalidArgument { // the daemon refused the scent itself: the caller's error
		return Verdict{Status: StatusError, Error: clientError(ScentInvalid, message(err))}
	}
	if c.opts.onDegraded != nil {
		c.opts.onDegraded(err)
	}
	d := &Degraded{Code: code.String(), Message: message(err), Err: err}
	if !c.opts.failClosed {
		return Verdict{Status: StatusClean, Degraded: d}
	}
	return Verdict{Status: StatusError, Degraded: d, Error: clientError(DaemonUnavailable, err.Error())}
}

func message(err error) string {
	var ce *connect.Error
	if errors.As(err, &ce) {
		return ce.Message()
	}
	return err.Error()
}

// Intercept asks the daemon for a verdict on one scent. It never returns an error and never
// panics: failures become verdicts (see Verdict.Degraded).
func (c *Client) Intercept(ctx context.Context, s Scent) (v Verdict) {
	defer func() {
		if r := recover(); r != nil {
			v = c.failed(connect.NewError(connect.CodeInternal, fmt.Errorf("tracehound: panic: %v", r)))
		}
	}()
	w, err := scentToWire(s, time.Now().UnixMilli())
	if err != nil {
		return serializationError(err)
	}
	ctx, cancel := withDeadline(ctx, c.opts.timeout)
	defer cancel()
	if _, err := c.Handshake(ctx); err != nil {
		return c.failed(err)
	}
	if c.mux != nil {
		verdicts, err := c.mux.call(ctx, []*thv1.Scent{w})
		if err != nil {
			return c.failed(err)
		}
		return verdictFromWire(verdicts[0])
	}
	res, err := c.service.Intercept(ctx, connect.NewRequest(&thv1.InterceptRequest{Scent: w}))
	if err != nil {
		return c.failed(err)
	}
	return verdictFromWire(res.Msg.GetVerdict())
}

// InterceptMany judges scents over one InterceptStream call, up to 1000 per request message, and
// returns the verdicts in scent order. Like Intercept it never fails: a failed batch gives
// degraded verdicts for its scents.
func (c *Client) InterceptMany(ctx context.Context, scents []Scent) (out []Verdict) {
	out = make([]Verdict, len(scents))
	defer func() {
		if r := recover(); r != nil {
			v := c.failed(connect.NewError(connect.CodeInternal, fmt.Errorf("tracehound: panic: %v", r)))
			for i := range out {
				if out[i].Status == "" {
					out[i] = v
				}
			}
		}
	}()
	now := time.Now().UnixMilli()
	// Scents whose payload cannot be sent are answered locally; the rest go in batches.
	var batches [][]*thv1.Scent
	var slots [][]int
	for i, s := range scents {
		w, err := scentToWire(s, now)
		if err != nil {
			out[i] = serializationError(err)
			continue
		}
		if n := len(batches); n == 0 || len(batches[n-1]) == batchSize {
			batches, slots = append(batches, nil), append(slots, nil)
		}
		n := len(batches) - 1
		batches[n], slots[n] = append(batches[n], w), append(slots[n], i)
	}
	if len(batches) == 0 {
		return out
	}
	fail := func(from int, err error) []Verdict {
		v := c.failed(err)
		for _, b := range slots[from:] {
			for _, i := range b {
				out[i] = v
			}
		}
		return out
	}
	ctx, cancel := withDeadline(ctx, c.opts.timeout*time.Duration(len(batches)))
	defer cancel()
	if _, err := c.Handshake(ctx); err != nil {
		return fail(0, err)
	}
	stream := c.service.InterceptStream(ctx)
	defer stream.CloseResponse() //nolint:errcheck // the verdicts are already read
	for b, batch := range batches {
		if err := stream.Send(&thv1.InterceptStreamRequest{Scents: batch}); err != nil {
			_, rerr := stream.Receive() // the real cause, when the server already answered
			return fail(b, errors.Join(rerr, err))
		}
		res, err := stream.Receive()
		if err != nil {
			return fail(b, err)
		}
		if len(res.GetVerdicts()) != len(batch) {
			return fail(b, connect.NewError(connect.CodeDataLoss, errors.New("daemon answered a batch only in part")))
		}
		for k, v := range res.GetVerdicts() {
			out[slots[b][k]] = verdictFromWire(v)
		}
	}
	_ = stream.CloseRequest()
	return out
}

// Service is the generated TracehoundService client, for every other call (proofs, stats…).
func (c *Client) Service() tracehoundv1connect.TracehoundServiceClient { return c.service }

// Admin is the generated AdminService client (ReloadConfig, GetConfig, WatchEvents).
func (c *Client) Admin() tracehoundv1connect.AdminServiceClient { return c.admin }

// HTTPClient and BaseURL let other generated clients (e.g. grpc.health.v1) share the connection.
func (c *Client) HTTPClient() connect.HTTPClient { return c.http }

// BaseURL is the base URL generated clients take alongside HTTPClient.
func (c *Client) BaseURL() string { return c.baseURL }

// Close ends the intercept stream (Intercepts in flight on it fail per the fail mode) and releases
// the client's idle connections. Other calls in flight finish; the client must not be used
// afterwards.
func (c *Client) Close() error {
	if c.mux != nil {
		c.mux.close()
	}
	c.transport.CloseIdleConnections()
	return nil
}
