package dev.tracehound.client;

import dev.tracehound.kernel.Kernel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Head of the RFC 9162 audit tree; {@code kid} and {@code mac} are null when the daemon has no MAC
 * key.
 */
public record TreeHead(long treeSize, String rootHash, long timestampMs, String kid, String mac) {
  /** The MAC body {@code {treeSize, rootHash, timestamp}}. */
  public Map<String, Object> macBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("treeSize", treeSize);
    body.put("rootHash", rootHash);
    body.put("timestamp", timestampMs);
    return body;
  }

  /** True iff the head carries a MAC that verifies under {@code key} (constant-time compare). */
  public boolean macVerifies(byte[] key) {
    return mac != null && Kernel.verifyMac(key, macBody(), mac);
  }
}
