package dev.tracehound.client;

import static org.junit.jupiter.api.Assertions.*;

import dev.tracehound.kernel.Kernel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tracehound.v1.ScentOuterClass;
import tracehound.v1.TracehoundServiceGrpc;
import tracehound.v1.TracehoundServiceOuterClass.HandshakeRequest;
import tracehound.v1.TracehoundServiceOuterClass.HandshakeResponse;
import tracehound.v1.TracehoundServiceOuterClass.InterceptStreamRequest;
import tracehound.v1.TracehoundServiceOuterClass.InterceptStreamResponse;
import tracehound.v1.VerdictOuterClass;

/**
 * The default intercept path (one long-lived InterceptStream, calls matched by request_id): against
 * the real tracehoundd, and against an in-process grpc-java server for what the daemon will not do
 * on demand (answer one call late, drop the stream with calls in flight).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientStreamTest {
  Daemon daemon;
  TracehoundClient client;

  @BeforeAll
  void start() throws Exception {
    daemon = Daemon.start(List.of("--log-level", "info"), null);
    client =
        TracehoundClient.builder()
            .unixSocket(daemon.socket)
            .deadline(Duration.ofSeconds(30))
            .build();
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) client.close();
    if (daemon != null) daemon.close();
  }

  static Scent threat(Object payload) {
    return Scent.threat(
        "scent-" + UUID.randomUUID(),
        "src-" + UUID.randomUUID(),
        1_700_000_000_000L,
        payload,
        Category.INJECTION,
        Severity.HIGH);
  }

  @Test
  void concurrentCallsAreMatchedById() throws Exception {
    List<Map<String, Object>> payloads = new ArrayList<>();
    List<CompletableFuture<Verdict>> verdicts = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      Map<String, Object> p = Map.of("n", i, "u", UUID.randomUUID().toString());
      payloads.add(p);
      verdicts.add(CompletableFuture.supplyAsync(() -> client.intercept(threat(p))));
    }
    for (int i = 0; i < payloads.size(); i++) {
      Verdict.Quarantined q = assertInstanceOf(Verdict.Quarantined.class, verdicts.get(i).get());
      assertEquals(Kernel.signature("injection", payloads.get(i)), q.handle().signature());
    }
    assertEquals(1, client.interceptMux().opened());
  }

  @Test
  void aBadScentFailsOnlyItsCall() throws Exception {
    ScentOuterClass.Scent bad =
        ScentOuterClass.Scent.newBuilder()
            .setId("bad")
            .setSource("s")
            .setThreat(
                ScentOuterClass.ThreatSignal.newBuilder()
                    .setSeverity(ScentOuterClass.Severity.SEVERITY_HIGH))
            .build();
    long before = client.interceptMux().opened();
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> client.interceptMux().call(List.of(bad), 30_000).get());
    assertEquals(Status.Code.INVALID_ARGUMENT, Status.fromThrowable(e).getCode());
    assertInstanceOf(
        Verdict.Quarantined.class,
        client.intercept(threat(Map.of("after", UUID.randomUUID().toString()))));
    assertEquals(before, client.interceptMux().opened());
  }

  @Test
  void theUnaryPathStaysAvailable() {
    try (TracehoundClient unary =
        TracehoundClient.builder().unixSocket(daemon.socket).unaryIntercept().build()) {
      assertInstanceOf(
          Verdict.Quarantined.class,
          unary.intercept(threat(Map.of("unary", UUID.randomUUID().toString()))));
      assertNull(unary.interceptMux());
    }
  }

  // ---- against a fake daemon ------------------------------------------------------------------

  static final VerdictOuterClass.Verdict CLEAN =
      VerdictOuterClass.Verdict.newBuilder()
          .setClean(VerdictOuterClass.Verdict.Clean.getDefaultInstance())
          .build();

  /**
   * Answers a scent with id "slow" only once release opens; drops its first stream after dropAfter
   * requests.
   */
  static final class Fake extends TracehoundServiceGrpc.TracehoundServiceImplBase {
    final CountDownLatch release = new CountDownLatch(1);
    final CountDownLatch lateSent = new CountDownLatch(1);
    final int dropAfter;
    final AtomicInteger streams = new AtomicInteger();

    Fake(int dropAfter) {
      this.dropAfter = dropAfter;
    }

    @Override
    public void handshake(HandshakeRequest req, StreamObserver<HandshakeResponse> out) {
      out.onNext(
          HandshakeResponse.newBuilder()
              .setServerName("fake")
              .setSchemaVersion("1.0.0")
              .setCompatible(true)
              .build());
      out.onCompleted();
    }

    @Override
    public StreamObserver<InterceptStreamRequest> interceptStream(
        StreamObserver<InterceptStreamResponse> out) {
      boolean first = streams.incrementAndGet() == 1;
      AtomicInteger held = new AtomicInteger();
      return new StreamObserver<>() {
        public void onNext(InterceptStreamRequest req) {
          if (first && dropAfter > 0) {
            if (held.incrementAndGet() == dropAfter)
              out.onError(
                  Status.UNAVAILABLE.withDescription("daemon going away").asRuntimeException());
            return;
          }
          InterceptStreamResponse res =
              InterceptStreamResponse.newBuilder()
                  .setRequestId(req.getRequestId())
                  .addVerdicts(CLEAN)
                  .build();
          if (req.getScents(0).getId().equals("slow")) {
            new Thread(
                    () -> {
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        return;
                      }
                      synchronized (out) {
                        out.onNext(res);
                      }
                      lateSent.countDown();
                    })
                .start();
            return;
          }
          synchronized (out) {
            out.onNext(res);
          }
        }

        public void onError(Throwable t) {}

        public void onCompleted() {
          out.onCompleted();
        }
      };
    }
  }

  static Server serve(Fake fake, Path socket) throws Exception {
    EpollEventLoopGroup group = new EpollEventLoopGroup(1);
    return NettyServerBuilder.forAddress(new DomainSocketAddress(socket.toString()))
        .channelType(EpollServerDomainSocketChannel.class)
        .bossEventLoopGroup(group)
        .workerEventLoopGroup(group)
        .addService(fake)
        .build()
        .start();
  }

  @Test
  void oneCallPastItsDeadlineLeavesTheStreamServing() throws Exception {
    Path sock = Files.createTempDirectory("th-fake").resolve("fake.sock");
    Fake fake = new Fake(0);
    Server server = serve(fake, sock);
    try (TracehoundClient c =
        TracehoundClient.builder().unixSocket(sock).deadline(Duration.ofMillis(200)).build()) {
      Verdict slow =
          c.intercept(Scent.threat("slow", "s", 1, 1, Category.INJECTION, Severity.HIGH));
      Verdict.Clean degraded = assertInstanceOf(Verdict.Clean.class, slow);
      assertEquals("DEADLINE_EXCEEDED", degraded.degraded().code());
      assertEquals(new Verdict.Clean(null), c.intercept(threat(1)));
      fake.release.countDown();
      assertTrue(fake.lateSent.await(30, TimeUnit.SECONDS));
      assertEquals(new Verdict.Clean(null), c.intercept(threat(2)));
      assertEquals(1, c.interceptMux().opened());
      assertEquals(1, fake.streams.get());
    } finally {
      server.shutdownNow();
    }
  }

  @ParameterizedTest
  @EnumSource(FailMode.class)
  void aLostStreamFailsCallsInFlightThenReconnects(FailMode mode) throws Exception {
    Path sock = Files.createTempDirectory("th-fake").resolve("fake.sock");
    int inFlight = 4;
    Server server = serve(new Fake(inFlight), sock);
    try (TracehoundClient c =
        TracehoundClient.builder()
            .unixSocket(sock)
            .deadline(Duration.ofSeconds(30))
            .failMode(mode)
            .build()) {
      List<CompletableFuture<Verdict>> calls = new ArrayList<>();
      for (int i = 0; i < inFlight; i++) calls.add(c.interceptAsync(threat(i)));
      for (CompletableFuture<Verdict> f : calls) {
        Verdict v = f.get();
        if (mode == FailMode.OPEN) {
          assertEquals("UNAVAILABLE", assertInstanceOf(Verdict.Clean.class, v).degraded().code());
        } else {
          assertEquals("UNAVAILABLE", assertInstanceOf(Verdict.Error.class, v).degraded().code());
        }
      }
      assertEquals(new Verdict.Clean(null), c.intercept(threat("after")));
      assertEquals(2, c.interceptMux().opened());
    } finally {
      server.shutdownNow();
    }
  }
}
