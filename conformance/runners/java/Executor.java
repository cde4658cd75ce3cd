package dev.tracehound.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tracehound.client.*;
import dev.tracehound.kernel.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.TimeUnit;
import java.util.function.*;
import tracehound.conformance.v1.ConformanceServiceGrpc;
import tracehound.conformance.v1.ConformanceServiceOuterClass.*;
import tracehound.v1.Config.*;

/** Conformance executor (conformance/README.md): intercept through TracehoundClient and the daemon at
 * TRACEHOUND_CONFORMANCE_ADDRESS, the rest through the local kernel. Not part of the SDK's jar: the java
 * launcher compiles this one file, {@code java -cp sdks/java/target/tracehound-client-all.jar
 * conformance/runners/java/Executor.java VECTORS}. */
public final class Executor {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static int passed, failed;

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "conformance/vectors");
    String address = System.getenv("TRACEHOUND_CONFORMANCE_ADDRESS");
    if (address == null || !address.startsWith("unix://")) {
      System.err.println("TRACEHOUND_CONFORMANCE_ADDRESS (unix:///path.sock) is not set; npm run conformance starts the daemon and sets it");
      System.exit(2);
    }
    signatureSuite(load(dir, "signature"));
    try (TracehoundClient client = TracehoundClient.builder().unixSocket(address.substring("unix://".length()))
        .deadline(java.time.Duration.ofSeconds(10)).build()) {
      interceptSuite(load(dir, "intercept"), client);
    }
    Map<String, Predicate<Map<String, Object>>> audit = Map.of(
        "RecordHashTest", t -> { Map<String, Object> r = map(t.get("record"));
          return Kernel.recordHash((String) r.get("id"), (String) r.get("signature"), CanonicalJson.toDouble((Number) r.get("timestamp")),
              (String) r.get("previousHash")).equals(t.get("hash")); },
        "TreeHeadTest", t -> Kernel.merkleRoot(strings(t.get("leaves"))).equals(t.get("rootHash")),
        "LeafHashTest", t -> Kernel.leafHash(t.get("entry")).equals(t.get("leafHash")),
        "InclusionProofTest", t -> Kernel.verifyInclusion((String) t.get("leafHash"), count(t.get("leafIndex")), count(t.get("treeSize")),
            strings(t.get("path")), (String) t.get("rootHash")),
        "ConsistencyProofTest", t -> Kernel.verifyConsistency(count(t.get("firstSize")), count(t.get("secondSize")), strings(t.get("path")),
            (String) t.get("firstRoot"), (String) t.get("secondRoot")));
    for (Map<String, Object> g : list(load(dir, "audit").get("testGroups")))
      for (Map<String, Object> t : list(g.get("tests"))) judge("audit_test/" + t.get("tcId"), t.get("result"), outcome(() -> audit.get(g.get("type")).test(t)));
    for (Map<String, Object> g : list(load(dir, "hmac").get("testGroups")))
      for (Map<String, Object> t : list(g.get("tests")))
        judge("hmac_test/" + t.get("tcId"), t.get("result"), outcome(() -> Kernel.verifyMac(Hex.decode((String) g.get("keyHex")), t.get("body"), (String) t.get("mac"))));
    System.out.println(passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }

  static void signatureSuite(Map<String, Object> file) {
    for (Map<String, Object> g : list(file.get("testGroups"))) for (Map<String, Object> t : list(g.get("tests"))) {
      String id = "signature_test/" + t.get("tcId"), category = (String) t.get("category");
      Object payload = special(t.get("payload")), got;
      if ("invalid".equals(t.get("result"))) {
        judge(id, "refused", outcome(() -> Kernel.signature(category, payload) != null).equals("valid") ? "accepted" : "refused");
        continue;
      }
      try {
        got = Map.of("canonicalHex", Hex.encode(CanonicalJson.bytes(payload)), "signature", Kernel.signature(category, payload));
      } catch (RuntimeException e) {
        got = Map.of("error", e.toString());
      }
      judge(id, Map.of("canonicalHex", t.get("canonicalHex"), "signature", t.get("signature")), got);
    }
  }

  static void interceptSuite(Map<String, Object> file, TracehoundClient client) {
    var stub = ConformanceServiceGrpc.newBlockingStub(client.channel());
    Supplier<ConformanceServiceGrpc.ConformanceServiceBlockingStub> control = () -> stub.withDeadlineAfter(10, TimeUnit.SECONDS);
    for (Map<String, Object> g : list(file.get("testGroups"))) for (Map<String, Object> t : list(g.get("tests"))) {
      String id = "intercept_test/" + t.get("tcId");
      List<Object> wantSteps = new ArrayList<>(), gotSteps = new ArrayList<>();
      try {
        Map<String, Object> c = map(g.get("config")), q = map(c.get("quarantine")), r = map(c.get("rateLimit"));
        DaemonConfig.Builder config = DaemonConfig.newBuilder().setMaxPayloadSize(num(c.get("maxPayloadSize")))
            .setQuarantine(QuarantineLimits.newBuilder().setMaxCount(num(q.get("maxCount"))).setMaxBytes(num(q.get("maxBytes"))))
            .setRateLimit(RateLimitConfig.newBuilder().setWindowMs(num(r.get("windowMs"))).setMaxRequests(num(r.get("maxRequests")))
                .setBlockDurationMs(num(r.get("blockDurationMs"))));
        for (Map<String, Object> k : list(g.get("macKeys"))) config.addMacKeys(MacKey.newBuilder().setKid((String) k.get("kid")).setKey((String) k.get("key")));
        control.get().reset(ResetRequest.newBuilder().setConfig(config).setClockStartMs(num(g.get("clockStart"))).setIdSeed((String) t.get("idSeed")).build());
        int seen = 0;
        for (Map<String, Object> step : list(t.get("steps"))) {
          wantSteps.add(step.get("expected"));
          if (step.get("advanceMs") != null && num(step.get("advanceMs")) != 0)
            control.get().advanceClock(AdvanceClockRequest.newBuilder().setMs(num(step.get("advanceMs"))).build());
          Map<String, Object> got = new LinkedHashMap<>();
          if (step.containsKey("scent")) {
            Map<String, Object> s = map(step.get("scent")), th = map(s.get("threat"));
            Scent.Threat threat = th == null ? null : new Scent.Threat(Category.fromWireName((String) th.get("category")), Severity.fromWireName((String) th.get("severity")));
            got.put("verdict", form(client.intercept(new Scent((String) s.get("id"), special(s.get("payload")), (String) s.get("source"), num(s.get("timestamp")), threat))));
          } else {
            got.put("neutralized", client.neutralize((String) step.get("neutralize")).map(n -> V1Json.auditRecord(n.record())).orElse(null));
          }
          List<Object> records = new ArrayList<>();
          control.get().listAuditRecords(ListAuditRecordsRequest.getDefaultInstance()).getRecordsList().forEach(a -> records.add(V1Json.auditRecord(new AuditRecord(
              a.getId(), a.getType(), a.getSignature(), a.getTimestampMs(), a.getHash(), a.getPreviousHash()))));
          got.put("audit", records.subList(seen, records.size()));
          seen = records.size();
          gotSteps.add(got);
        }
        Map<String, Object> summary = Map.of("stats", V1Json.stats(client.getStats()), "treeHead", V1Json.treeHead(client.getTreeHead()));
        judge(id, Map.of("steps", wantSteps, "final", t.get("final")), Map.of("steps", gotSteps, "final", summary));
      } catch (RuntimeException e) {
        judge(id, "a completed sequence", e.toString());
      }
    }
  }

  /** A verdict in the vectors' form: no prose (message, context); a degraded mark stays, so it never matches. */
  static Map<String, Object> form(Verdict v) {
    Map<String, Object> f = V1Json.verdict(v);
    if (f.get("error") instanceof Map<?, ?> e) e.keySet().removeAll(Set.of("message", "context"));
    return f;
  }

  /** Equal iff TH-CJSON-1 equal: key order and 1 vs 1.0 do not matter, as in the TS deep-equal. */
  static void judge(String id, Object want, Object got) {
    boolean ok = canonical(want).equals(canonical(got));
    Map<String, Object> line = new LinkedHashMap<>(Map.of("case", id, "ok", ok));
    if (!ok) line.putAll(Map.of("want", want == null ? "null" : want, "got", got == null ? "null" : got));
    try { System.out.println(JSON.writeValueAsString(line)); } catch (java.io.IOException e) { throw new IllegalStateException(e); }
    if (ok) passed++; else failed++;
  }

  static String canonical(Object v) { try { return CanonicalJson.encode(v); } catch (RuntimeException e) { return "unencodable: " + e; } }

  static String outcome(BooleanSupplier check) { try { return check.getAsBoolean() ? "valid" : "invalid"; } catch (RuntimeException e) { return "invalid"; } }

  /** {"$float": "NaN" | "Infinity" | "-Infinity"} → that double (conformance/README.md). */
  static Object special(Object v) {
    if (v instanceof List<?> l) { List<Object> out = new ArrayList<>(); for (Object x : l) out.add(special(x)); return out; }
    if (!(v instanceof Map<?, ?> m)) return v;
    if (m.size() == 1 && m.get("$float") instanceof String s && Set.of("NaN", "Infinity", "-Infinity").contains(s)) return Double.parseDouble(s);
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, x) -> out.put((String) k, special(x)));
    return out;
  }

  static long num(Object n) { return ((Number) n).longValue(); }
  static long count(Object n) { return n instanceof Number x && !(n instanceof java.math.BigInteger) && x.doubleValue() == Math.rint(x.doubleValue()) ? x.longValue() : -1; }
  @SuppressWarnings("unchecked") static Map<String, Object> map(Object o) { return (Map<String, Object>) o; }
  @SuppressWarnings("unchecked") static List<Map<String, Object>> list(Object o) { return o == null ? List.of() : (List<Map<String, Object>>) o; }
  @SuppressWarnings("unchecked") static List<String> strings(Object o) { return (List<String>) o; }
  /** Read as chars: Jackson's byte parser refuses the lone surrogates some vectors hold in keys. */
  static Map<String, Object> load(Path dir, String suite) throws java.io.IOException { return map(JSON.readValue(Files.readString(dir.resolve(suite + "_test.json")), Map.class)); }
}
