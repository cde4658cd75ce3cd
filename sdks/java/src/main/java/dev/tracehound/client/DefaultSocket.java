package dev.tracehound.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where tracehoundd listens by default, resolved exactly as the daemon resolves it: {@code
 * TRACEHOUND_SOCKET} when set, else {@code $XDG_RUNTIME_DIR/tracehound/tracehoundd.sock} when
 * XDG_RUNTIME_DIR is set, else {@code ${TMPDIR:-/tmp}/tracehound-<uid>/tracehoundd.sock}. {@code
 * tracehoundd --print-socket} prints the same path.
 */
public final class DefaultSocket {
  private DefaultSocket() {}

  /** The default path for this process's environment and user. */
  public static String path() {
    return path(System.getenv(), uid());
  }

  /** The rule itself, for a given environment and uid. */
  public static String path(Map<String, String> env, long uid) {
    String explicit = env.get("TRACEHOUND_SOCKET");
    if (explicit != null && !explicit.isEmpty()) return explicit;
    String runtime = env.get("XDG_RUNTIME_DIR");
    if (runtime != null && !runtime.isEmpty())
      return Path.of(runtime, "tracehound", "tracehoundd.sock").toString();
    String tmp = env.get("TMPDIR");
    if (tmp == null || tmp.isEmpty()) tmp = "/tmp";
    return Path.of(tmp, "tracehound-" + uid, "tracehoundd.sock").toString();
  }

  /** The process's uid: the owner of /proc/self (Unix sockets need Linux here anyway). */
  static long uid() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    } catch (IOException | UnsupportedOperationException e) {
      throw new UncheckedIOException(
          "cannot read this process's uid from /proc/self",
          e instanceof IOException io ? io : new IOException(e));
    }
  }
}
