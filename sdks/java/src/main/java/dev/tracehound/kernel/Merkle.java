package dev.tracehound.kernel;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** RFC 9162 Merkle tree hashing and proof verification over raw 32-byte hashes. */
final class Merkle {
  private static final long MAX_SAFE = 9007199254740991L; // sizes JavaScript can carry exactly

  private Merkle() {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] leafHash(byte[] input) {
    MessageDigest d = sha256();
    d.update((byte) 0);
    return d.digest(input);
  }

  static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest d = sha256();
    d.update((byte) 1);
    d.update(left);
    return d.digest(right);
  }

  /** MTH(D[from:to]) over leaf hashes. */
  static byte[] root(byte[][] leafHashes, int from, int to) {
    int n = to - from;
    if (n == 0) return sha256().digest();
    if (n == 1) return leafHashes[from];
    int k = Integer.highestOneBit(n - 1); // largest power of two < n
    return nodeHash(root(leafHashes, from, from + k), root(leafHashes, from + k, to));
  }

  private static boolean isCount(long n) {
    return n >= 0 && n <= MAX_SAFE;
  }

  static boolean verifyInclusion(
      byte[] leafHash, long leafIndex, long treeSize, byte[][] path, byte[] rootHash) {
    if (!isCount(leafIndex) || !isCount(treeSize) || leafIndex >= treeSize) return false;
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) return false;
      if (fn % 2 == 1 || fn == sn) {
        r = nodeHash(p, r);
        if (fn % 2 == 0) {
          while (fn % 2 == 0 && fn != 0) {
            fn /= 2;
            sn /= 2;
          }
        }
      } else {
        r = nodeHash(r, p);
      }
      fn /= 2;
      sn /= 2;
    }
    return sn == 0 && MessageDigest.isEqual(r, rootHash);
  }

  static boolean verifyConsistency(
      long firstSize, long secondSize, byte[][] path, byte[] firstRoot, byte[] secondRoot) {
    if (!isCount(firstSize) || !isCount(secondSize) || firstSize < 1 || firstSize > secondSize)
      return false;
    if (firstSize == secondSize)
      return path.length == 0 && MessageDigest.isEqual(firstRoot, secondRoot);
    if (path.length == 0) return false;
    byte[][] nodes;
    if ((firstSize & (firstSize - 1)) == 0) {
      nodes = new byte[path.length + 1][];
      nodes[0] = firstRoot;
      System.arraycopy(path, 0, nodes, 1, path.length);
    } else {
      nodes = path;
    }
    long fn = firstSize - 1;
    long sn = secondSize - 1;
    while (fn % 2 == 1) {
      fn /= 2;
      sn /= 2;
    }
    byte[] fr = nodes[0];
    byte[] sr = nodes[0];
    for (int i = 1; i < nodes.length; i++) {
      byte[] c = nodes[i];
      if (sn == 0) return false;
      if (fn % 2 == 1 || fn == sn) {
        fr = nodeHash(c, fr);
        sr = nodeHash(c, sr);
        if (fn % 2 == 0) {
          while (fn % 2 == 0 && fn != 0) {
            fn /= 2;
            sn /= 2;
          }
        }
      } else {
        sr = nodeHash(sr, c);
      }
      fn /= 2;
      sn /= 2;
    }
    return sn == 0 && MessageDigest.isEqual(fr, firstRoot) && MessageDigest.isEqual(sr, secondRoot);
  }
}
