"""The client's own error codes come from the generated tracehound.v1.ClientErrorCode."""

from typing import cast

from tracehound import ClientErrorCode, client_error_name
from tracehound._gen.tracehound.v1 import client_error_pb2
from tracehound.client_error import client_error


def test_every_generated_code_maps_to_its_proto_name() -> None:
    values = client_error_pb2.DESCRIPTOR.enum_types_by_name["ClientErrorCode"].values
    known = [v for v in values if v.number != ClientErrorCode.CLIENT_ERROR_CODE_UNSPECIFIED]
    assert len(known) >= 4
    for v in known:
        e = client_error(cast(ClientErrorCode, ClientErrorCode.Value(v.name)), "m")
        assert e.code == v.name.removeprefix("CLIENT_ERROR_CODE_")
        assert e.state and e.message == "m"


def test_strings_users_match_on_stay_the_same() -> None:
    assert client_error_name(ClientErrorCode.CLIENT_ERROR_CODE_DAEMON_UNAVAILABLE) == "DAEMON_UNAVAILABLE"
    assert client_error_name(ClientErrorCode.CLIENT_ERROR_CODE_SCENT_INVALID) == "SCENT_INVALID"
    assert client_error_name(ClientErrorCode.CLIENT_ERROR_CODE_CLIENT_UNKNOWN_VERDICT) == "CLIENT_UNKNOWN_VERDICT"
    down = client_error(ClientErrorCode.CLIENT_ERROR_CODE_DAEMON_UNAVAILABLE, "down")
    assert (down.state, down.recoverable) == ("daemon", True)
    assert not client_error(ClientErrorCode.CLIENT_ERROR_CODE_SCENT_INVALID, "bad").recoverable
