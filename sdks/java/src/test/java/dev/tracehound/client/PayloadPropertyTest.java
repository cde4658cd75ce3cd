package dev.tracehound.client;

import static org.junit.jupiter.api.Assertions.*;

import dev.tracehound.kernel.CanonicalJson;
import dev.tracehound.kernel.Kernel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Random payloads through this client and the real tracehoundd: the daemon's evidence carries the
 * signature of the bytes the local kernel makes, byte for byte (deep, wide, unicode with lone
 * surrogates, every number form, "__proto__"); and the 512-level boundary gives the engine's
 * verdicts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayloadPropertyTest {
  Daemon daemon;
  TracehoundClient client;

  @BeforeAll
  void start() throws Exception {
    daemon = Daemon.start(List.of("--log-level", "info"), "payload-property-token");
    client =
        TracehoundClient.builder()
            .unixSocket(daemon.socket)
            .deadline(java.time.Duration.ofSeconds(10))
            .build();
  }

  @AfterAll
  void stop() throws Exception {
    if (client != null) client.close();
    if (daemon != null) daemon.close();
  }

  /** A seeded generator of its own (a failure replays from the seed). */
  static final class Payloads {
    final Random r;

    Payloads(long seed) {
      r = new Random(seed);
    }

    Object number() {
      return switch (r.nextInt(5)) {
        case 0 -> {
          double d;
          do d = Double.longBitsToDouble(r.nextLong());
          while (!Double.isFinite(d));
          yield d;
        }
        case 1 ->
            new double[] {
                  0, -0.0, 1e21, 1e-7, 5e-324, Double.MAX_VALUE, 9007199254740992.0, 0.1 + 0.2
                }
                [r.nextInt(8)];
        case 2 -> r.nextInt(2001) - 1000;
        case 3 -> (r.nextInt(99999) + 1) * Math.pow(10, r.nextInt(50) - 25);
        default -> r.nextLong() >>> r.nextInt(64);
      };
    }

    /** List.of and Map.of refuse null, which JSON holds. */
    static List<Object> listOf(Object v) {
      List<Object> l = new ArrayList<>();
      l.add(v);
      return l;
    }

    static Map<String, Object> mapOf(String k, Object v) {
      Map<String, Object> m = new HashMap<>();
      m.put(k, v);
      return m;
    }

    String text() {
      StringBuilder b = new StringBuilder();
      for (int n = r.nextInt(10); n > 0; n--) {
        switch (r.nextInt(6)) {
          case 0 -> b.append((char) r.nextInt(0x20)); // controls
          case 1 -> b.appendCodePoint(0x10000 + r.nextInt(0x100000)); // astral
          case 2 -> b.append((char) (0xD800 + r.nextInt(0x800))); // a surrogate, often lone
          case 3 -> b.append((char) (0x80 + r.nextInt(0xD800 - 0x80)));
          default -> b.append((char) (0x20 + r.nextInt(0x5F)));
        }
      }
      return b.toString();
    }

    String key() {
      return switch (r.nextInt(6)) {
        case 0 -> "__proto__";
        case 1 -> Integer.toString(r.nextInt(20));
        case 2 -> new String[] {"01", "4294967294", "4294967295", "-1", ""}[r.nextInt(5)];
        default -> text();
      };
    }

    Object value(int depth) {
      if (depth < 4) {
        switch (r.nextInt(7)) {
          case 0 -> { // wide
            Map<String, Object> m = new HashMap<>();
            for (int n = r.nextInt(24); n > 0; n--) m.put(key(), value(depth + 1));
            return m;
          }
          case 1 -> {
            List<Object> a = new ArrayList<>();
            for (int n = r.nextInt(12); n > 0; n--) a.add(value(depth + 1));
            return a;
          }
          case 2 -> { // deep, up to the limit
            Object v = value(4);
            for (int n = r.nextInt(CanonicalJson.MAX_DEPTH - depth); n > 0; n--)
              v = r.nextBoolean() ? listOf(v) : mapOf(key(), v);
            return v;
          }
          default -> {}
        }
      }
      return switch (r.nextInt(4)) {
        case 1 -> text();
        case 2 -> r.nextInt(3) == 0 ? null : r.nextBoolean();
        default -> number();
      };
    }
  }

  @Test
  void everyPayloadReachesTheDaemonAsTheLocalKernelEncodesIt() {
    Payloads gen = new Payloads(13);
    String run = UUID.randomUUID().toString();
    for (int i = 0; i < 200; i++) {
      Object payload = gen.value(0);
      String want = Kernel.signature("spam", payload);
      Verdict v =
          client.intercept(
              Scent.threat(
                  Integer.toString(i),
                  "prop-" + run + "-" + i,
                  1L,
                  payload,
                  Category.SPAM,
                  Severity.LOW));
      boolean ok =
          (v instanceof Verdict.Quarantined q && q.handle().signature().equals(want))
              || v.equals(new Verdict.Ignored(want));
      assertTrue(ok, "case " + i + ": " + v + ", want " + want);
    }
  }

  @Test
  void theDepthBoundaryGivesTheEnginesVerdicts() {
    for (boolean objects : new boolean[] {false, true}) {
      for (int depth : new int[] {511, 512, 513, 100_000}) {
        Object v = "core-" + UUID.randomUUID();
        for (int i = 0; i < depth; i++) v = objects ? Map.of("k", v) : List.of(v);
        Verdict got =
            client.intercept(
                Scent.threat(
                    "deep", "deep-" + UUID.randomUUID(), 1L, v, Category.SPAM, Severity.HIGH));
        if (depth <= CanonicalJson.MAX_DEPTH) {
          assertEquals(
              Kernel.signature("spam", v),
              assertInstanceOf(Verdict.Quarantined.class, got, depth + " " + got)
                  .handle()
                  .signature());
        } else {
          assertEquals(new Verdict.PayloadTooLarge(1_000_000), got, depth + " objects " + objects);
        }
      }
    }
  }
}
