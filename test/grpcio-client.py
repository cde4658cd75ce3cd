"""Calls tracehoundd with Python grpcio, generically (no generated stubs).

stdin: {"target": "unix:/path" | "host:port", "calls": [{"method", "request_hex", "metadata": [[k, v]]}]}
stdout: [{"code": "OK" | status name, "response_hex", "details"}], one per call.
"""

import json
import sys

import grpc


def main() -> None:
    spec = json.load(sys.stdin)
    identity = lambda b: b  # noqa: E731 - bytes in, bytes out
    results = []
    with grpc.insecure_channel(spec["target"]) as channel:
        for call in spec["calls"]:
            rpc = channel.unary_unary(call["method"], request_serializer=identity, response_deserializer=identity)
            try:
                response = rpc(bytes.fromhex(call["request_hex"]), metadata=call.get("metadata") or None, timeout=10)
                results.append({"code": "OK", "response_hex": response.hex(), "details": ""})
            except grpc.RpcError as e:
                results.append({"code": e.code().name, "response_hex": "", "details": e.details() or ""})
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
