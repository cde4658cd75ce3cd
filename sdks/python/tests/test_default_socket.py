"""The default socket rule, identical to tracehoundd's (src/client/socket-path.ts)."""

import os

from tracehound import default_socket_path


def test_xdg_runtime_dir_wins() -> None:
    env = {"XDG_RUNTIME_DIR": "/run/user/1000", "TMPDIR": "/var/tmp"}
    assert default_socket_path(env, 1000) == "/run/user/1000/tracehound/tracehoundd.sock"


def test_tmpdir_per_user_otherwise() -> None:
    assert default_socket_path({"TMPDIR": "/var/tmp"}, 1000) == "/var/tmp/tracehound-1000/tracehoundd.sock"
    assert default_socket_path({"TMPDIR": "", "XDG_RUNTIME_DIR": ""}, 7) == "/tmp/tracehound-7/tracehoundd.sock"
    assert default_socket_path({}, 7) == "/tmp/tracehound-7/tracehoundd.sock"


def test_explicit_socket_overrides() -> None:
    assert default_socket_path({"TRACEHOUND_SOCKET": "/srv/th.sock", "XDG_RUNTIME_DIR": "/run/user/1"}, 1) == "/srv/th.sock"


def test_uses_this_process_uid_by_default() -> None:
    assert default_socket_path({}) == f"/tmp/tracehound-{os.getuid()}/tracehoundd.sock"
