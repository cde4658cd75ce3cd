package dev.tracehound.client;

import com.google.protobuf.ByteString;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.tracehound.kernel.CanonicalJson;
import dev.tracehound.kernel.CanonicalJsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tracehound.v1.Audit;
import tracehound.v1.ClientError.ClientErrorCode;
import tracehound.v1.ScentOuterClass;
import tracehound.v1.VerdictOuterClass;

/** Plain Java values ↔ tracehound.v1 wire messages. */
final class Wire {
  private Wire() {}

  /** google.protobuf.Value → null, Boolean, String, Double, Map or List. */
  static Object fromValue(Value v) {
    return switch (v.getKindCase()) {
      case NULL_VALUE, KIND_NOT_SET -> null;
      case BOOL_VALUE -> v.getBoolValue();
      case STRING_VALUE -> v.getStringValue();
      case NUMBER_VALUE -> v.getNumberValue();
      case STRUCT_VALUE -> fromStruct(v.getStructValue());
      case LIST_VALUE -> {
        List<Object> out = new ArrayList<>();
        for (Value item : v.getListValue().getValuesList()) out.add(fromValue(item));
        yield out;
      }
    };
  }

  static Map<String, Object> fromStruct(Struct s) {
    Map<String, Object> out = new LinkedHashMap<>();
    s.getFieldsMap().forEach((k, item) -> out.put(k, fromValue(item)));
    return out;
  }

  /**
   * A threat's payload travels as this kernel's TH-CJSON-1 bytes, or as its refusal (too deep, not
   * JSON), which the daemon judges as the embedded engine does (rate limit first). A clean scent's
   * payload is never read, so it is not sent.
   */
  static ScentOuterClass.Scent scent(Scent s) {
    ScentOuterClass.Scent.Builder b =
        ScentOuterClass.Scent.newBuilder()
            .setId(s.id())
            .setSource(s.source())
            .setTimestampMs(s.timestampMs());
    if (s.threat() == null) return b.build();
    b.setThreat(
        ScentOuterClass.ThreatSignal.newBuilder()
            .setCategoryValue(s.threat().category().ordinal() + 1)
            .setSeverityValue(s.threat().severity().ordinal() + 1));
    try {
      b.setPayloadCjson(ByteString.copyFrom(CanonicalJson.bytes(s.payload())));
    } catch (CanonicalJsonException e) {
      b.setPayloadRefusal(
          ScentOuterClass.PayloadRefusal.newBuilder()
              .setKind(
                  e.tooDeep()
                      ? ScentOuterClass.PayloadRefusal.Kind.KIND_TOO_DEEP
                      : ScentOuterClass.PayloadRefusal.Kind.KIND_NOT_JSON)
              .setReason(e.getMessage()));
    }
    return b.build();
  }

  static Severity severity(ScentOuterClass.Severity s) {
    return switch (s) {
      case SEVERITY_MEDIUM -> Severity.MEDIUM;
      case SEVERITY_HIGH -> Severity.HIGH;
      case SEVERITY_CRITICAL -> Severity.CRITICAL;
      default -> Severity.LOW;
    };
  }

  static EvidenceHandle handle(VerdictOuterClass.EvidenceHandle h) {
    return new EvidenceHandle(
        h.getSignature(),
        h.getHash(),
        h.getSize(),
        h.getCapturedMs(),
        severity(h.getSeverity()),
        h.getDisposed());
  }

  static Verdict verdict(VerdictOuterClass.Verdict v) {
    return switch (v.getOutcomeCase()) {
      case CLEAN -> Verdict.Clean.INSTANCE;
      case RATE_LIMITED -> new Verdict.RateLimited(v.getRateLimited().getRetryAfterMs());
      case PAYLOAD_TOO_LARGE -> new Verdict.PayloadTooLarge(v.getPayloadTooLarge().getLimitBytes());
      case IGNORED -> new Verdict.Ignored(v.getIgnored().getSignature());
      case QUARANTINED ->
          v.getQuarantined().hasHandle()
              ? new Verdict.Quarantined(handle(v.getQuarantined().getHandle()))
              : unknown("quarantined verdict without a handle");
      case ERROR -> {
        VerdictOuterClass.Verdict.Error e = v.getError();
        yield new Verdict.Error(
            e.getState(),
            e.getCode(),
            e.getMessage(),
            e.getRecoverable(),
            e.hasContext() ? fromStruct(e.getContext()) : null,
            null);
      }
      case OUTCOME_NOT_SET -> unknown("verdict without an outcome");
    };
  }

  private static Verdict unknown(String message) {
    return ClientErrors.error(
        ClientErrorCode.CLIENT_ERROR_CODE_CLIENT_UNKNOWN_VERDICT, message, null);
  }

  static AuditRecord auditRecord(Audit.AuditRecord r) {
    return new AuditRecord(
        r.getId(),
        r.getType(),
        r.getSignature(),
        r.getTimestampMs(),
        r.getHash(),
        r.getPreviousHash());
  }

  static TreeHead treeHead(Audit.TreeHead h) {
    boolean signed = !h.getMac().isEmpty();
    return new TreeHead(
        h.getTreeSize(),
        h.getRootHash(),
        h.getTimestampMs(),
        signed ? h.getKid() : null,
        signed ? h.getMac() : null);
  }
}
