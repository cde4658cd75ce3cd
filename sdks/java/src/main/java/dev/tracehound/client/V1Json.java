package dev.tracehound.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tracehound.v1.TracehoundServiceOuterClass.GetStatsResponse;

/**
 * The daemon's answers in the embedded library's JSON shapes (v1 field names: {@code status},
 * {@code retryAfter}, {@code captured}, {@code timestamp}, …), as mutable maps of plain values: for
 * structured logs, and for comparing with the TS engine or the conformance vectors.
 */
public final class V1Json {
  private V1Json() {}

  /**
   * {@code {status, …}} as v1's InterceptResult; a degraded verdict adds {@code degraded: {code,
   * message}}.
   */
  public static Map<String, Object> verdict(Verdict v) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("status", v.status());
    if (v instanceof Verdict.RateLimited r) f.put("retryAfter", r.retryAfterMs());
    if (v instanceof Verdict.PayloadTooLarge p) f.put("limit", p.limitBytes());
    if (v instanceof Verdict.Ignored i) f.put("signature", i.signature());
    if (v instanceof Verdict.Quarantined q) f.put("handle", handle(q.handle()));
    if (v instanceof Verdict.Error e) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("state", e.state());
      error.put("code", e.code());
      error.put("message", e.message());
      if (e.context() != null) error.put("context", e.context());
      error.put("recoverable", e.recoverable());
      f.put("error", error);
    }
    if (v.degraded() != null)
      f.put(
          "degraded",
          new LinkedHashMap<>(
              Map.of("code", v.degraded().code(), "message", v.degraded().message())));
    return f;
  }

  /** {@code {signature, hash, size, severity, captured, disposed}}. */
  public static Map<String, Object> handle(EvidenceHandle h) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("signature", h.signature());
    f.put("hash", h.hash());
    f.put("size", h.size());
    f.put("severity", h.severity().wireName());
    f.put("captured", h.capturedMs());
    f.put("disposed", h.disposed());
    return f;
  }

  /** {@code {id, type, signature, timestamp, hash, previousHash}}. */
  public static Map<String, Object> auditRecord(AuditRecord r) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("id", r.id());
    f.put("type", r.type());
    f.put("signature", r.signature());
    f.put("timestamp", r.timestampMs());
    f.put("hash", r.hash());
    f.put("previousHash", r.previousHash());
    return f;
  }

  /** {@code {treeSize, rootHash, timestamp}} plus {@code kid, mac} when signed. */
  public static Map<String, Object> treeHead(TreeHead h) {
    Map<String, Object> f = h.macBody();
    if (h.mac() != null) {
      f.put("kid", h.kid());
      f.put("mac", h.mac());
    }
    return f;
  }

  /**
   * {@code {agent: {totalIntercepts, …}, quarantine: {count, bytes, bySeverity}, audit: {records,
   * treeSize}}}.
   */
  public static Map<String, Object> stats(GetStatsResponse s) {
    var a = s.getAgent();
    Map<String, Object> agent = new LinkedHashMap<>();
    agent.put("totalIntercepts", a.getTotalIntercepts());
    agent.put("cleanCount", a.getCleanCount());
    agent.put("rateLimitedCount", a.getRateLimitedCount());
    agent.put("validationFailures", a.getValidationFailures());
    agent.put("ignoredCount", a.getIgnoredCount());
    agent.put("quarantinedCount", a.getQuarantinedCount());
    agent.put("errorCount", a.getErrorCount());
    Map<String, Object> bySeverity = new LinkedHashMap<>();
    for (String k : List.of("low", "medium", "high", "critical"))
      bySeverity.put(k, s.getQuarantine().getBySeverityOrDefault(k, 0));
    Map<String, Object> quarantine = new LinkedHashMap<>();
    quarantine.put("count", s.getQuarantine().getCount());
    quarantine.put("bytes", s.getQuarantine().getBytes());
    quarantine.put("bySeverity", bySeverity);
    Map<String, Object> audit = new LinkedHashMap<>();
    audit.put("records", s.getAudit().getRecords());
    audit.put("treeSize", s.getAudit().getTreeSize());
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("agent", agent);
    f.put("quarantine", quarantine);
    f.put("audit", audit);
    return f;
  }
}
