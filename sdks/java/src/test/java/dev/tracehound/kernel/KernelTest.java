package dev.tracehound.kernel;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelTest {
  static final String EMPTY_ROOT =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void v1RecordHashOfTheGenesisRecord() {
    // conformance/vectors/audit_test.json tcId 1.
    String hash =
        Kernel.recordHash(
            "018bcfe5-6800-7898-bf64-323ccb8944af-1a5a7cf4",
            "spam:81c377d85bae75280fd1064a33ab594fcf849702b47dd2aa1a1b7da0875fe4a3",
            1700000000000L,
            Kernel.GENESIS_HASH);
    assertEquals("687f44b35b534aa2b8c2e44affae0d1218aa9d3556750cfcfca88aefd5600403", hash);
  }

  /**
   * Builds an RFC 9162 inclusion proof the slow way (PATH(m, D[n])), to check the verifier against.
   */
  static List<String> inclusionPath(List<byte[]> leaves, int m) {
    if (leaves.size() <= 1) return new ArrayList<>();
    int k = Integer.highestOneBit(leaves.size() - 1);
    List<String> path;
    if (m < k) {
      path = inclusionPath(leaves.subList(0, k), m);
      path.add(
          Hex.encode(
              Merkle.root(
                  leaves.subList(k, leaves.size()).toArray(new byte[0][]), 0, leaves.size() - k)));
    } else {
      path = inclusionPath(leaves.subList(k, leaves.size()), m - k);
      path.add(Hex.encode(Merkle.root(leaves.subList(0, k).toArray(new byte[0][]), 0, k)));
    }
    return path;
  }

  @Test
  void inclusionProofsVerifyAndEveryBitFlipFails() {
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 13; i++) records.add(Hex.encode(Kernel.sha256(new byte[] {(byte) i})));
    assertEquals(EMPTY_ROOT, Kernel.merkleRoot(List.of()));
    List<byte[]> leaves = new ArrayList<>();
    for (String r : records) leaves.add(Merkle.leafHash(Hex.decode(r)));
    String root = Kernel.merkleRoot(records);
    for (int m = 0; m < 13; m++) {
      List<String> path = inclusionPath(leaves, m);
      String leaf = Hex.encode(Merkle.leafHash(Hex.decode(records.get(m))));
      assertTrue(Kernel.verifyInclusion(leaf, m, 13, path, root), "leaf " + m);
      assertFalse(Kernel.verifyInclusion(leaf, (m + 1) % 13, 13, path, root));
      assertFalse(Kernel.verifyInclusion(leaf, m, m, path, root)); // index must be below the size
      for (int p = 0; p < path.size(); p++) {
        List<String> bad = new ArrayList<>(path);
        char[] c = bad.get(p).toCharArray();
        c[5] = c[5] == '0' ? '1' : '0';
        bad.set(p, new String(c));
        assertFalse(Kernel.verifyInclusion(leaf, m, 13, bad, root));
      }
    }
    assertFalse(
        Kernel.verifyInclusion(
            Hex.encode(Merkle.leafHash(Hex.decode(records.get(0)))), -1, 13, List.of(), root));
    assertFalse(Kernel.verifyInclusion("XYZ", 0, 1, List.of(), root));
  }

  @Test
  void consistencyFromEqualSizesNeedsAnEmptyProofAndEqualRoots() {
    List<String> records = List.of(Hex.encode(Kernel.sha256(new byte[] {1})));
    String root = Kernel.merkleRoot(records);
    assertTrue(Kernel.verifyConsistency(1, 1, List.of(), root, root));
    assertFalse(Kernel.verifyConsistency(0, 1, List.of(), root, root));
    assertFalse(Kernel.verifyConsistency(2, 1, List.of(), root, root));
    assertFalse(Kernel.verifyConsistency(1, 2, List.of(), root, root));
  }

  @Test
  void macsVerifyInConstantTimeAndOnlyUnderTheirKey() {
    // conformance/vectors/hmac_test.json tcId 1.
    byte[] key = Hex.decode("8d68c655677c5c72d8118949e8997571");
    Map<String, Object> head = new LinkedHashMap<>();
    head.put("treeSize", 0);
    head.put("rootHash", EMPTY_ROOT);
    head.put("timestamp", 1700000000000L);
    String mac = "300e6659b2455e7fed7537c47efc3b4d5cbbd35d62a65f7b67da809d556e6d2f";
    assertEquals(mac, Kernel.computeMac(key, head));
    assertTrue(Kernel.verifyMac(key, head, mac));
    assertFalse(Kernel.verifyMac(key, head, mac.toUpperCase()));
    assertFalse(Kernel.verifyMac(Hex.decode("8d68c655677c5c72d8118949e8997570"), head, mac));
    head.put("treeSize", 1);
    assertFalse(Kernel.verifyMac(key, head, mac));
    head.put("treeSize", 0);
    Map<String, Object> signed = new LinkedHashMap<>(head);
    signed.put("kid", "k16");
    signed.put("mac", mac);
    assertTrue(Kernel.verifyRecordMac(key, signed));
    signed.remove("mac");
    assertFalse(Kernel.verifyRecordMac(key, signed));
  }
}
