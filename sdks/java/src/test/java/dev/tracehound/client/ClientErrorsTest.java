package dev.tracehound.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tracehound.v1.ClientError.ClientErrorCode;

class ClientErrorsTest {
  /**
   * Every generated code but UNSPECIFIED maps to its proto name without the prefix, with a state.
   */
  @Test
  void coversTheGeneratedEnum() {
    int covered = 0;
    for (ClientErrorCode c : ClientErrorCode.values()) {
      if (c == ClientErrorCode.CLIENT_ERROR_CODE_UNSPECIFIED || c == ClientErrorCode.UNRECOGNIZED)
        continue;
      Verdict.Error e = ClientErrors.error(c, "m", null);
      assertEquals(
          c.getValueDescriptor().getName().replaceFirst("^CLIENT_ERROR_CODE_", ""), e.code());
      assertFalse(e.state().isEmpty());
      assertEquals("m", e.message());
      assertNull(e.degraded());
      covered++;
    }
    assertTrue(covered >= 4, "covered " + covered);
  }

  /** The strings Java users match on today stay the same. */
  @Test
  void keepsTheStringsUsersMatchOn() {
    assertEquals(
        "DAEMON_UNAVAILABLE",
        ClientErrors.name(ClientErrorCode.CLIENT_ERROR_CODE_DAEMON_UNAVAILABLE));
    assertEquals(
        "SCENT_INVALID", ClientErrors.name(ClientErrorCode.CLIENT_ERROR_CODE_SCENT_INVALID));
    assertEquals(
        "CLIENT_UNKNOWN_VERDICT",
        ClientErrors.name(ClientErrorCode.CLIENT_ERROR_CODE_CLIENT_UNKNOWN_VERDICT));
    Verdict.Error down =
        ClientErrors.error(ClientErrorCode.CLIENT_ERROR_CODE_DAEMON_UNAVAILABLE, "down", null);
    assertEquals("daemon", down.state());
    assertTrue(down.recoverable());
    assertFalse(
        ClientErrors.error(ClientErrorCode.CLIENT_ERROR_CODE_SCENT_INVALID, "bad", null)
            .recoverable());
  }
}
