"""The errors the client makes itself, without a verdict from the daemon.

Their codes are the generated ``tracehound.v1.ClientErrorCode``, the one definition every SDK
shares; ``VerdictError.code`` holds the value's name without its ``CLIENT_ERROR_CODE_`` prefix.
"""

from __future__ import annotations

from ._gen.tracehound.v1.client_error_pb2 import ClientErrorCode
from .types import VerdictError

__all__ = ["ClientErrorCode", "client_error", "client_error_name"]

_PREFIX = "CLIENT_ERROR_CODE_"

# Where each code failed (v1's ``state``) and whether retrying can help.
_TRAITS: dict[int, tuple[str, bool]] = {
    ClientErrorCode.CLIENT_ERROR_CODE_DAEMON_UNAVAILABLE: ("daemon", True),
    ClientErrorCode.CLIENT_ERROR_CODE_SCENT_INVALID: ("scent", False),
    ClientErrorCode.CLIENT_ERROR_CODE_CLIENT_UNKNOWN_VERDICT: ("client", False),
    ClientErrorCode.CLIENT_ERROR_CODE_AGENT_SERIALIZATION_FAILED: ("agent", False),
}


def client_error_name(code: ClientErrorCode) -> str:
    """The string ``VerdictError.code`` holds for ``code``, e.g. DAEMON_UNAVAILABLE."""
    return ClientErrorCode.Name(code).removeprefix(_PREFIX)


def client_error(code: ClientErrorCode, message: str) -> VerdictError:
    """The ``error`` of a verdict the client made itself."""
    state, recoverable = _TRAITS[code]
    return VerdictError(state, client_error_name(code), message, recoverable)
