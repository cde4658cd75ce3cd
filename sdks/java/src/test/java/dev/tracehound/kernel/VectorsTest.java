package dev.tracehound.kernel;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kernel suites of conformance/vectors, straight from the golden files (the executor does the
 * same).
 */
class VectorsTest {
  static final Path VECTORS =
      Path.of(System.getProperty("tracehound.repoRoot", "../..")).resolve("conformance/vectors");

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> tests(String suite, List<Map<String, Object>> groups)
      throws Exception {
    Map<String, Object> file =
        new ObjectMapper()
            .readValue(Files.readString(VECTORS.resolve(suite + "_test.json")), Map.class);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> g : (List<Map<String, Object>>) file.get("testGroups")) {
      for (Map<String, Object> t : (List<Map<String, Object>>) g.get("tests")) {
        out.add(t);
        groups.add(g);
      }
    }
    return out;
  }

  static Object special(Object v) {
    if (v instanceof List<?> l) return l.stream().map(VectorsTest::special).toList();
    if (v instanceof Map<?, ?> m && m.size() == 1 && m.get("$float") instanceof String s)
      return Double.parseDouble(s);
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, special(x)));
      return out;
    }
    return v;
  }

  @Test
  void signatureVectors() throws Exception {
    List<Map<String, Object>> tests = tests("signature", new ArrayList<>());
    assertTrue(tests.size() >= 150);
    for (Map<String, Object> t : tests) {
      String category = (String) t.get("category");
      Object payload = special(t.get("payload"));
      if ("invalid".equals(t.get("result"))) {
        assertThrows(
            CanonicalJsonException.class,
            () -> Kernel.signature(category, payload),
            "tcId " + t.get("tcId"));
      } else {
        assertEquals(
            t.get("canonicalHex"),
            Hex.encode(CanonicalJson.bytes(payload)),
            "tcId " + t.get("tcId"));
        assertEquals(
            t.get("signature"), Kernel.signature(category, payload), "tcId " + t.get("tcId"));
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void auditAndHmacVectors() throws Exception {
    List<Map<String, Object>> groups = new ArrayList<>();
    List<Map<String, Object>> tests = tests("audit", groups);
    for (int i = 0; i < tests.size(); i++) {
      Map<String, Object> t = tests.get(i);
      boolean ok;
      try {
        ok =
            switch ((String) groups.get(i).get("type")) {
              case "RecordHashTest" -> {
                Map<String, Object> r = (Map<String, Object>) t.get("record");
                yield Kernel.recordHash(
                        (String) r.get("id"),
                        (String) r.get("signature"),
                        ((Number) r.get("timestamp")).doubleValue(),
                        (String) r.get("previousHash"))
                    .equals(t.get("hash"));
              }
              case "TreeHeadTest" ->
                  Kernel.merkleRoot((List<String>) t.get("leaves")).equals(t.get("rootHash"));
              case "LeafHashTest" -> Kernel.leafHash(t.get("entry")).equals(t.get("leafHash"));
              case "InclusionProofTest" ->
                  Kernel.verifyInclusion(
                      (String) t.get("leafHash"),
                      ((Number) t.get("leafIndex")).longValue(),
                      ((Number) t.get("treeSize")).longValue(),
                      (List<String>) t.get("path"),
                      (String) t.get("rootHash"));
              default ->
                  Kernel.verifyConsistency(
                      ((Number) t.get("firstSize")).longValue(),
                      ((Number) t.get("secondSize")).longValue(),
                      (List<String>) t.get("path"),
                      (String) t.get("firstRoot"),
                      (String) t.get("secondRoot"));
            };
      } catch (RuntimeException e) {
        ok = false;
      }
      assertEquals(t.get("result"), ok ? "valid" : "invalid", "audit tcId " + t.get("tcId"));
    }
    groups.clear();
    tests = tests("hmac", groups);
    for (int i = 0; i < tests.size(); i++) {
      Map<String, Object> t = tests.get(i);
      boolean ok =
          Kernel.verifyMac(
              Hex.decode((String) groups.get(i).get("keyHex")),
              t.get("body"),
              (String) t.get("mac"));
      assertEquals(t.get("result"), ok ? "valid" : "invalid", "hmac tcId " + t.get("tcId"));
    }
  }
}
