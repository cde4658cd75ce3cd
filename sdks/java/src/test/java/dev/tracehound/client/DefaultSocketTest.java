package dev.tracehound.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DefaultSocketTest {
  @Test
  void xdgRuntimeDirWins() {
    assertEquals(
        "/run/user/1000/tracehound/tracehoundd.sock",
        DefaultSocket.path(
            Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "TMPDIR", "/var/tmp"), 1000));
  }

  @Test
  void tmpdirPerUserOtherwise() {
    assertEquals(
        "/var/tmp/tracehound-1000/tracehoundd.sock",
        DefaultSocket.path(Map.of("TMPDIR", "/var/tmp"), 1000));
    assertEquals(
        "/tmp/tracehound-7/tracehoundd.sock",
        DefaultSocket.path(Map.of("TMPDIR", "", "XDG_RUNTIME_DIR", ""), 7));
    assertEquals("/tmp/tracehound-7/tracehoundd.sock", DefaultSocket.path(Map.of(), 7));
  }

  @Test
  void explicitSocketOverrides() {
    assertEquals(
        "/srv/th.sock",
        DefaultSocket.path(
            Map.of("TRACEHOUND_SOCKET", "/srv/th.sock", "XDG_RUNTIME_DIR", "/run/user/1"), 1));
  }

  @Test
  void uidIsThisProcesss() throws Exception {
    Process p = new ProcessBuilder("id", "-u").start();
    long expected = Long.parseLong(new String(p.getInputStream().readAllBytes()).trim());
    assertEquals(expected, DefaultSocket.uid());
  }
}
