package dev.tracehound.kernel;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The verification kernel (docs/spec/audit.md): what a client needs to check the daemon's answers
 * without trusting it. Plain Java (JDK SHA-256 and HMAC), no I/O. Hashes, proofs and MACs are
 * lowercase hex, as on the wire and in the conformance vectors.
 */
public final class Kernel {
  /** previousHash of the first audit record. */
  public static final String GENESIS_HASH = "0".repeat(64);

  private Kernel() {}

  /** {@code category ":" hex(SHA-256(TH-CJSON-1(payload)))}; throws CanonicalJsonException. */
  public static String signature(String category, Object payload) {
    return category + ":" + Hex.encode(sha256(CanonicalJson.bytes(payload)));
  }

  /**
   * v1's audit record hash: hex SHA-256 of JSON.stringify({id, signature, timestamp,
   * previousHash}).
   */
  public static String recordHash(
      String id, String signature, double timestamp, String previousHash) {
    StringBuilder json = new StringBuilder(200).append("{\"id\":");
    CanonicalJson.writeString(json, id);
    json.append(",\"signature\":");
    CanonicalJson.writeString(json, signature);
    json.append(",\"timestamp\":")
        .append(EcmaNumber.toString(timestamp))
        .append(",\"previousHash\":");
    CanonicalJson.writeString(json, previousHash);
    json.append('}');
    return Hex.encode(sha256(json.toString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * RFC 9162 leaf hash of an audit entry: SHA-256(0x00 ‖ TH-CJSON-1(entry)), every field bound.
   * Throws IllegalArgumentException for an unknown type or a field outside the type's schema.
   */
  public static String leafHash(Object entry) {
    return Hex.encode(Merkle.leafHash(CanonicalJson.bytes(AuditEntry.check(entry))));
  }

  /** RFC 9162 root over leaf inputs given in hex; the empty tree's root is SHA-256(""). */
  public static String merkleRoot(List<String> leafInputs) {
    byte[][] leaves = new byte[leafInputs.size()][];
    for (int i = 0; i < leaves.length; i++)
      leaves[i] = Merkle.leafHash(Hex.decode(leafInputs.get(i)));
    return Hex.encode(Merkle.root(leaves, 0, leaves.length));
  }

  /** RFC 9162 §2.1.3.2; false for anything malformed (sizes, hex, hash lengths). */
  public static boolean verifyInclusion(
      String leafHash, long leafIndex, long treeSize, List<String> path, String rootHash) {
    byte[] leaf = hash(leafHash);
    byte[] root = hash(rootHash);
    byte[][] nodes = hashes(path);
    return leaf != null
        && root != null
        && nodes != null
        && Merkle.verifyInclusion(leaf, leafIndex, treeSize, nodes, root);
  }

  /** RFC 9162 §2.1.4.2; needs 1 ≤ firstSize ≤ secondSize; false for anything malformed. */
  public static boolean verifyConsistency(
      long firstSize, long secondSize, List<String> path, String firstRoot, String secondRoot) {
    byte[] first = hash(firstRoot);
    byte[] second = hash(secondRoot);
    byte[][] nodes = hashes(path);
    return first != null
        && second != null
        && nodes != null
        && Merkle.verifyConsistency(firstSize, secondSize, nodes, first, second);
  }

  /** hex HMAC-SHA256(key, TH-CJSON-1(body)). */
  public static String computeMac(byte[] key, Object body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Hex.encode(mac.doFinal(CanonicalJson.bytes(body)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * Constant-time check of a MAC over TH-CJSON-1(body); false (never a throw) for a bad body or
   * mac.
   */
  public static boolean verifyMac(byte[] key, Object body, String mac) {
    if (mac == null || key == null || key.length == 0) return false;
    String expected;
    try {
      expected = computeMac(key, body);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), mac.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Verifies a record that carries its own {@code kid} and {@code mac} (tree heads, evidence
   * records).
   */
  public static boolean verifyRecordMac(byte[] key, Map<String, ?> record) {
    Object mac = record.get("mac");
    Map<String, Object> body = new LinkedHashMap<>(record);
    body.remove("kid");
    body.remove("mac");
    return mac instanceof String m && verifyMac(key, body, m);
  }

  public static byte[] sha256(byte[] data) {
    return SHA256.get().digest(data);
  }

  /** A digest per thread: getInstance looks the provider up on every call. */
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("SHA-256 unavailable", e);
            }
          });

  /** 32 bytes from 64 lowercase hex characters, else null. */
  private static byte[] hash(String hex) {
    if (hex == null || hex.length() != 64) return null;
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return null;
    }
    return Hex.decode(hex);
  }

  private static byte[][] hashes(List<String> hex) {
    if (hex == null) return null;
    byte[][] out = new byte[hex.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = hash(hex.get(i));
      if (out[i] == null) return null;
    }
    return out;
  }
}
