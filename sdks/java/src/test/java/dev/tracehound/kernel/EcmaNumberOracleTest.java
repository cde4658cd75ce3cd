package dev.tracehound.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * One million seeded doubles formatted by Node's own Number.prototype.toString and by EcmaNumber.
 */
class EcmaNumberOracleTest {
  static final int COUNT = 1_000_000;

  /**
   * Three shapes, a third each: raw bit patterns (every exponent, subnormals included), decimals of
   * up to 17 digits at any scale (where shortest-digit ties live), and the tiniest subnormals.
   */
  static final String NODE_SCRIPT =
      """
      let a = 0x9e3779b9 >>> 0, b = 0x243f6a88 >>> 0
      const next = () => { a ^= a << 13; a >>>= 0; a ^= a >>> 17; a ^= a << 5; a >>>= 0; b = (b + 0x6d2b79f5) >>> 0; return (a ^ b) >>> 0 }
      const view = new DataView(new ArrayBuffer(8))
      const count = Number(process.argv[1])
      let out = ''
      for (let i = 0; i < count; i++) {
        let x
        switch (i % 3) {
          case 0: view.setUint32(0, next()); view.setUint32(4, next()); x = view.getFloat64(0); break
          case 1: x = (next() * 4294967296 + next()) % 1e17 * 10 ** ((next() % 640) - 340); break
          default: view.setUint32(0, next() % 16); view.setUint32(4, next() % 64); x = view.getFloat64(0)
        }
        if (!Number.isFinite(x)) x = i
        view.setFloat64(0, x)
        out += view.getBigUint64(0).toString(16) + ' ' + String(x) + '\\n'
        if (out.length > 1 << 16) { process.stdout.write(out); out = '' }
      }
      process.stdout.write(out)
      """;

  @Test
  void agreesWithNodeOnAMillionDoubles() throws Exception {
    Path root =
        Path.of(System.getProperty("tracehound.repoRoot", "../..")).toAbsolutePath().normalize();
    Process node =
        new ProcessBuilder("node", "-e", NODE_SCRIPT, String.valueOf(COUNT))
            .directory(root.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    int seen = 0;
    int mismatches = 0;
    StringBuilder firstMismatches = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(node.getInputStream(), StandardCharsets.US_ASCII))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        int space = line.indexOf(' ');
        double x = Double.longBitsToDouble(Long.parseUnsignedLong(line, 0, space, 16));
        String expected = line.substring(space + 1);
        String actual = EcmaNumber.toString(x);
        if (!expected.equals(actual) && mismatches++ < 10) {
          firstMismatches
              .append('\n')
              .append(line, 0, space)
              .append(": node ")
              .append(expected)
              .append(", java ")
              .append(actual);
        }
        seen++;
      }
    }
    assertEquals(0, node.waitFor(), "node exited with an error");
    assertEquals(COUNT, seen, "node printed fewer lines than asked");
    assertEquals(0, mismatches, mismatches + " of " + COUNT + " differ:" + firstMismatches);
  }
}
