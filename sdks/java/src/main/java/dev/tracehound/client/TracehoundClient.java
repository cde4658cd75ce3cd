package dev.tracehound.client;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import io.grpc.stub.StreamObserver;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import tracehound.v1.ClientError.ClientErrorCode;
import tracehound.v1.ScentOuterClass;
import tracehound.v1.TracehoundServiceGrpc;
import tracehound.v1.TracehoundServiceOuterClass.GetConsistencyProofRequest;
import tracehound.v1.TracehoundServiceOuterClass.GetEvidenceRequest;
import tracehound.v1.TracehoundServiceOuterClass.GetEvidenceResponse;
import tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofRequest;
import tracehound.v1.TracehoundServiceOuterClass.GetInclusionProofResponse;
import tracehound.v1.TracehoundServiceOuterClass.GetStatsRequest;
import tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse;
import tracehound.v1.TracehoundServiceOuterClass.GetTreeHeadRequest;
import tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest;
import tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse;
import tracehound.v1.TracehoundServiceOuterClass.InterceptRequest;
import tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest;
import tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse;
import tracehound.v1.TracehoundServiceOuterClass.ListQuarantineRequest;
import tracehound.v1.TracehoundServiceOuterClass.ListQuarantineResponse;
import tracehound.v1.TracehoundServiceOuterClass.NeutralizeRequest;
import tracehound.v1.TracehoundServiceOuterClass.NeutralizeResponse;
import tracehound.v1.VerdictOuterClass;

/**
 * Client of tracehoundd over gRPC (Netty): a Unix socket (epoll, Linux) or TCP.
 *
 * <pre>{@code
 * try (TracehoundClient th = TracehoundClient.builder().build()) {
 *   Verdict v = th.intercept(Scent.threat("req-1", "203.0.113.7", now, payload, Category.INJECTION, Severity.HIGH));
 *   if (v.blocks()) response.sendError(403); // your framework's reject
 * }
 * }</pre>
 *
 * <p>Thread-safe: share one client (one HTTP/2 connection) per daemon and process.
 *
 * <p>{@link #intercept}, {@link #interceptAsync} and {@link #interceptMany} never throw into the
 * request path: a daemon that is down, slow or refusing gives a {@linkplain Verdict#isDegraded()
 * degraded} verdict ({@link FailMode}). Every other call throws {@link TracehoundException}.
 */
public final class TracehoundClient implements AutoCloseable {
  /**
   * Version of the tracehound.v1 schema this client was generated from; Handshake compares majors.
   */
  public static final String SCHEMA_VERSION = "1.0.0";

  public static final String CLIENT_VERSION = "0.1.0";
  private static final int BATCH = 1000;
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ManagedChannel channel;
  private final EventLoopGroup eventLoop;
  private final TracehoundServiceGrpc.TracehoundServiceBlockingStub blocking;
  private final TracehoundServiceGrpc.TracehoundServiceFutureStub future;
  private final TracehoundServiceGrpc.TracehoundServiceStub async;
  private final long deadlineMs;
  private final long callDeadlineMs;
  private final FailMode failMode;
  private final Consumer<Verdict.Degraded> onDegraded;
  private final HandshakeRequest hello;
  private final AtomicReference<CompletableFuture<HandshakeResponse>> handshake =
      new AtomicReference<>();
  private final InterceptMux mux; // null on the unary path

  private TracehoundClient(Builder b, ManagedChannel channel, EventLoopGroup eventLoop) {
    this.channel = channel;
    this.eventLoop = eventLoop;
    this.blocking = TracehoundServiceGrpc.newBlockingStub(channel);
    this.future = TracehoundServiceGrpc.newFutureStub(channel);
    this.async = TracehoundServiceGrpc.newStub(channel);
    this.deadlineMs = b.deadline.toMillis();
    this.callDeadlineMs = b.callDeadline.toMillis();
    this.failMode = b.failMode;
    this.onDegraded = b.onDegraded;
    this.mux = b.unaryIntercept ? null : new InterceptMux(async);
    this.hello =
        HandshakeRequest.newBuilder()
            .setClientName(b.clientName)
            .setClientVersion(CLIENT_VERSION)
            .setSchemaVersion(b.schemaVersion)
            .build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The gRPC channel, for the generated stubs of other services (admin, health, conformance). */
  public Channel channel() {
    return channel;
  }

  /** The daemon's handshake answer; runs the handshake now if it has not succeeded yet. */
  public HandshakeResponse handshake() {
    try {
      return handshakeFuture().get(callDeadlineMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw failure("handshake", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("handshake", e);
    }
  }

  /** Judges one scent; never throws. */
  public Verdict intercept(Scent scent) {
    try {
      ScentOuterClass.Scent wire = Wire.scent(scent);
      handshakeFuture()
          .get(deadlineMs, TimeUnit.MILLISECONDS); // done after the first call: no wait
      if (mux != null) return Wire.verdict(mux.call(List.of(wire), deadlineMs).get().get(0));
      InterceptRequest req = InterceptRequest.newBuilder().setScent(wire).build();
      return Wire.verdict(
          blocking
              .withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
              .intercept(req)
              .getVerdict());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(e);
    } catch (Throwable t) {
      return failed(t);
    }
  }

  /** Judges one scent asynchronously; the future never completes exceptionally. */
  public CompletableFuture<Verdict> interceptAsync(Scent scent) {
    try {
      ScentOuterClass.Scent wire = Wire.scent(scent);
      if (mux != null) {
        return handshakeFuture()
            .copy()
            .orTimeout(deadlineMs, TimeUnit.MILLISECONDS)
            .thenCompose(h -> mux.call(List.of(wire), deadlineMs))
            .thenApply(v -> Wire.verdict(v.get(0)))
            .exceptionally(this::failed);
      }
      InterceptRequest req = InterceptRequest.newBuilder().setScent(wire).build();
      return handshakeFuture()
          .copy()
          .orTimeout(deadlineMs, TimeUnit.MILLISECONDS)
          .thenCompose(
              h ->
                  completable(
                      future.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS).intercept(req)))
          .thenApply(r -> Wire.verdict(r.getVerdict()))
          .exceptionally(this::failed);
    } catch (Throwable t) {
      return CompletableFuture.completedFuture(failed(t));
    }
  }

  /**
   * Judges many scents over one InterceptStream call (batches of 1000); verdicts in scent order;
   * never throws.
   */
  public List<Verdict> interceptMany(List<Scent> scents) {
    Verdict[] out = new Verdict[scents.size()];
    List<Integer> sent = new ArrayList<>();
    List<ScentOuterClass.Scent> wire = new ArrayList<>();
    for (int i = 0; i < out.length; i++) {
      try {
        wire.add(Wire.scent(scents.get(i)));
        sent.add(i);
      } catch (Throwable t) {
        out[i] = failed(t);
      }
    }
    if (!wire.isEmpty()) {
      List<VerdictOuterClass.Verdict> answers;
      try {
        handshakeFuture().get(deadlineMs, TimeUnit.MILLISECONDS);
        answers = stream(wire);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answers = null;
        Verdict v = failed(e);
        for (int i : sent) out[i] = v;
      } catch (Throwable t) {
        answers = null;
        Verdict v = failed(t);
        for (int i : sent) out[i] = v;
      }
      if (answers != null)
        for (int k = 0; k < sent.size(); k++) out[sent.get(k)] = Wire.verdict(answers.get(k));
    }
    return List.of(out);
  }

  private List<VerdictOuterClass.Verdict> stream(List<ScentOuterClass.Scent> wire)
      throws Exception {
    int batches = (wire.size() + BATCH - 1) / BATCH;
    List<InterceptStreamResponse> responses = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> done = new CompletableFuture<>();
    StreamObserver<InterceptStreamRequest> requests =
        async
            .withDeadlineAfter(deadlineMs * batches, TimeUnit.MILLISECONDS)
            .interceptStream(
                new StreamObserver<>() {
                  public void onNext(InterceptStreamResponse r) {
                    responses.add(r);
                  }

                  public void onError(Throwable t) {
                    done.completeExceptionally(t);
                  }

                  public void onCompleted() {
                    done.complete(null);
                  }
                });
    for (int from = 0; from < wire.size(); from += BATCH) {
      requests.onNext(
          InterceptStreamRequest.newBuilder()
              .addAllScents(wire.subList(from, Math.min(wire.size(), from + BATCH)))
              .build());
    }
    requests.onCompleted();
    done.get();
    List<VerdictOuterClass.Verdict> all = new ArrayList<>(wire.size());
    for (InterceptStreamResponse r : responses) all.addAll(r.getVerdictsList());
    if (responses.size() != batches || all.size() != wire.size()) {
      throw Status.DATA_LOSS
          .withDescription("daemon answered a batch only in part")
          .asRuntimeException();
    }
    return all;
  }

  /** Neutralizes quarantined evidence; empty when nothing has that signature. */
  public Optional<Neutralized> neutralize(String signature) {
    try {
      NeutralizeResponse r =
          blocking().neutralize(NeutralizeRequest.newBuilder().setSignature(signature).build());
      return r.hasRecord()
          ? Optional.of(new Neutralized(Wire.auditRecord(r.getRecord()), r.getTreeSize()))
          : Optional.empty();
    } catch (RuntimeException e) {
      if (Status.fromThrowable(e).getCode() == Status.Code.NOT_FOUND) return Optional.empty();
      throw failure("neutralize", e);
    }
  }

  /** The audit record a neutralization appended and the tree size after it. */
  public record Neutralized(AuditRecord record, long treeSize) {}

  /** Quarantined evidence and its MAC-protected record; empty when nothing has that signature. */
  public Optional<Evidence> getEvidence(String signature) {
    try {
      GetEvidenceResponse r =
          blocking().getEvidence(GetEvidenceRequest.newBuilder().setSignature(signature).build());
      if (!r.hasHandle() || !r.hasRecord()) return Optional.empty();
      var w = r.getRecord();
      boolean signed = !w.getMac().isEmpty();
      EvidenceRecord record =
          new EvidenceRecord(
              w.getSignature(),
              w.getHash(),
              w.getSize(),
              Wire.severity(w.getSeverity()),
              w.getCapturedMs(),
              signed ? w.getKid() : null,
              signed ? w.getMac() : null);
      return Optional.of(new Evidence(Wire.handle(r.getHandle()), record));
    } catch (RuntimeException e) {
      if (Status.fromThrowable(e).getCode() == Status.Code.NOT_FOUND) return Optional.empty();
      throw failure("getEvidence", e);
    }
  }

  public record Evidence(EvidenceHandle handle, EvidenceRecord record) {}

  /** Every quarantined item (all pages). */
  public List<EvidenceHandle> listQuarantine() {
    List<EvidenceHandle> all = new ArrayList<>();
    String token = "";
    do {
      ListQuarantineRequest req =
          ListQuarantineRequest.newBuilder().setPageSize(1000).setPageToken(token).build();
      ListQuarantineResponse r = call("listQuarantine", () -> blocking().listQuarantine(req));
      r.getHandlesList().forEach(h -> all.add(Wire.handle(h)));
      token = r.getNextPageToken();
    } while (!token.isEmpty());
    return all;
  }

  public TreeHead getTreeHead() {
    return Wire.treeHead(
        call("getTreeHead", () -> blocking().getTreeHead(GetTreeHeadRequest.getDefaultInstance()))
            .getTreeHead());
  }

  /**
   * Inclusion proof of the record at {@code leafIndex} in the tree of {@code treeSize} (0:
   * current), with the record.
   */
  public InclusionResult getInclusionProof(long leafIndex, long treeSize) {
    GetInclusionProofResponse r =
        call(
            "getInclusionProof",
            () ->
                blocking()
                    .getInclusionProof(
                        GetInclusionProofRequest.newBuilder()
                            .setLeafIndex(leafIndex)
                            .setTreeSize(treeSize)
                            .build()));
    var p = r.getProof();
    return new InclusionResult(
        new InclusionProof(
            p.getLeafIndex(), p.getTreeSize(), p.getLeafHash(), List.copyOf(p.getPathList())),
        r.hasRecord() ? Wire.auditRecord(r.getRecord()) : null);
  }

  public record InclusionResult(InclusionProof proof, AuditRecord record) {}

  /** Consistency proof from {@code firstSize} to {@code secondSize} (0: current). */
  public ConsistencyProof getConsistencyProof(long firstSize, long secondSize) {
    var p =
        call(
                "getConsistencyProof",
                () ->
                    blocking()
                        .getConsistencyProof(
                            GetConsistencyProofRequest.newBuilder()
                                .setFirstSize(firstSize)
                                .setSecondSize(secondSize)
                                .build()))
            .getProof();
    return new ConsistencyProof(p.getFirstSize(), p.getSecondSize(), List.copyOf(p.getPathList()));
  }

  /** The daemon's counters, as the wire message. */
  public GetStatsResponse getStats() {
    return call("getStats", () -> blocking().getStats(GetStatsRequest.getDefaultInstance()));
  }

  /**
   * Checks audit record {@code leafIndex} without trusting the daemon: recomputes its v1 hash and
   * its RFC 9162 leaf hash, and verifies its inclusion proof against the current tree head.
   */
  public boolean verifyAuditRecord(long leafIndex) {
    TreeHead head = getTreeHead();
    InclusionResult r = getInclusionProof(leafIndex, head.treeSize());
    return r.record() != null
        && r.record().hashVerifies()
        && leafOf(r.record()).equals(r.proof().leafHash())
        && r.proof().verifies(head.rootHash());
  }

  private static String leafOf(AuditRecord record) {
    try {
      return record.leafHash();
    } catch (IllegalArgumentException e) {
      return ""; // a malformed record never verifies
    }
  }

  /** The stream path itself (null on the unary path); for tests. */
  InterceptMux interceptMux() {
    return mux;
  }

  @Override
  public void close() {
    if (mux != null) mux.close();
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) channel.shutdownNow();
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
    if (eventLoop != null) eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }

  // ---------------------------------------------------------------------------------------------

  private TracehoundServiceGrpc.TracehoundServiceBlockingStub blocking() {
    return blocking.withDeadlineAfter(callDeadlineMs, TimeUnit.MILLISECONDS);
  }

  private <T> T call(String what, java.util.function.Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (RuntimeException e) {
      throw failure(what, e);
    }
  }

  private static TracehoundException failure(String what, Throwable t) {
    Status s = Status.fromThrowable(t);
    return new TracehoundException(
        s.getCode(),
        what
            + " failed: "
            + s.getCode()
            + (s.getDescription() == null ? "" : ": " + s.getDescription()),
        t);
  }

  private CompletableFuture<HandshakeResponse> handshakeFuture() {
    CompletableFuture<HandshakeResponse> current = handshake.get();
    if (current != null) return current;
    CompletableFuture<HandshakeResponse> mine = new CompletableFuture<>();
    if (!handshake.compareAndSet(null, mine)) return handshake.get();
    ListenableFuture<HandshakeResponse> call =
        future.withDeadlineAfter(callDeadlineMs, TimeUnit.MILLISECONDS).handshake(hello);
    Futures.addCallback(
        call,
        new FutureCallback<>() {
          public void onSuccess(HandshakeResponse r) {
            mine.complete(r);
          }

          public void onFailure(Throwable t) {
            // A schema skew is final; a transport failure is retried on the next call.
            if (Status.fromThrowable(t).getCode() != Status.Code.FAILED_PRECONDITION)
              handshake.compareAndSet(mine, null);
            mine.completeExceptionally(t);
          }
        },
        MoreExecutors.directExecutor());
    return mine;
  }

  private static <T> CompletableFuture<T> completable(ListenableFuture<T> f) {
    CompletableFuture<T> out = new CompletableFuture<>();
    Futures.addCallback(
        f,
        new FutureCallback<>() {
          public void onSuccess(T r) {
            out.complete(r);
          }

          public void onFailure(Throwable t) {
            out.completeExceptionally(t);
          }
        },
        MoreExecutors.directExecutor());
    return out;
  }

  private Verdict failed(Throwable t) {
    Throwable cause =
        t instanceof java.util.concurrent.CompletionException && t.getCause() != null
            ? t.getCause()
            : t;
    Status s =
        cause instanceof TimeoutException
            ? Status.DEADLINE_EXCEEDED.withDescription("no handshake within the deadline")
            : Status.fromThrowable(t);
    if (s.getCode() == Status.Code.INVALID_ARGUMENT) {
      // The daemon rejected the scent itself: the caller's error, whatever the fail mode.
      return ClientErrors.error(
          ClientErrorCode.CLIENT_ERROR_CODE_SCENT_INVALID,
          String.valueOf(s.getDescription()),
          null);
    }
    Verdict.Degraded degraded =
        new Verdict.Degraded(
            s.getCode().name(),
            s.getDescription() != null ? s.getDescription() : String.valueOf(t));
    if (onDegraded != null) {
      try {
        onDegraded.accept(degraded);
      } catch (RuntimeException ignored) {
        // A failing callback must not reach the request path either.
      }
    }
    if (failMode == FailMode.OPEN) return new Verdict.Clean(degraded);
    return ClientErrors.error(
        ClientErrorCode.CLIENT_ERROR_CODE_DAEMON_UNAVAILABLE,
        "tracehoundd unavailable: " + degraded.code() + " " + degraded.message(),
        degraded);
  }

  /** Where and how to connect; {@link #build()} connects and runs the handshake. */
  public static final class Builder {
    private String socketPath;
    private String host;
    private int port;
    private String token;
    private boolean tls;
    private File trustCertificates;
    private Duration deadline = Duration.ofSeconds(1);
    private Duration callDeadline = Duration.ofSeconds(5);
    private FailMode failMode = FailMode.OPEN;
    private String clientName = "tracehound-java";
    private Consumer<Verdict.Degraded> onDegraded;
    private String schemaVersion = SCHEMA_VERSION;
    private boolean unaryIntercept;

    private Builder() {}

    /** Tests only: claim another schema version in the handshake. */
    Builder schemaVersion(String schemaVersion) {
      this.schemaVersion = schemaVersion;
      return this;
    }

    /**
     * A Unix domain socket (Linux, epoll). Without this or {@link #address}, {@link
     * DefaultSocket#path()}.
     */
    public Builder unixSocket(String path) {
      this.socketPath = path;
      return this;
    }

    public Builder unixSocket(Path path) {
      return unixSocket(path.toString());
    }

    /** TCP; the daemon requires a bearer {@link #token} there. */
    public Builder address(String host, int port) {
      this.host = host;
      this.port = port;
      return this;
    }

    /** Bearer token sent as {@code authorization: Bearer …} on every call. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /**
     * TLS on TCP, trusting the JDK's CAs or, when given, the PEM certificates in {@code trustPem}.
     */
    public Builder tls(Path trustPem) {
      this.tls = true;
      this.trustCertificates = trustPem == null ? null : trustPem.toFile();
      return this;
    }

    /** Deadline of one intercept (one interceptMany batch). Default 1 s. */
    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    /** Deadline of every other call, the handshake included. Default 5 s. */
    public Builder callDeadline(Duration callDeadline) {
      this.callDeadline = callDeadline;
      return this;
    }

    /**
     * One unary Intercept call per intercept, instead of one message on the client's long-lived
     * InterceptStream (the default).
     */
    public Builder unaryIntercept() {
      this.unaryIntercept = true;
      return this;
    }

    public Builder failMode(FailMode failMode) {
      this.failMode = failMode;
      return this;
    }

    public Builder clientName(String clientName) {
      this.clientName = clientName;
      return this;
    }

    /** Called for every degraded verdict, e.g. to log or count it. */
    public Builder onDegraded(Consumer<Verdict.Degraded> onDegraded) {
      this.onDegraded = onDegraded;
      return this;
    }

    /**
     * Opens the channel and runs the handshake. A schema-major skew (FAILED_PRECONDITION) throws
     * {@link TracehoundException}; a daemon that is not reachable yet does not (the handshake is
     * retried before the next call, and intercepts fail open meanwhile).
     */
    public TracehoundClient build() {
      if (socketPath != null && host != null)
        throw new IllegalStateException(
            "set one of unixSocket(path) or address(host, port), not both");
      // Neither: the daemon's default socket, found the way tracehoundd picks it.
      if (socketPath == null && host == null) socketPath = DefaultSocket.path();
      NettyChannelBuilder nb;
      EventLoopGroup group = null;
      if (socketPath != null) {
        if (!Epoll.isAvailable()) {
          throw new IllegalStateException(
              "Unix sockets need Netty's epoll transport (Linux): " + Epoll.unavailabilityCause());
        }
        group = new EpollEventLoopGroup(1, new DefaultThreadFactory("tracehound-uds", true));
        nb =
            NettyChannelBuilder.forAddress(new DomainSocketAddress(socketPath))
                .eventLoopGroup(group)
                .channelType(EpollDomainSocketChannel.class)
                .overrideAuthority("localhost")
                .withOption(
                    ChannelOption.SO_KEEPALIVE,
                    null) // grpc sets it for TCP; Unix sockets have none (Netty warns)
                .usePlaintext();
      } else {
        nb = NettyChannelBuilder.forAddress(host, port);
        if (tls) {
          try {
            nb.sslContext(
                trustCertificates == null
                    ? GrpcSslContexts.forClient().build()
                    : GrpcSslContexts.forClient().trustManager(trustCertificates).build());
          } catch (javax.net.ssl.SSLException e) {
            throw new IllegalArgumentException("TLS set-up failed: " + e.getMessage(), e);
          }
        } else {
          nb.usePlaintext();
        }
      }
      if (token != null) nb.intercept(bearer(token));
      TracehoundClient client = new TracehoundClient(this, nb.build(), group);
      try {
        client.handshakeFuture().get(callDeadline.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (Status.fromThrowable(e).getCode() == Status.Code.FAILED_PRECONDITION) {
          client.close();
          throw failure("handshake", e);
        }
      } catch (TimeoutException e) {
        // Not reachable yet: fail open until it is.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return client;
    }
  }

  private static ClientInterceptor bearer(String token) {
    String value = "Bearer " + token;
    return new ClientInterceptor() {
      @Override
      public <Q, A> ClientCall<Q, A> interceptCall(
          MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(
            next.newCall(method, options)) {
          @Override
          public void start(Listener<A> listener, Metadata headers) {
            headers.put(AUTHORIZATION, value);
            super.start(listener, headers);
          }
        };
      }
    };
  }
}
