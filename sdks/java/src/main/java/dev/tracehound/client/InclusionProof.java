package dev.tracehound.client;

import dev.tracehound.kernel.Kernel;
import java.util.List;

/** RFC 9162 §2.1.3 inclusion proof of one audit record (hashes in lowercase hex). */
public record InclusionProof(long leafIndex, long treeSize, String leafHash, List<String> path) {
  /** True iff the proof leads from {@code leafHash} to {@code rootHash} (checked locally). */
  public boolean verifies(String rootHash) {
    return Kernel.verifyInclusion(leafHash, leafIndex, treeSize, path, rootHash);
  }
}
