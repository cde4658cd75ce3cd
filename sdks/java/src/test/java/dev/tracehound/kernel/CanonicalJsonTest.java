package dev.tracehound.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {
  static Map<String, Object> obj(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  @Test
  void designExampleKeyOrder() {
    assertEquals(
        "{\"9\":3,\"10\":2,\"B\":5,\"a\":4,\"b\":1}",
        CanonicalJson.encode(obj("b", 1, "10", 2, "9", 3, "a", 4, "B", 5)));
  }

  @Test
  void arrayIndexKeysStopAt4294967294AndNeedNoLeadingZero() {
    assertEquals(
        "{\"0\":0,\"5\":1,\"4294967294\":2,\"01\":3,\"4294967295\":4,\"a\":5}",
        CanonicalJson.encode(
            obj("a", 5, "4294967295", 4, "01", 3, "4294967294", 2, "5", 1, "0", 0)));
    assertFalse(CanonicalJson.isArrayIndexKey("-1"));
    assertFalse(CanonicalJson.isArrayIndexKey("1.0"));
    assertFalse(CanonicalJson.isArrayIndexKey(""));
    assertTrue(CanonicalJson.isArrayIndexKey("0"));
  }

  @Test
  void keysSortByUtf16CodeUnitsNotCodePoints() {
    // U+FF61 (one unit 0xFF61) sorts after U+1F600 (units 0xD83D 0xDE00) in UTF-16 order.
    assertEquals(
        "{\"\uD83D\uDE00\":2,\"\uE000\":3,\"\uFF61\":1}",
        CanonicalJson.encode(obj("\uFF61", 1, "\uD83D\uDE00", 2, "\uE000", 3)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1.0|1",
        "-0.0|0",
        "1e21|1e+21",
        "1e20|100000000000000000000",
        "0.1|0.1",
        "1e-7|1e-7",
        "0.000001|0.000001",
        "1.5e-7|1.5e-7",
        "123.456|123.456",
        "5e-324|5e-324",
        "1.7976931348623157e308|1.7976931348623157e+308",
        "0.30000000000000004|0.30000000000000004",
        "9007199254740993|9007199254740992",
        "1152921504606846976|1152921504606847000",
        "2.82879384806159E17|282879384806159000",
        "6.02214076e23|6.02214076e+23",
        "-1.5|-1.5",
        "100|100",
        "12345678901234567890|12345678901234567000",
        "2e-7|2e-7",
        "1.2345e-5|0.000012345",
        // Subnormal, power-of-two and 22-digit boundaries of the shortest-digit search.
        "1e-323|1e-323",
        "1.5e-323|1.5e-323",
        "2.2250738585072014e-308|2.2250738585072014e-308",
        "2.225073858507201e-308|2.225073858507201e-308",
        "1e23|1e+23",
        "9.332636185032189e-302|9.332636185032189e-302",
        "8.41e21|8.41e+21",
        "5e-310|5e-310",
        "0.3333333333333333|0.3333333333333333"
      })
  void numbersAreEcmaScriptNumberToString(double value, String expected) {
    assertEquals(expected, EcmaNumber.toString(value));
    assertEquals(expected, CanonicalJson.encode(value));
  }

  @Test
  void everyJavaNumberTypeIsItsDouble() {
    assertEquals(
        "[1,2,3,4,0.5,18446744073709552000,0.1]",
        CanonicalJson.encode(
            List.of(
                (byte) 1,
                (short) 2,
                3,
                4L,
                0.5f,
                new BigInteger("18446744073709551615"),
                new BigDecimal("0.1000000000000000000001"))));
  }

  @Test
  void stringsAreEscapedAsJsonStringify() {
    assertEquals(
        "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\u007f/\u2028\u2029\"",
        CanonicalJson.encode("\"\\\b\f\n\r\t\u0000\u001f\u007f/\u2028\u2029"));
    assertEquals("\"\\ud800\"", CanonicalJson.encode("\uD800"));
    assertEquals("\"\\udc00\\ud800\"", CanonicalJson.encode("\uDC00\uD800"));
    assertEquals("\"abc\\udbff\"", CanonicalJson.encode("abc\uDBFF"));
    assertEquals("\"\uD83D\uDE00\"", CanonicalJson.encode("\uD83D\uDE00"));
    // Lone surrogates are escaped, so the UTF-8 bytes are exact (Java would write '?').
    assertArrayEquals(
        new byte[] {'"', (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, '"'},
        CanonicalJson.bytes("\uD83D\uDE00"));
  }

  @Test
  void containersArraysAndNesting() {
    List<Object> withNull = new ArrayList<>(Arrays.asList(1, null, true, false, "s"));
    assertEquals(
        "[[],{},[1,null,true,false,\"s\"],[1,2],{\"a\":{\"b\":[]}}]",
        CanonicalJson.encode(
            List.of(
                List.of(),
                Map.of(),
                withNull,
                new int[] {1, 2},
                obj("a", obj("b", new Object[0])))));
  }

  @Test
  void refusesWhatJsonCannotCarryWithAPath() {
    CanonicalJsonException nan =
        assertThrows(
            CanonicalJsonException.class,
            () -> CanonicalJson.encode(obj("a", List.of(1, obj("b", Double.NaN)))));
    assertEquals("NaN is not allowed", nan.reason());
    assertEquals("root.a[1].b", nan.path());
    assertEquals(
        "root[0]",
        assertThrows(
                CanonicalJsonException.class,
                () -> CanonicalJson.encode(List.of(Double.NEGATIVE_INFINITY)))
            .path());
    assertThrows(CanonicalJsonException.class, () -> CanonicalJson.encode(Map.of(1, 2)));
    assertThrows(CanonicalJsonException.class, () -> CanonicalJson.encode(new Object()));
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    CanonicalJsonException circular =
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.encode(cycle));
    assertEquals("circular value", circular.reason());
    assertFalse(circular.tooDeep());
  }

  @Test
  void nestingStopsAt512LevelsOfArraysAndObjectsWithoutExhaustingTheStack() {
    for (boolean objects : new boolean[] {false, true}) {
      for (int depth : new int[] {511, 512, 513, 1_000_000}) {
        Object v = 1;
        for (int i = 0; i < depth; i++) v = objects ? Map.of("k", v) : List.of(v);
        Object payload = v;
        if (depth <= CanonicalJson.MAX_DEPTH) {
          assertEquals(
              depth * 2 + 1 + (objects ? depth * 4 : 0), CanonicalJson.bytes(payload).length);
        } else {
          CanonicalJsonException e =
              assertThrows(CanonicalJsonException.class, () -> CanonicalJson.encode(payload));
          assertTrue(e.tooDeep(), e.getMessage());
          assertEquals("nesting deeper than 512 levels at root", e.getMessage());
        }
      }
    }
  }

  @Test
  void signatureIsCategoryAndSha256OfTheCanonicalBytes() {
    // Pinned by conformance/vectors/signature_test.json tcId 1 and 6.
    assertEquals(
        "injection:74234e98afe7498fb5daf1f36ac2d78acc339464f950703b8c019892f982b90b",
        Kernel.signature("injection", null));
    assertEquals(
        Kernel.signature("spam", obj("a", 1, "b", 2)),
        Kernel.signature("spam", obj("b", 2, "a", 1)));
    assertNotEquals(Kernel.signature("spam", obj("a", 1)), Kernel.signature("ddos", obj("a", 1)));
  }
}
