package dev.tracehound.client;

import dev.tracehound.kernel.Kernel;

/** One entry of the v1 audit chain; {@code type} is "neutralization" or "evacuation". */
public record AuditRecord(
    String id, String type, String signature, long timestampMs, String hash, String previousHash) {
  /** True iff {@code hash} is v1's hash of this record's fields (recomputed locally). */
  public boolean hashVerifies() {
    return Kernel.recordHash(id, signature, timestampMs, previousHash).equals(hash);
  }

  /**
   * The record's Merkle leaf hash: every field bound (throws IllegalArgumentException for a
   * malformed record).
   */
  public String leafHash() {
    return Kernel.leafHash(
        java.util.Map.of(
            "id",
            id,
            "type",
            type,
            "signature",
            signature,
            "timestamp",
            timestampMs,
            "hash",
            hash,
            "previousHash",
            previousHash));
  }
}
