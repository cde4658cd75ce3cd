package dev.tracehound.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real tracehoundd as a child process (node --import tsx src/cli/tracehoundd.ts), as
 * test/daemon-harness.ts does.
 */
final class Daemon implements AutoCloseable {
  static final Path ROOT =
      Path.of(System.getProperty("tracehound.repoRoot", "../..")).toAbsolutePath().normalize();

  final Process process;
  final Path dir;
  final Path socket;
  private final StringBuffer output = new StringBuffer();

  private Daemon(Process process, Path dir, Path socket) {
    this.process = process;
    this.dir = dir;
    this.socket = socket;
  }

  /**
   * Starts the daemon on a fresh socket and its own data directory; waits for its "listening" log
   * line.
   */
  static Daemon start(List<String> args, String token) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("thd-java-");
    Path socket = dir.resolve("th.sock");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "node",
                "--import",
                "tsx",
                "src/cli/tracehoundd.ts",
                "--socket",
                socket.toString(),
                "--no-watch",
                "--data-dir",
                dir.resolve("data").toString()));
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
    pb.environment().put("TRACEHOUND_TOKEN", token == null ? "" : token);
    Daemon d = new Daemon(pb.start(), dir, socket);
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(d.process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  d.output.append(line).append('\n');
                  if (line.contains("\"msg\":\"listening\"")) listening.complete(null);
                }
              } catch (IOException ignored) {
                // the process ended
              }
              listening.completeExceptionally(
                  new IllegalStateException("tracehoundd exited before listening:\n" + d.output));
            },
            "tracehoundd-output");
    reader.setDaemon(true);
    reader.start();
    try {
      listening.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      d.close();
      throw new IllegalStateException(
          "tracehoundd did not start: " + e.getMessage() + "\n" + d.output, e);
    }
    return d;
  }

  String output() {
    return output.toString();
  }

  /** SIGSTOP / SIGCONT: a daemon that hangs without closing its socket. */
  void signal(String sig) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid()))
        .inheritIO()
        .start()
        .waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      try {
        signal("CONT");
      } catch (IOException ignored) {
        // best effort
      }
      process.destroy(); // SIGTERM: graceful shutdown
      if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
  }
}
