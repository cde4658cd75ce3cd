package dev.tracehound.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracehound.client.AuditRecord;
import dev.tracehound.client.Category;
import dev.tracehound.client.Scent;
import dev.tracehound.client.Severity;
import dev.tracehound.client.TracehoundClient;
import dev.tracehound.client.TracehoundException;
import dev.tracehound.client.V1Json;
import dev.tracehound.client.Verdict;
import dev.tracehound.kernel.CanonicalJson;
import dev.tracehound.kernel.CanonicalJsonException;
import dev.tracehound.kernel.Hex;
import dev.tracehound.kernel.Kernel;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tracehound.conformance.v1.ConformanceServiceGrpc;
import tracehound.conformance.v1.ConformanceServiceGrpc.ConformanceServiceBlockingStub;
import tracehound.conformance.v1.ConformanceServiceOuterClass.AdvanceClockRequest;
import tracehound.conformance.v1.ConformanceServiceOuterClass.ListAuditRecordsRequest;
import tracehound.conformance.v1.ConformanceServiceOuterClass.ResetRequest;
import tracehound.v1.Config.DaemonConfig;
import tracehound.v1.Config.MacKey;
import tracehound.v1.Config.QuarantineLimits;
import tracehound.v1.Config.RateLimitConfig;

/**
 * Conformance executor (conformance/README.md): intercept sequences through TracehoundClient and
 * the daemon at TRACEHOUND_CONFORMANCE_ADDRESS, the other suites through the local kernel. Not part
 * of the SDK's jar: the java launcher compiles this one file, {@code java -cp
 * sdks/java/target/tracehound-client-all.jar sdks/java/conformance/Executor.java VECTORS}.
 */
public final class Executor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VALID = "valid";
  private static final String INVALID = "invalid";
  private static final String COMPLETED = "a completed sequence";

  private final PrintStream out;
  private int passed;
  private int failed;

  private Executor(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "conformance/vectors");
    String address = System.getenv("TRACEHOUND_CONFORMANCE_ADDRESS");
    Executor executor = new Executor(System.out);
    executor.signatureSuite(load(dir, "signature"));
    executor.interceptSuite(load(dir, "intercept"), address);
    executor.auditSuite(load(dir, "audit"));
    executor.hmacSuite(load(dir, "hmac"));
    System.exit(executor.close() ? 0 : 1);
  }

  /** What a vector wants and what the implementation gave. */
  private record Judged(Object want, Object got) {}

  // ---- signature -------------------------------------------------------------------------------

  private void signatureSuite(Map<String, Object> file) {
    for (Map<String, Object> group : list(file.get("testGroups"))) {
      for (Map<String, Object> test : list(group.get("tests"))) {
        String id = "signature_test/" + test.get("tcId");
        runCase(id, () -> signatureCase(test));
      }
    }
  }

  /**
   * A valid payload must give the vector's canonical bytes and signature; an invalid one must be
   * refused.
   */
  private static Judged signatureCase(Map<String, Object> test) {
    String category = (String) test.get("category");
    Object payload = decodeSpecial(test.get("payload"));
    if (INVALID.equals(test.get("result"))) {
      String accepted =
          answer(() -> Kernel.signature(category, payload) != null, CanonicalJsonException.class);
      return new Judged("refused", VALID.equals(accepted) ? "accepted" : "refused");
    }
    Map<String, Object> want =
        Map.of("canonicalHex", test.get("canonicalHex"), "signature", test.get("signature"));
    try {
      String canonicalHex = Hex.encode(CanonicalJson.bytes(payload));
      return new Judged(
          want,
          Map.of("canonicalHex", canonicalHex, "signature", Kernel.signature(category, payload)));
    } catch (CanonicalJsonException e) {
      return new Judged(want, Map.of("refused", e.getMessage()));
    }
  }

  // ---- audit and hmac --------------------------------------------------------------------------

  /**
   * A check of one audit group type, and the exception the kernel documents for input it refuses
   * (or null).
   */
  private record AuditCheck(
      Predicate<Map<String, Object>> holds, Class<? extends RuntimeException> rejection) {}

  private static final Map<String, AuditCheck> AUDIT_CHECKS =
      Map.of(
          "RecordHashTest", new AuditCheck(Executor::recordHashHolds, null),
          "TreeHeadTest", new AuditCheck(Executor::treeHeadHolds, IllegalArgumentException.class),
          "LeafHashTest",
              new AuditCheck(
                  t -> Kernel.leafHash(t.get("entry")).equals(t.get("leafHash")),
                  IllegalArgumentException.class),
          "InclusionProofTest", new AuditCheck(Executor::inclusionHolds, null),
          "ConsistencyProofTest", new AuditCheck(Executor::consistencyHolds, null));

  private static boolean recordHashHolds(Map<String, Object> test) {
    Map<String, Object> r = map(test.get("record"));
    double timestamp = CanonicalJson.toDouble((Number) r.get("timestamp"));
    String hash =
        Kernel.recordHash(
            (String) r.get("id"),
            (String) r.get("signature"),
            timestamp,
            (String) r.get("previousHash"));
    return hash.equals(test.get("hash"));
  }

  private static boolean treeHeadHolds(Map<String, Object> test) {
    return Kernel.merkleRoot(strings(test.get("leaves"))).equals(test.get("rootHash"));
  }

  private static boolean inclusionHolds(Map<String, Object> test) {
    return Kernel.verifyInclusion(
        (String) test.get("leafHash"),
        count(test.get("leafIndex")),
        count(test.get("treeSize")),
        strings(test.get("path")),
        (String) test.get("rootHash"));
  }

  private static boolean consistencyHolds(Map<String, Object> test) {
    return Kernel.verifyConsistency(
        count(test.get("firstSize")),
        count(test.get("secondSize")),
        strings(test.get("path")),
        (String) test.get("firstRoot"),
        (String) test.get("secondRoot"));
  }

  private void auditSuite(Map<String, Object> file) {
    for (Map<String, Object> group : list(file.get("testGroups"))) {
      AuditCheck check = AUDIT_CHECKS.get((String) group.get("type"));
      for (Map<String, Object> test : list(group.get("tests"))) {
        String id = "audit_test/" + test.get("tcId");
        runCase(
            id,
            () ->
                new Judged(
                    test.get("result"), answer(() -> check.holds().test(test), check.rejection())));
      }
    }
  }

  private void hmacSuite(Map<String, Object> file) {
    for (Map<String, Object> group : list(file.get("testGroups"))) {
      String keyHex = (String) group.get("keyHex");
      for (Map<String, Object> test : list(group.get("tests"))) {
        String id = "hmac_test/" + test.get("tcId");
        BooleanSupplier verifies =
            () -> Kernel.verifyMac(Hex.decode(keyHex), test.get("body"), (String) test.get("mac"));
        runCase(id, () -> new Judged(test.get("result"), answer(verifies, null)));
      }
    }
  }

  /**
   * "valid" or "invalid": the check's answer, or "invalid" when the kernel refuses the input with
   * its documented exception. Any other exception propagates to runCase: a crash.
   */
  private static String answer(BooleanSupplier check, Class<? extends RuntimeException> rejection) {
    try {
      return check.getAsBoolean() ? VALID : INVALID;
    } catch (RuntimeException e) {
      if (rejection != null && rejection.isInstance(e)) {
        return INVALID;
      }
      throw e;
    }
  }

  // ---- intercept -------------------------------------------------------------------------------

  private void interceptSuite(Map<String, Object> file, String address) {
    if (address == null || !address.startsWith("unix://")) {
      for (Map<String, Object> group : list(file.get("testGroups"))) {
        for (Map<String, Object> test : list(group.get("tests"))) {
          judge(
              "intercept_test/" + test.get("tcId"),
              COMPLETED,
              "TRACEHOUND_CONFORMANCE_ADDRESS (unix:///path.sock) is not set");
        }
      }
      return;
    }
    try (TracehoundClient client =
        TracehoundClient.builder()
            .unixSocket(address.substring("unix://".length()))
            .deadline(Duration.ofSeconds(10))
            .build()) {
      Sequence sequence = new Sequence(client);
      for (Map<String, Object> group : list(file.get("testGroups"))) {
        for (Map<String, Object> test : list(group.get("tests"))) {
          String id = "intercept_test/" + test.get("tcId");
          runCase(id, () -> sequence.judge(group, test));
        }
      }
    }
  }

  /** Plays one intercept_test against the conformance daemon. */
  private static final class Sequence {
    private final TracehoundClient client;
    private final ConformanceServiceBlockingStub control;
    private int seen; // audit records already reported by earlier steps

    Sequence(TracehoundClient client) {
      this.client = client;
      this.control = ConformanceServiceGrpc.newBlockingStub(client.channel());
    }

    private ConformanceServiceBlockingStub control() {
      return control.withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** An RPC that fails is a sequence that did not complete: a failed case, not a crash. */
    Judged judge(Map<String, Object> group, Map<String, Object> test) {
      List<Object> wantSteps = new ArrayList<>();
      for (Map<String, Object> step : list(test.get("steps"))) {
        wantSteps.add(step.get("expected"));
      }
      Map<String, Object> want = Map.of("steps", wantSteps, "final", test.get("final"));
      try {
        return new Judged(want, play(group, test));
      } catch (StatusRuntimeException | TracehoundException e) {
        return new Judged(COMPLETED, e.toString());
      }
    }

    private Map<String, Object> play(Map<String, Object> group, Map<String, Object> test) {
      ResetRequest reset =
          ResetRequest.newBuilder()
              .setConfig(daemonConfig(group))
              .setClockStartMs(num(group.get("clockStart")))
              .setIdSeed((String) test.get("idSeed"))
              .build();
      control().reset(reset);
      seen = 0;
      List<Object> steps = new ArrayList<>();
      for (Map<String, Object> step : list(test.get("steps"))) {
        steps.add(step(step));
      }
      Map<String, Object> summary =
          Map.of(
              "stats",
              V1Json.stats(client.getStats()),
              "treeHead",
              V1Json.treeHead(client.getTreeHead()));
      return Map.of("steps", steps, "final", summary);
    }

    private Map<String, Object> step(Map<String, Object> step) {
      Object advanceMs = step.get("advanceMs");
      if (advanceMs != null && num(advanceMs) != 0) {
        control().advanceClock(AdvanceClockRequest.newBuilder().setMs(num(advanceMs)).build());
      }
      Map<String, Object> outcome = new LinkedHashMap<>();
      if (step.containsKey("scent")) {
        outcome.put("verdict", verdictForm(client.intercept(scentOf(map(step.get("scent"))))));
      } else {
        String signature = (String) step.get("neutralize");
        outcome.put(
            "neutralized",
            client.neutralize(signature).map(n -> V1Json.auditRecord(n.record())).orElse(null));
      }
      outcome.put("audit", appendedRecords());
      return outcome;
    }

    private List<Object> appendedRecords() {
      List<Object> records = new ArrayList<>();
      for (var r :
          control()
              .listAuditRecords(ListAuditRecordsRequest.getDefaultInstance())
              .getRecordsList()) {
        AuditRecord record =
            new AuditRecord(
                r.getId(),
                r.getType(),
                r.getSignature(),
                r.getTimestampMs(),
                r.getHash(),
                r.getPreviousHash());
        records.add(V1Json.auditRecord(record));
      }
      List<Object> appended = records.subList(seen, records.size());
      seen = records.size();
      return appended;
    }
  }

  private static DaemonConfig daemonConfig(Map<String, Object> group) {
    Map<String, Object> c = map(group.get("config"));
    Map<String, Object> q = map(c.get("quarantine"));
    Map<String, Object> r = map(c.get("rateLimit"));
    DaemonConfig.Builder config =
        DaemonConfig.newBuilder()
            .setMaxPayloadSize(num(c.get("maxPayloadSize")))
            .setQuarantine(
                QuarantineLimits.newBuilder()
                    .setMaxCount(num(q.get("maxCount")))
                    .setMaxBytes(num(q.get("maxBytes"))))
            .setRateLimit(
                RateLimitConfig.newBuilder()
                    .setWindowMs(num(r.get("windowMs")))
                    .setMaxRequests(num(r.get("maxRequests")))
                    .setBlockDurationMs(num(r.get("blockDurationMs"))));
    for (Map<String, Object> k : list(group.get("macKeys"))) {
      config.addMacKeys(
          MacKey.newBuilder().setKid((String) k.get("kid")).setKey((String) k.get("key")));
    }
    return config.build();
  }

  private static Scent scentOf(Map<String, Object> s) {
    Map<String, Object> t = map(s.get("threat"));
    Scent.Threat threat = null;
    if (t != null) {
      Category category = Category.fromWireName((String) t.get("category"));
      Severity severity = Severity.fromWireName((String) t.get("severity"));
      threat = new Scent.Threat(category, severity);
    }
    Object payload = decodeSpecial(s.get("payload"));
    return new Scent(
        (String) s.get("id"), payload, (String) s.get("source"), num(s.get("timestamp")), threat);
  }

  /**
   * A verdict in the vectors' form: no prose (message, context); a degraded mark stays, so it never
   * matches.
   */
  private static Map<String, Object> verdictForm(Verdict v) {
    Map<String, Object> form = V1Json.verdict(v);
    if (form.get("error") instanceof Map<?, ?> error) {
      error.keySet().removeAll(Set.of("message", "context"));
    }
    return form;
  }

  // ---- reporting -------------------------------------------------------------------------------

  /** Runs one case; an exception escaping it is a crash of the implementation, never an answer. */
  private void runCase(String id, Supplier<Judged> run) {
    Judged judged;
    try {
      judged = run.get();
    } catch (RuntimeException | StackOverflowError e) {
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("case", id);
      line.put("ok", false);
      line.put("crash", e.toString());
      print(line, false);
      return;
    }
    judge(id, judged.want(), judged.got());
  }

  /** Equal iff TH-CJSON-1 equal: key order and 1 vs 1.0 do not matter, as in the TS deep-equal. */
  private void judge(String id, Object want, Object got) {
    boolean ok = canonical(want).equals(canonical(got));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("case", id);
    line.put("ok", ok);
    if (!ok) {
      line.put("want", want);
      line.put("got", got);
    }
    print(line, ok);
  }

  private void print(Map<String, Object> line, boolean ok) {
    try {
      out.println(JSON.writeValueAsString(line));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    if (ok) {
      passed++;
    } else {
      failed++;
    }
  }

  /** Prints the tally; true iff every case passed. */
  private boolean close() {
    out.println(passed + " passed, " + failed + " failed");
    return failed == 0;
  }

  private static String canonical(Object v) {
    try {
      return CanonicalJson.encode(v);
    } catch (RuntimeException e) {
      return "unencodable: " + e;
    }
  }

  // ---- vector values ---------------------------------------------------------------------------

  /** {"$float": "NaN" | "Infinity" | "-Infinity"} → that double (conformance/README.md). */
  static Object decodeSpecial(Object v) {
    if (v instanceof List<?> items) {
      List<Object> decoded = new ArrayList<>();
      for (Object x : items) {
        decoded.add(decodeSpecial(x));
      }
      return decoded;
    }
    if (!(v instanceof Map<?, ?> m)) {
      return v;
    }
    if (m.size() == 1
        && m.get("$float") instanceof String s
        && Set.of("NaN", "Infinity", "-Infinity").contains(s)) {
      return Double.parseDouble(s);
    }
    Map<String, Object> decoded = new LinkedHashMap<>();
    m.forEach((k, x) -> decoded.put((String) k, decodeSpecial(x)));
    return decoded;
  }

  private static long num(Object n) {
    return ((Number) n).longValue();
  }

  /**
   * A proof size as the kernel's long, or -1 (which the kernel refuses) for a fraction or a huge
   * number.
   */
  private static long count(Object n) {
    if (n instanceof Number x
        && !(n instanceof BigInteger)
        && x.doubleValue() == Math.rint(x.doubleValue())) {
      return x.longValue();
    }
    return -1;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return o == null ? List.of() : (List<Map<String, Object>>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object o) {
    return (List<String>) o;
  }

  /** Read as chars: Jackson's byte parser refuses the lone surrogates some vectors hold in keys. */
  private static Map<String, Object> load(Path dir, String suite) throws IOException {
    return map(JSON.readValue(Files.readString(dir.resolve(suite + "_test.json")), Map.class));
  }
}
