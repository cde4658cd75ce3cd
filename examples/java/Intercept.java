// The Java client of tracehoundd: intercept a scent, neutralize its evidence, verify the audit
// record without trusting the daemon. builder().build() finds the daemon's default socket.
// Run: java -cp sdks/java/target/tracehound-client-all.jar examples/java/Intercept.java
import dev.tracehound.client.Category;
import dev.tracehound.client.Scent;
import dev.tracehound.client.Severity;
import dev.tracehound.client.TracehoundClient;
import dev.tracehound.client.Verdict;
import java.util.Map;

public class Intercept {
  public static void main(String[] args) {
    try (TracehoundClient th = TracehoundClient.builder().build()) { // or .address(host, port).token(t)
      Verdict v = th.intercept(Scent.threat("req-1", "203.0.113.7", System.currentTimeMillis(),
          Map.of("path", "/login", "body", "' OR 1=1 --", "from", "java"), Category.INJECTION, Severity.HIGH));
      System.out.println(v.status()); // never throws: daemon trouble → Verdict.Clean with degraded() set
      if (!(v instanceof Verdict.Quarantined q)) {
        System.err.println("degraded: " + v.degraded());
        System.exit(1);
        return;
      }
      long treeSize = th.neutralize(q.handle().signature()).orElseThrow().treeSize();
      boolean ok = th.verifyAuditRecord(treeSize - 1); // hash, leaf hash, inclusion proof: checked locally
      System.out.println("audit record " + (treeSize - 1) + " verified: " + ok);
      if (!ok) System.exit(1);
    }
  }
}
