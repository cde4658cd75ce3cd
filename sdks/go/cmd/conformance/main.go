// Command conformance is the Go executor (conformance/README.md): `conformance <vectors-dir>`.
// The signature, audit and hmac vectors run through package kernel; intercept sequences run
// through the Go client against the daemon in TRACEHOUND_CONFORMANCE_ADDRESS. It prints one JSON
// line per case, then "N passed, N failed", and exits 1 when a case failed.
package main

import (
	"context"
	"encoding/hex"
	"os"

	"github.com/tracehound/tracehound/sdks/go/kernel"
)

func main() {
	dir := "conformance/vectors"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	out := newReporter(os.Stdout)

	forEachCase(loadSuite(dir, "signature"), "signature", func(_, t obj, id string) {
		out.runCase(id, func() (any, any) { return signatureCase(t) })
	})

	interceptSuite(context.Background(), out, loadSuite(dir, "intercept"), os.Getenv("TRACEHOUND_CONFORMANCE_ADDRESS"))

	forEachCase(loadSuite(dir, "audit"), "audit", func(g, t obj, id string) {
		out.runCase(id, func() (any, any) { return t["result"], auditAnswer(str(g["type"]), t) })
	})

	forEachCase(loadSuite(dir, "hmac"), "hmac", func(g, t obj, id string) {
		out.runCase(id, func() (any, any) { return t["result"], hmacAnswer(g, t) })
	})

	if !out.close() {
		os.Exit(1)
	}
}

// signatureCase returns what the vector wants and what the kernel gave. A valid payload must
// give the vector's canonical bytes and signature; an invalid one must be refused (an error).
func signatureCase(t obj) (want, got any) {
	payload := decodeSpecial(t["payload"])
	signature, err := kernel.Signature(str(t["category"]), payload)
	if t["result"] == "invalid" {
		if err != nil {
			return "refused", "refused"
		}
		return "refused", "accepted"
	}
	want = obj{"canonicalHex": t["canonicalHex"], "signature": t["signature"]}
	if err != nil {
		return want, obj{"refused": err.Error()}
	}
	canonical, err := kernel.Canonicalize(payload)
	if err != nil {
		return want, obj{"refused": err.Error()}
	}
	return want, obj{"canonicalHex": hex.EncodeToString(canonical), "signature": signature}
}

// hmacAnswer is "valid" iff the vector's MAC verifies for its body under the group's key.
func hmacAnswer(g, t obj) string {
	return validity(kernel.VerifyMACHex(str(g["keyHex"]), t["body"], str(t["mac"])), nil)
}

// validity maps a check's outcome to the vectors' answer. An error is the kernel refusing the
// input, the documented way to say "invalid"; a panic is not caught here: runCase reports it.
func validity(holds bool, err error) string {
	if err != nil || !holds {
		return "invalid"
	}
	return "valid"
}
