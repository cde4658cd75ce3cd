package dev.tracehound.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The kernel's throughput on the corpus bench/kernels.ts shares with the other languages: number
 * formatting (numbers/s) and signature(category, payload) over the valid signature vectors
 * (documents/s). Prints one JSON line. Run through `npm run bench:kernels`.
 */
public final class KernelBench {
  record Document(String category, Object payload) {}

  public static void main(String[] args) throws Exception {
    double[] numbers =
        Files.readAllLines(Path.of(args[0])).stream()
            .filter(l -> !l.isBlank())
            .mapToDouble(l -> Double.longBitsToDouble(Long.parseUnsignedLong(l.trim(), 16)))
            .toArray();
    List<Document> docs = documents(Path.of(args[1]));
    long budgetNs = (long) (Double.parseDouble(args.length > 2 ? args[2] : "2") * 1e9);
    double numbersPerSec =
        rate(
            budgetNs,
            numbers.length,
            () -> {
              for (double d : numbers) EcmaNumber.toString(d);
            });
    double docsPerSec =
        rate(
            budgetNs,
            docs.size(),
            () -> {
              for (Document d : docs) Kernel.signature(d.category(), d.payload());
            });
    System.out.println(
        new ObjectMapper()
            .writeValueAsString(
                Map.of(
                    "impl",
                    "java",
                    "numbersPerSec",
                    numbersPerSec,
                    "docsPerSec",
                    docsPerSec,
                    "documents",
                    docs.size(),
                    "numbers",
                    numbers.length)));
  }

  /**
   * Runs round (n items) for budgetNs after an equal warm-up (the JIT needs it); items per second.
   */
  static double rate(long budgetNs, int n, Runnable round) {
    for (long start = System.nanoTime(); System.nanoTime() - start < budgetNs; ) round.run();
    long rounds = 0;
    long start = System.nanoTime();
    while (System.nanoTime() - start < budgetNs) {
      round.run();
      rounds++;
    }
    return rounds * n / ((System.nanoTime() - start) / 1e9);
  }

  @SuppressWarnings("unchecked")
  static List<Document> documents(Path vectors) throws Exception {
    Map<String, Object> file = new ObjectMapper().readValue(Files.readString(vectors), Map.class);
    List<Document> out = new ArrayList<>();
    for (Map<String, Object> g : (List<Map<String, Object>>) file.get("testGroups")) {
      for (Map<String, Object> t : (List<Map<String, Object>>) g.get("tests")) {
        if ("valid".equals(t.get("result")))
          out.add(new Document((String) t.get("category"), t.get("payload")));
      }
    }
    return out;
  }
}
