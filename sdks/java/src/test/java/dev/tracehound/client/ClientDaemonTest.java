package dev.tracehound.client;

import static org.junit.jupiter.api.Assertions.*;

import dev.tracehound.kernel.CanonicalJson;
import dev.tracehound.kernel.Hex;
import dev.tracehound.kernel.Kernel;
import io.grpc.Status;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TracehoundClient against the real tracehoundd, over its Unix socket and over TCP with a bearer
 * token.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientDaemonTest {
  static final String KEY_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
  static final String TOKEN = "java-test-token-0123456789";

  /**
   * The deadline of clients that want the daemon's answer: a loaded machine may delay it well past
   * the 1 s default (the deadline itself is tested against a stopped daemon below).
   */
  static final Duration ANSWER = Duration.ofSeconds(30);

  Daemon daemon;
  int tcpPort;
  TracehoundClient client;

  @BeforeAll
  void start() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      tcpPort = s.getLocalPort();
    }
    Path config = Files.createTempFile("th-java-config", ".json");
    Files.writeString(
        config,
        """
        {"maxPayloadSize": 2000,
         "rateLimit": {"windowMs": 60000, "maxRequests": 40, "blockDurationMs": 0},
         "macKeys": [{"kid": "k1", "key": "%s"}]}"""
            .formatted(KEY_HEX));
    daemon =
        Daemon.start(
            List.of(
                "--config",
                config.toString(),
                "--tcp",
                "127.0.0.1:" + tcpPort,
                "--log-level",
                "info"),
            TOKEN);
    client = TracehoundClient.builder().unixSocket(daemon.socket).deadline(ANSWER).build();
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) client.close();
    if (daemon != null) daemon.close();
  }

  static String source() {
    return "src-" + UUID.randomUUID();
  }

  static Scent threat(Object payload, Category c, Severity s) {
    return Scent.threat("scent-" + UUID.randomUUID(), source(), 1_700_000_000_000L, payload, c, s);
  }

  @Test
  void handshakeAgreesOnTheSchemaMajor() {
    var h = client.handshake();
    assertEquals("1", h.getSchemaVersion().split("\\.")[0]);
    assertTrue(h.getCompatible());
    assertFalse(h.getServerVersion().isEmpty());
  }

  @Test
  void cleanScentIsCleanAndNotDegraded() {
    Verdict v = client.intercept(Scent.clean("c1", source(), 1L, Map.of("path", "/")));
    assertEquals(Verdict.Clean.INSTANCE, v);
    assertFalse(v.isDegraded());
    assertFalse(v.blocks());
  }

  @Test
  void threatIsQuarantinedUnderTheSignatureTheLocalKernelComputes() {
    Map<String, Object> payload =
        Map.of("b", List.of(1, 2.5, "x\u2028"), "a", "' OR 1=1 --", "10", true, "9", 1e21);
    Verdict first = client.intercept(threat(payload, Category.INJECTION, Severity.HIGH));
    Verdict.Quarantined q = assertInstanceOf(Verdict.Quarantined.class, first);
    assertEquals(Kernel.signature("injection", payload), q.handle().signature());
    assertEquals(CanonicalJson.bytes(payload).length, q.handle().size());
    assertEquals(Severity.HIGH, q.handle().severity());
    assertEquals(1_700_000_000_000L, q.handle().capturedMs());
    assertFalse(q.handle().disposed());
    assertTrue(first.blocks());
    // The same payload again, other severity: ignored, the first capture stays.
    Verdict again = client.intercept(threat(payload, Category.INJECTION, Severity.CRITICAL));
    assertEquals(new Verdict.Ignored(q.handle().signature()), again);
    var evidence = client.getEvidence(q.handle().signature()).orElseThrow();
    assertEquals(Severity.HIGH, evidence.handle().severity());
    assertEquals("k1", evidence.record().kid());
    assertTrue(evidence.record().macVerifies(Hex.decode(KEY_HEX)));
    assertFalse(evidence.record().macVerifies(Hex.decode(KEY_HEX.replace('0', '1'))));
  }

  @Test
  void nonFiniteNumbersReachTheEngineWhichRefusesThem() {
    Verdict v = client.intercept(threat(Map.of("v", Double.NaN), Category.SPAM, Severity.LOW));
    Verdict.Error e = assertInstanceOf(Verdict.Error.class, v);
    assertEquals("AGENT_SERIALIZATION_FAILED", e.code());
    assertEquals("agent", e.state());
    assertFalse(v.isDegraded());
    // Without a threat the payload is never inspected.
    assertEquals(
        Verdict.Clean.INSTANCE,
        client.intercept(Scent.clean("n", source(), 1L, List.of(Double.POSITIVE_INFINITY))));
  }

  @Test
  void aPayloadThatIsNotJsonIsTheDaemonsSerializationError() {
    Verdict v = client.intercept(threat(Map.of("when", new Object()), Category.SPAM, Severity.LOW));
    assertEquals("AGENT_SERIALIZATION_FAILED", assertInstanceOf(Verdict.Error.class, v).code());
    assertFalse(v.isDegraded());
  }

  @Test
  void payloadOverTheLimitIsTooLarge() {
    Verdict v = client.intercept(threat("x".repeat(3000), Category.FLOOD, Severity.MEDIUM));
    assertEquals(new Verdict.PayloadTooLarge(2000), v);
  }

  @Test
  void theFortyFirstHitInTheWindowIsRateLimited() {
    String src = source();
    for (int i = 0; i < 40; i++)
      assertEquals(Verdict.Clean.INSTANCE, client.intercept(Scent.clean("r" + i, src, 1L, null)));
    Verdict.RateLimited r =
        assertInstanceOf(
            Verdict.RateLimited.class, client.intercept(Scent.clean("r40", src, 1L, null)));
    assertTrue(
        r.retryAfterMs() > 0 && r.retryAfterMs() <= 60_000, "retryAfter " + r.retryAfterMs());
  }

  @Test
  void interceptAsyncGivesTheSameVerdicts() throws Exception {
    Map<String, Object> payload = Map.of("async", UUID.randomUUID().toString());
    CompletableFuture<Verdict> a =
        client.interceptAsync(threat(payload, Category.MALWARE, Severity.CRITICAL));
    CompletableFuture<Verdict> b = client.interceptAsync(Scent.clean("x", source(), 1L, payload));
    Verdict.Quarantined q = assertInstanceOf(Verdict.Quarantined.class, a.get());
    assertEquals(Kernel.signature("malware", payload), q.handle().signature());
    assertEquals(Verdict.Clean.INSTANCE, b.get());
  }

  @Test
  void interceptManyAnswersInScentOrderAcrossBatches() {
    String run = UUID.randomUUID().toString();
    List<Scent> scents = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      Map<String, Object> payload = Map.of("run", run, "i", i);
      scents.add(
          switch (i % 4) {
            case 0 -> Scent.clean("m" + i, "many-" + i, 1L, payload);
            case 1 -> Scent.threat("m" + i, "many-" + i, 1L, payload, Category.DDOS, Severity.LOW);
            case 2 ->
                Scent.threat(
                    "m" + i,
                    "many-" + i,
                    1L,
                    Map.of("bad", Double.NaN),
                    Category.DDOS,
                    Severity.LOW);
            default ->
                Scent.threat(
                    "m" + i,
                    "many-" + i,
                    1L,
                    Map.of("bad", new Object()),
                    Category.DDOS,
                    Severity.LOW);
          });
    }
    List<Verdict> verdicts = client.interceptMany(scents);
    assertEquals(2500, verdicts.size());
    for (int i = 0; i < 2500; i++) {
      Verdict v = verdicts.get(i);
      assertFalse(v.isDegraded(), "verdict " + i);
      switch (i % 4) {
        case 0 -> assertEquals(Verdict.Clean.INSTANCE, v);
        case 1 ->
            assertEquals(
                Kernel.signature("ddos", Map.of("run", run, "i", i)),
                assertInstanceOf(Verdict.Quarantined.class, v, "verdict " + i)
                    .handle()
                    .signature());
        default ->
            assertEquals(
                "AGENT_SERIALIZATION_FAILED",
                assertInstanceOf(Verdict.Error.class, v, "verdict " + i).code());
      }
    }
  }

  @Test
  void neutralizeAppendsAnAuditRecordTheKernelVerifies() {
    Map<String, Object> payload = Map.of("neutralize", UUID.randomUUID().toString());
    String sig =
        assertInstanceOf(
                Verdict.Quarantined.class,
                client.intercept(threat(payload, Category.UNKNOWN, Severity.LOW)))
            .handle()
            .signature();
    TreeHead before = client.getTreeHead();
    TracehoundClient.Neutralized n = client.neutralize(sig).orElseThrow();
    assertEquals(sig, n.record().signature());
    assertEquals("neutralization", n.record().type());
    assertTrue(n.record().hashVerifies());
    assertTrue(client.verifyAuditRecord(n.treeSize() - 1));
    TreeHead after = client.getTreeHead();
    assertTrue(after.treeSize() >= n.treeSize());
    assertTrue(after.macVerifies(Hex.decode(KEY_HEX)));
    assertEquals("k1", after.kid());
    if (before.treeSize() > 0) {
      ConsistencyProof c = client.getConsistencyProof(before.treeSize(), after.treeSize());
      assertTrue(c.verifies(before.rootHash(), after.rootHash()));
      assertFalse(c.verifies(after.rootHash(), before.rootHash()));
    }
    // A tampered record no longer verifies.
    AuditRecord r = n.record();
    assertFalse(
        new AuditRecord(
                r.id(), r.type(), r.signature(), r.timestampMs() + 1, r.hash(), r.previousHash())
            .hashVerifies());
    assertTrue(client.neutralize(sig).isEmpty(), "already neutralized");
    assertTrue(client.listQuarantine().stream().noneMatch(h -> h.signature().equals(sig)));
  }

  @Test
  void tcpNeedsTheBearerToken() {
    try (TracehoundClient tcp =
        TracehoundClient.builder()
            .address("127.0.0.1", tcpPort)
            .token(TOKEN)
            .deadline(ANSWER)
            .build()) {
      assertEquals(Verdict.Clean.INSTANCE, tcp.intercept(Scent.clean("t", source(), 1L, null)));
    }
    List<Verdict.Degraded> seen = new CopyOnWriteArrayList<>();
    try (TracehoundClient anonymous =
        TracehoundClient.builder()
            .address("127.0.0.1", tcpPort)
            .onDegraded(seen::add)
            .deadline(ANSWER)
            .build()) {
      Verdict v = anonymous.intercept(Scent.clean("t", source(), 1L, null));
      assertTrue(v.isDegraded());
      assertEquals("UNAUTHENTICATED", v.degraded().code());
      assertEquals(List.of(v.degraded()), seen);
      TracehoundException e = assertThrows(TracehoundException.class, anonymous::handshake);
      assertEquals(Status.Code.UNAUTHENTICATED, e.code());
    }
  }

  @Test
  void aSchemaMajorSkewFailsTheBuild() {
    TracehoundException e =
        assertThrows(
            TracehoundException.class,
            () ->
                TracehoundClient.builder()
                    .unixSocket(daemon.socket)
                    .schemaVersion("2.0.0")
                    .build());
    assertEquals(Status.Code.FAILED_PRECONDITION, e.code());
    assertTrue(e.getMessage().contains("2.0.0"), e.getMessage());
  }

  @Test
  void aHungDaemonMeetsTheDeadlineAndFailsOpenOrClosed() throws Exception {
    try (Daemon hung = Daemon.start(List.of("--log-level", "info"), null);
        TracehoundClient open =
            TracehoundClient.builder()
                .unixSocket(hung.socket)
                .deadline(Duration.ofMillis(200))
                .build();
        TracehoundClient closed =
            TracehoundClient.builder()
                .unixSocket(hung.socket)
                .deadline(Duration.ofMillis(200))
                .callDeadline(Duration.ofMillis(300))
                .failMode(FailMode.CLOSED)
                .build()) {
      hung.signal("STOP");
      try {
        // The daemon is stopped: only the client's deadline can end these calls, and the
        // DEADLINE_EXCEEDED mark shows it did (no wall-clock bound: it fails under load).
        Verdict v = open.intercept(threat(Map.of("a", 1), Category.SPAM, Severity.LOW));
        assertEquals(
            "DEADLINE_EXCEEDED", assertInstanceOf(Verdict.Clean.class, v).degraded().code());
        Verdict c =
            closed.interceptAsync(threat(Map.of("a", 2), Category.SPAM, Severity.LOW)).get();
        Verdict.Error e = assertInstanceOf(Verdict.Error.class, c);
        assertEquals("DAEMON_UNAVAILABLE", e.code());
        assertTrue(e.recoverable());
        assertTrue(c.isDegraded());
        // A client made while the daemon hangs: no handshake yet, and still no wait past the
        // deadline.
        try (TracehoundClient fresh =
            TracehoundClient.builder()
                .unixSocket(hung.socket)
                .deadline(Duration.ofMillis(200))
                .callDeadline(Duration.ofMillis(300))
                .build()) {
          Verdict f = fresh.intercept(threat(Map.of("a", 3), Category.SPAM, Severity.LOW));
          assertEquals(
              "DEADLINE_EXCEEDED", assertInstanceOf(Verdict.Clean.class, f).degraded().code());
          assertEquals(
              "DEADLINE_EXCEEDED",
              fresh
                  .interceptAsync(threat(Map.of("a", 4), Category.SPAM, Severity.LOW))
                  .get()
                  .degraded()
                  .code());
        }
      } finally {
        hung.signal("CONT");
      }
      // Back to normal once the daemon answers again: the resumed daemon first works through the
      // calls queued while it was stopped, so under load the first tries may still meet the 200 ms
      // deadline. Bounded retries, no clock: the same client must recover.
      Verdict back = null;
      for (int i = 0; i < 100 && (back == null || back.isDegraded()); i++) {
        back = open.intercept(Scent.clean("ok-" + i, source(), 1L, null));
      }
      assertEquals(Verdict.Clean.INSTANCE, back);
    }
  }

  @Test
  void aMissingDaemonNeverThrowsIntoTheRequestPath() throws Exception {
    Path nowhere = Files.createTempDirectory("th-none").resolve("missing.sock");
    List<Verdict.Degraded> seen = new CopyOnWriteArrayList<>();
    try (TracehoundClient c =
        TracehoundClient.builder().unixSocket(nowhere).onDegraded(seen::add).build()) {
      Verdict v = c.intercept(threat(Map.of("a", 1), Category.INJECTION, Severity.HIGH));
      assertEquals("UNAVAILABLE", assertInstanceOf(Verdict.Clean.class, v).degraded().code());
      assertTrue(c.interceptAsync(Scent.clean("a", "s", 1L, null)).get().isDegraded());
      List<Verdict> many =
          c.interceptMany(
              List.of(Scent.clean("a", "s", 1L, null), threat(1, Category.SPAM, Severity.LOW)));
      assertTrue(many.stream().allMatch(Verdict::isDegraded));
      assertTrue(seen.size() >= 3);
      assertThrows(TracehoundException.class, c::getTreeHead);
    }
  }

  @Test
  void tcpWithTlsTrustsTheGivenCertificate() throws Exception {
    Path dir = Files.createTempDirectory("th-tls");
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Process openssl;
    try {
      openssl =
          new ProcessBuilder(
                  "openssl",
                  "req",
                  "-x509",
                  "-newkey",
                  "rsa:2048",
                  "-nodes",
                  "-days",
                  "1",
                  "-subj",
                  "/CN=localhost",
                  "-addext",
                  "subjectAltName=DNS:localhost,IP:127.0.0.1",
                  "-keyout",
                  key.toString(),
                  "-out",
                  cert.toString())
              .redirectErrorStream(true)
              .start();
    } catch (java.io.IOException e) {
      org.junit.jupiter.api.Assumptions.abort("openssl not available: " + e.getMessage());
      return;
    }
    openssl.getInputStream().readAllBytes();
    assertEquals(0, openssl.waitFor());
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (Daemon tls =
        Daemon.start(
            List.of(
                "--tcp",
                "127.0.0.1:" + port,
                "--tls-cert",
                cert.toString(),
                "--tls-key",
                key.toString(),
                "--log-level",
                "info"),
            TOKEN)) {
      try (TracehoundClient c =
          TracehoundClient.builder()
              .address("localhost", port)
              .tls(cert)
              .token(TOKEN)
              .deadline(ANSWER)
              .build()) {
        assertEquals(Verdict.Clean.INSTANCE, c.intercept(Scent.clean("tls", source(), 1L, null)));
        assertEquals("1", c.handshake().getSchemaVersion().split("\\.")[0]);
      }
      // Plaintext against a TLS port, or TLS without trusting the certificate: degraded, never a
      // throw.
      try (TracehoundClient plain =
              TracehoundClient.builder()
                  .address("localhost", port)
                  .token(TOKEN)
                  .deadline(ANSWER)
                  .build();
          TracehoundClient untrusted =
              TracehoundClient.builder()
                  .address("localhost", port)
                  .tls(null)
                  .token(TOKEN)
                  .deadline(ANSWER)
                  .build()) {
        assertTrue(plain.intercept(Scent.clean("p", source(), 1L, null)).isDegraded());
        assertEquals(
            "UNAVAILABLE",
            untrusted.intercept(Scent.clean("u", source(), 1L, null)).degraded().code());
      }
    }
  }
}
