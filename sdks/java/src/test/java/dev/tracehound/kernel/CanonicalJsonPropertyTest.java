package dev.tracehound.kernel;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.*;
import org.junit.jupiter.api.Assumptions;

/** Properties of the TH-CJSON-1 encoder, and an oracle run against the TS engine's own encoder. */
class CanonicalJsonPropertyTest {
  static final Pattern ES_NUMBER =
      Pattern.compile(
          "-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?|-?[1-9](\\.[0-9]*[1-9])?e[+-][1-9][0-9]*|-?0\\.0{0,5}[1-9][0-9]*");
  static final ObjectMapper JSON = new ObjectMapper();

  @Provide
  Arbitrary<Double> anyFiniteDouble() {
    return Arbitraries.longs().map(Double::longBitsToDouble).filter(Double::isFinite);
  }

  @Property(tries = 3000)
  void numbersRoundTripInTheShortestEcmaScriptForm(@ForAll("anyFiniteDouble") double d) {
    String s = EcmaNumber.toString(d);
    assertTrue(ES_NUMBER.matcher(s).matches(), s);
    assertEquals(d == 0 ? 0.0 : d, Double.parseDouble(s), s); // -0 prints as 0
    // Never more significant digits than Java's own (round-tripping) Double.toString.
    assertTrue(
        significantDigits(s) <= significantDigits(Double.toString(Math.abs(d))), s + " vs " + d);
  }

  @Property(tries = 1000)
  void safeIntegersPrintAsIntegers(@ForAll long n) {
    long v = n % 9007199254740992L;
    assertEquals(Long.toString(v), CanonicalJson.encode((double) v));
  }

  static int significantDigits(String s) {
    String mantissa =
        s.replace("-", "")
            .split("[eE]")[0]
            .replace(".", "")
            .replaceFirst("^0+", "")
            .replaceFirst("0+$", "");
    return Math.max(1, mantissa.length());
  }

  @Provide
  Arbitrary<Object> jsonValues() {
    Arbitrary<String> strings =
        Arbitraries.strings().withCharRange('\u0000', '\uffff').ofMaxLength(6);
    Arbitrary<String> keys =
        Arbitraries.oneOf(
            strings,
            Arbitraries.longs().between(0, 4294967299L).map(String::valueOf),
            Arbitraries.of("01", "-1", "1.0", "__proto__", "", "\uD800", "a", "B"));
    Arbitrary<Object> leaves =
        Arbitraries.oneOf(
            Arbitraries.just(null),
            Arbitraries.of(true, false),
            strings.map(s -> (Object) s),
            anyFiniteDouble().map(d -> (Object) d),
            Arbitraries.integers().map(i -> (Object) i));
    return Arbitraries.recursive(
        () -> leaves,
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(l -> (Object) l),
                Arbitraries.maps(keys, inner).ofMaxSize(5).map(m -> (Object) m)),
        0,
        4);
  }

  @Property(tries = 500)
  void encodingIsAFixedPointAndKeysAreInOrder(@ForAll("jsonValues") Object value) throws Exception {
    String once = CanonicalJson.encode(value);
    Object parsed = JSON.readValue(once, Object.class);
    assertEquals(once, CanonicalJson.encode(parsed));
    if (parsed instanceof Map<?, ?> m) {
      List<String> keys = new ArrayList<>();
      m.keySet().forEach(k -> keys.add((String) k));
      List<String> sorted = new ArrayList<>(keys);
      sorted.sort(CanonicalJson.KEY_ORDER);
      assertEquals(sorted, keys);
    }
  }

  /**
   * 3000 random values (numbers of every magnitude, strings with lone surrogates, index-like keys)
   * through the TS encoder.
   */
  @Example
  void agreesWithTheTypeScriptEngineByteForByte() throws Exception {
    Path root =
        Path.of(System.getProperty("tracehound.repoRoot", "../..")).toAbsolutePath().normalize();
    Assumptions.assumeTrue(
        Files.isDirectory(root.resolve("node_modules/tsx")), "node_modules/tsx missing");
    Random random = new Random(20261125);
    List<Object> values = new ArrayList<>();
    Arbitrary<Object> arbitrary = jsonValues();
    var gen = arbitrary.generator(1000);
    for (int i = 0; i < 1500; i++) values.add(gen.next(random).value());
    for (int i = 0; i < 1500; i++) {
      double d =
          switch (i % 3) {
            case 0 -> Double.longBitsToDouble(random.nextLong());
            case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(60) - 30);
            default -> (double) (random.nextLong() >> random.nextInt(64));
          };
      values.add(Double.isFinite(d) ? d : 0.5);
    }
    Path script = Files.createTempFile("th-oracle", ".mts");
    Files.writeString(
        script,
        """
        import { createInterface } from 'node:readline'
        import { canonicalize } from '%s'
        const out = []
        for await (const line of createInterface({ input: process.stdin })) out.push(Buffer.from(canonicalize(JSON.parse(line)), 'utf8').toString('hex'))
        process.stdout.write(out.join('\\n') + '\\n')
        """
            .formatted(root.resolve("src/core/index.ts").toUri()));
    Process p =
        new ProcessBuilder("node", "--import", "tsx", script.toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    try (Writer w = new java.io.OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
      for (Object v : values) w.write(CanonicalJson.encode(v) + "\n");
    }
    List<String> ts =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
            .lines()
            .toList();
    assertEquals(0, p.waitFor(), String.join("\n", ts));
    assertEquals(values.size(), ts.size());
    for (int i = 0; i < values.size(); i++) {
      assertEquals(
          ts.get(i),
          Hex.encode(CanonicalJson.bytes(values.get(i))),
          "value " + i + ": " + CanonicalJson.encode(values.get(i)));
    }
  }
}
