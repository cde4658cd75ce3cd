package dev.tracehound.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Unary Intercept latency over UDS: the Java client (a warmed-up sequential loop) and, in the same
 * run against the same daemon, the TS client; then interceptMany throughput. Prints a table.
 * Run: bash sdks/java/bench.sh [calls] [warmup]
 */
public final class LatencyBench {
  static final Map<String, Object> PAYLOAD = Map.of("path", "/login", "query", "user=admin", "body", "' OR 1=1 --",
      "headers", Map.of("user-agent", "bench"));

  record Row(String client, int calls, double p50Us, double p99Us, double meanUs) {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
    var config = Files.createTempFile("th-bench", ".json");
    Files.writeString(config, "{\"rateLimit\":{\"maxRequests\":1000000000}}");
    List<Row> rows = new ArrayList<>();
    String many;
    try (Daemon d = Daemon.start(List.of("--config", config.toString(), "--log-level", "info"), null);
        TracehoundClient client = TracehoundClient.builder().unixSocket(d.socket).deadline(java.time.Duration.ofSeconds(5)).build()) {
      for (int i = 0; i < warmup; i++) client.intercept(scent(i));
      double[] us = new double[calls];
      for (int i = 0; i < calls; i++) {
        long t0 = System.nanoTime();
        Verdict v = client.intercept(scent(i));
        us[i] = (System.nanoTime() - t0) / 1000.0;
        if (v.isDegraded()) throw new IllegalStateException("degraded: " + v.degraded());
      }
      Arrays.sort(us);
      rows.add(new Row("java (grpc-java, netty epoll UDS)", calls, us[calls / 2], us[Math.min(calls - 1, (int) (calls * 0.99))],
          Arrays.stream(us).average().orElse(0)));
      Process ts = new ProcessBuilder(Daemon.ROOT.resolve("node_modules/.bin/tsx").toString(), "bench/ts-client-latency.ts",
          d.socket.toString(), Integer.toString(calls), Integer.toString(warmup)).directory(Daemon.ROOT.toFile()).redirectErrorStream(true).start();
      String out = new String(ts.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (ts.waitFor() != 0) throw new IllegalStateException("TS client bench failed: " + out);
      Map<?, ?> r = new ObjectMapper().readValue(out.substring(out.lastIndexOf('\n') + 1), Map.class);
      rows.add(new Row("typescript (connect-node gRPC)", calls, num(r.get("p50Us")), num(r.get("p99Us")), num(r.get("meanUs"))));
      List<Scent> batch = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) batch.add(Scent.threat("m" + i, "bench", System.currentTimeMillis(), Map.of("i", i % 500), Category.FLOOD, Severity.LOW));
      client.interceptMany(batch.subList(0, 2000)); // warm the stream path
      long t0 = System.nanoTime();
      List<Verdict> verdicts = client.interceptMany(batch);
      double ms = (System.nanoTime() - t0) / 1e6;
      if (verdicts.stream().anyMatch(Verdict::isDegraded)) throw new IllegalStateException("degraded verdicts in interceptMany");
      many = String.format("Java interceptMany over one stream: 20 000 scents in %.0f ms (≈ %.0f scents/s)", ms, 20_000 / ms * 1000);
    }
    System.out.printf("unary Intercept over UDS, sequential, %d calls after %d warm-up (µs)%n%n", calls, warmup);
    System.out.println("| client | p50 µs | p99 µs | mean µs |");
    System.out.println("|---|---|---|---|");
    for (Row r : rows) System.out.printf("| %s | %.0f | %.0f | %.0f |%n", r.client(), r.p50Us(), r.p99Us(), r.meanUs());
    System.out.println();
    System.out.println(many);
  }

  static Scent scent(int i) {
    return Scent.threat("java-" + i, "bench", System.currentTimeMillis(), PAYLOAD, Category.INJECTION, Severity.HIGH);
  }

  static double num(Object o) {
    return ((Number) o).doubleValue();
  }
}
