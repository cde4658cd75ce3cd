package dev.tracehound.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tracehound.v1.ScentOuterClass;
import tracehound.v1.TracehoundServiceGrpc;
import tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest;
import tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse;
import tracehound.v1.VerdictOuterClass;

/**
 * The default intercept path: one long-lived InterceptStream per client, every call one request
 * message with its own request_id and one response back (the daemon answers in request order; calls
 * are matched by id). Each call keeps its own deadline. A lost stream fails every call in flight
 * with the stream's status, which the client turns into a verdict per its fail mode exactly as for
 * a unary call; the next call opens a new stream (at once after one loss, then after a backoff of
 * 50 ms doubling to 2 s while losses repeat).
 */
final class InterceptMux implements AutoCloseable {
  private static final long BACKOFF_FIRST_MS = 50;
  private static final long BACKOFF_MAX_MS = 2000;

  private final TracehoundServiceGrpc.TracehoundServiceStub stub;
  private final ScheduledExecutorService timers;
  private final AtomicLong nextId = new AtomicLong();
  private Stream current; // guarded by this
  private int losses; // guarded by this
  private long retryAtNanos; // guarded by this
  private StatusRuntimeException lastLoss; // guarded by this
  private long opened; // guarded by this

  InterceptMux(TracehoundServiceGrpc.TracehoundServiceStub stub) {
    this.stub = stub;
    this.timers =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "tracehound-deadlines");
              t.setDaemon(true);
              return t;
            });
  }

  private final class Stream
      implements ClientResponseObserver<InterceptStreamRequest, InterceptStreamResponse> {
    final Map<Long, CompletableFuture<List<VerdictOuterClass.Verdict>>> calls =
        new ConcurrentHashMap<>();
    ClientCallStreamObserver<InterceptStreamRequest> requests;
    boolean dead; // guarded by InterceptMux.this

    @Override
    public void beforeStart(ClientCallStreamObserver<InterceptStreamRequest> requestStream) {
      this.requests = requestStream;
    }

    @Override
    public void onNext(InterceptStreamResponse res) {
      synchronized (InterceptMux.this) {
        losses = 0;
      }
      CompletableFuture<List<VerdictOuterClass.Verdict>> call = calls.remove(res.getRequestId());
      if (call == null) return; // its deadline expired
      if (res.hasError()) {
        Status.Code code = Status.fromCodeValue(res.getError().getCode()).getCode();
        if (code == Status.Code.OK) code = Status.Code.UNKNOWN;
        call.completeExceptionally(
            Status.fromCode(code)
                .withDescription(res.getError().getMessage())
                .asRuntimeException());
      } else {
        call.complete(res.getVerdictsList());
      }
    }

    @Override
    public void onError(Throwable t) {
      lost(this, Status.fromThrowable(t).asRuntimeException(), true);
    }

    @Override
    public void onCompleted() {
      lost(
          this,
          Status.UNAVAILABLE
              .withDescription("the daemon ended the intercept stream")
              .asRuntimeException(),
          true);
    }
  }

  /** The verdicts of one request, or the status a unary Intercept would fail with. */
  CompletableFuture<List<VerdictOuterClass.Verdict>> call(
      List<ScentOuterClass.Scent> scents, long deadlineMs) {
    CompletableFuture<List<VerdictOuterClass.Verdict>> out = new CompletableFuture<>();
    Stream s;
    long id = nextId.incrementAndGet();
    synchronized (this) {
      if (current == null) {
        if (System.nanoTime() - retryAtNanos < 0) {
          out.completeExceptionally(lastLoss);
          return out;
        }
        current = new Stream();
        opened++;
        stub.interceptStream(current);
      }
      s = current;
      if (s == null) { // the stream failed as it opened (e.g. a closed channel)
        out.completeExceptionally(lastLoss);
        return out;
      }
      s.calls.put(id, out);
    }
    ScheduledFuture<?> timer =
        timers.schedule(
            () -> {
              // A late answer to this id is dropped; the other calls on the stream go on.
              if (s.calls.remove(id) != null) {
                out.completeExceptionally(
                    Status.DEADLINE_EXCEEDED
                        .withDescription("the deadline expired before the daemon answered")
                        .asRuntimeException());
              }
            },
            deadlineMs,
            TimeUnit.MILLISECONDS);
    out.whenComplete((v, e) -> timer.cancel(false));
    InterceptStreamRequest req =
        InterceptStreamRequest.newBuilder().setRequestId(id).addAllScents(scents).build();
    synchronized (s) { // a StreamObserver is not thread-safe
      try {
        s.requests.onNext(req);
      } catch (RuntimeException e) {
        lost(s, Status.fromThrowable(e).asRuntimeException(), true);
      }
    }
    return out.thenApply(
        v -> {
          if (v.size() != scents.size())
            throw Status.DATA_LOSS
                .withDescription("daemon answered a batch only in part")
                .asRuntimeException();
          return v;
        });
  }

  synchronized long opened() {
    return opened;
  }

  private void lost(Stream s, StatusRuntimeException e, boolean counted) {
    synchronized (this) {
      if (s.dead) return;
      s.dead = true;
      if (current == s) current = null;
      if (counted) {
        losses++;
        lastLoss = e;
        retryAtNanos =
            System.nanoTime()
                + (losses < 2
                    ? 0
                    : TimeUnit.MILLISECONDS.toNanos(
                        Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS << Math.min(losses - 2, 10))));
      }
    }
    for (Long id : s.calls.keySet()) {
      CompletableFuture<List<VerdictOuterClass.Verdict>> call = s.calls.remove(id);
      if (call != null) call.completeExceptionally(e);
    }
    synchronized (s) {
      try {
        s.requests.cancel("intercept stream lost", e);
      } catch (RuntimeException ignored) {
        // already ended
      }
    }
  }

  @Override
  public void close() {
    Stream s;
    synchronized (this) {
      s = current;
    }
    if (s != null)
      lost(s, Status.CANCELLED.withDescription("client closed").asRuntimeException(), false);
    timers.shutdownNow();
  }
}
