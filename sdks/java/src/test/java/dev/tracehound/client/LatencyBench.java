package dev.tracehound.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.function.IntConsumer;
import tracehound.v1.TracehoundServiceGrpc;
import tracehound.v1.TracehoundServiceOuterClass.InterceptRequest;

/**
 * The Java client's latency bench, run by {@code npm run bench:sdks} (which starts the servers):
 * sequential intercepts over UDS against tracehoundd on the default path (one long-lived
 * InterceptStream) and on the unary path, and the floor: unary Intercept through the same channel
 * set-up against a bare node:http2 echo, same run. The workload: a threat scent with a small JSON
 * payload (the first is quarantined, every later one is a duplicate → ignored). Prints one JSON
 * line per row. Run: bash sdks/java/bench.sh --daemon SOCKET --echo SOCKET [--calls 3000] [--warmup
 * 2000]
 */
public final class LatencyBench {
  static final Map<String, Object> PAYLOAD =
      Map.of(
          "path",
          "/login",
          "query",
          "user=admin",
          "body",
          "' OR 1=1 --",
          "headers",
          Map.of("user-agent", "bench"));

  public static void main(String[] args) {
    String daemon = arg(args, "--daemon", null);
    String echo = arg(args, "--echo", null);
    if (daemon == null || echo == null)
      throw new IllegalArgumentException(
          "usage: --daemon SOCKET --echo SOCKET [--calls N] [--warmup N]");
    int calls = Integer.parseInt(arg(args, "--calls", "3000"));
    // The JIT needs more warm-up than the other clients' runtimes.
    int warmup = Math.max(2000, Integer.parseInt(arg(args, "--warmup", "2000")));
    for (String path : new String[] {"unary", "stream"}) {
      TracehoundClient.Builder b =
          TracehoundClient.builder()
              .unixSocket(daemon)
              .deadline(Duration.ofSeconds(5))
              .failMode(FailMode.CLOSED);
      if (path.equals("unary")) b.unaryIntercept();
      try (TracehoundClient client = b.build()) {
        row(
            path,
            sample(
                calls,
                warmup,
                i -> {
                  Verdict v = client.intercept(scent(i));
                  if (v.isDegraded()) throw new IllegalStateException("degraded: " + v.degraded());
                }));
      }
    }
    // The floor: the client's own channel set-up and generated stub, a server that writes fixed
    // bytes.
    try (TracehoundClient floor = TracehoundClient.builder().unixSocket(echo).build()) {
      var stub = TracehoundServiceGrpc.newBlockingStub(floor.channel());
      InterceptRequest req = InterceptRequest.newBuilder().setScent(Wire.scent(scent(0))).build();
      row(
          "floor",
          sample(
              calls,
              warmup,
              i ->
                  stub.withDeadlineAfter(5, java.util.concurrent.TimeUnit.SECONDS).intercept(req)));
    }
  }

  static double[] sample(int calls, int warmup, IntConsumer call) {
    for (int i = 0; i < warmup; i++) call.accept(i);
    double[] us = new double[calls];
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      call.accept(i);
      us[i] = (System.nanoTime() - t0) / 1000.0;
    }
    Arrays.sort(us);
    return us;
  }

  static void row(String path, double[] us) {
    System.out.printf(
        "{\"client\":\"java\",\"path\":\"%s\",\"calls\":%d,\"p50Us\":%.1f,\"p99Us\":%.1f}%n",
        path, us.length, us[us.length / 2], us[Math.min(us.length - 1, (int) (us.length * 0.99))]);
  }

  static String arg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
    return fallback;
  }

  static Scent scent(int i) {
    return Scent.threat(
        "java-" + i,
        "bench",
        System.currentTimeMillis(),
        PAYLOAD,
        Category.INJECTION,
        Severity.HIGH);
  }
}
