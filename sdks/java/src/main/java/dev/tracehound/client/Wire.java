package dev.tracehound.client;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import dev.tracehound.kernel.CanonicalJson;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tracehound.v1.Audit;
import tracehound.v1.ScentOuterClass;
import tracehound.v1.VerdictOuterClass;

/** Plain Java values ↔ tracehound.v1 wire messages. */
final class Wire {
  private Wire() {}

  /** Thrown for a payload that is not a JSON value (a non-JSON type, a non-String key). */
  static final class NotJson extends RuntimeException {
    NotJson(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * A JSON value as a google.protobuf.Value. NaN and ±Infinity pass through as binary doubles
   * (gRPC carries them), so the daemon refuses them exactly as the embedded engine does.
   */
  static Value toValue(Object v) {
    if (v == null) return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
    if (v instanceof Boolean b) return Value.newBuilder().setBoolValue(b).build();
    if (v instanceof CharSequence s) return Value.newBuilder().setStringValue(s.toString()).build();
    if (v instanceof Number n) return Value.newBuilder().setNumberValue(CanonicalJson.toDouble(n)).build();
    if (v instanceof Map<?, ?> map) {
      Struct.Builder s = Struct.newBuilder();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!(e.getKey() instanceof String k)) throw new NotJson("object keys must be strings, not " + e.getKey());
        s.putFields(k, toValue(e.getValue()));
      }
      return Value.newBuilder().setStructValue(s).build();
    }
    if (v instanceof Iterable<?> items) {
      ListValue.Builder l = ListValue.newBuilder();
      for (Object item : items) l.addValues(toValue(item));
      return Value.newBuilder().setListValue(l).build();
    }
    if (v.getClass().isArray()) {
      ListValue.Builder l = ListValue.newBuilder();
      for (int i = 0, n = Array.getLength(v); i < n; i++) l.addValues(toValue(Array.get(v, i)));
      return Value.newBuilder().setListValue(l).build();
    }
    throw new NotJson(v.getClass().getName() + " is not a JSON value");
  }

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

  static ScentOuterClass.Scent scent(Scent s, Value payload) {
    ScentOuterClass.Scent.Builder b = ScentOuterClass.Scent.newBuilder()
        .setId(s.id())
        .setSource(s.source())
        .setTimestampMs(s.timestampMs())
        .setPayload(payload);
    if (s.threat() != null) {
      b.setThreat(ScentOuterClass.ThreatSignal.newBuilder()
          .setCategoryValue(s.threat().category().ordinal() + 1)
          .setSeverityValue(s.threat().severity().ordinal() + 1));
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
    return new EvidenceHandle(h.getSignature(), h.getHash(), h.getSize(), h.getCapturedMs(), severity(h.getSeverity()), h.getDisposed());
  }

  static Verdict verdict(VerdictOuterClass.Verdict v) {
    return switch (v.getOutcomeCase()) {
      case CLEAN -> Verdict.Clean.INSTANCE;
      case RATE_LIMITED -> new Verdict.RateLimited(v.getRateLimited().getRetryAfterMs());
      case PAYLOAD_TOO_LARGE -> new Verdict.PayloadTooLarge(v.getPayloadTooLarge().getLimitBytes());
      case IGNORED -> new Verdict.Ignored(v.getIgnored().getSignature());
      case QUARANTINED -> v.getQuarantined().hasHandle()
          ? new Verdict.Quarantined(handle(v.getQuarantined().getHandle()))
          : unknown("quarantined verdict without a handle");
      case ERROR -> {
        VerdictOuterClass.Verdict.Error e = v.getError();
        yield new Verdict.Error(e.getState(), e.getCode(), e.getMessage(), e.getRecoverable(),
            e.hasContext() ? fromStruct(e.getContext()) : null, null);
      }
      case OUTCOME_NOT_SET -> unknown("verdict without an outcome");
    };
  }

  private static Verdict unknown(String message) {
    return new Verdict.Error("client", "CLIENT_UNKNOWN_VERDICT", message, false, null, null);
  }

  static AuditRecord auditRecord(Audit.AuditRecord r) {
    return new AuditRecord(r.getId(), r.getType(), r.getSignature(), r.getTimestampMs(), r.getHash(), r.getPreviousHash());
  }

  static TreeHead treeHead(Audit.TreeHead h) {
    boolean signed = !h.getMac().isEmpty();
    return new TreeHead(h.getTreeSize(), h.getRootHash(), h.getTimestampMs(), signed ? h.getKid() : null, signed ? h.getMac() : null);
  }
}
