package dev.tracehound.client;

import dev.tracehound.kernel.Kernel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A MAC-protected summary of quarantined evidence; {@code kid}/{@code mac} null without a daemon
 * key.
 */
public record EvidenceRecord(
    String signature,
    String hash,
    long size,
    Severity severity,
    long capturedMs,
    String kid,
    String mac) {
  /** The MAC body {@code {signature, hash, size, severity, captured}}. */
  public Map<String, Object> macBody() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("signature", signature);
    body.put("hash", hash);
    body.put("size", size);
    body.put("severity", severity.wireName());
    body.put("captured", capturedMs);
    return body;
  }

  public boolean macVerifies(byte[] key) {
    return mac != null && Kernel.verifyMac(key, macBody(), mac);
  }
}
