package dev.tracehound.client;

import dev.tracehound.kernel.Kernel;
import java.util.List;

/** RFC 9162 §2.1.4 consistency proof between two tree sizes (hashes in lowercase hex). */
public record ConsistencyProof(long firstSize, long secondSize, List<String> path) {
  /**
   * True iff the tree of {@code secondRoot} extends the tree of {@code firstRoot} (checked
   * locally).
   */
  public boolean verifies(String firstRoot, String secondRoot) {
    return Kernel.verifyConsistency(firstSize, secondSize, path, firstRoot, secondRoot);
  }
}
