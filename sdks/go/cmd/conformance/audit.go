package main

import "github.com/tracehound/tracehound/sdks/go/kernel"

// auditChecks tell whether an audit_test case's claim holds, one per group type. An error is the
// kernel refusing the input: an unknown or malformed entry, or a field that does not decode into
// the kernel's type (a negative, fractional or too large proof size).
var auditChecks = map[string]func(t obj) (bool, error){
	"RecordHashTest":       recordHashHolds,
	"LeafHashTest":         leafHashHolds,
	"TreeHeadTest":         treeHeadHolds,
	"InclusionProofTest":   inclusionHolds,
	"ConsistencyProofTest": consistencyHolds,
}

// auditAnswer is "valid" iff the check of the group's type holds.
func auditAnswer(groupType string, t obj) string {
	check, known := auditChecks[groupType]
	if !known {
		panic("no check for audit group type " + groupType)
	}
	return validity(check(t))
}

func recordHashHolds(t obj) (bool, error) {
	var record kernel.AuditRecord
	if err := decode(t["record"], &record); err != nil {
		return false, err
	}
	hash, err := kernel.RecordHash(record)
	return err == nil && hash == t["hash"], err
}

func leafHashHolds(t obj) (bool, error) {
	leaf, err := kernel.LeafHash(t["entry"])
	return err == nil && leaf == t["leafHash"], err
}

func treeHeadHolds(t obj) (bool, error) {
	var leaves []string
	if err := decode(t["leaves"], &leaves); err != nil {
		return false, err
	}
	root, ok := kernel.RootHash(leaves)
	return ok && root == t["rootHash"], nil
}

func inclusionHolds(t obj) (bool, error) {
	var proof kernel.InclusionProof
	if err := decode(t, &proof); err != nil {
		return false, err
	}
	return kernel.VerifyInclusion(proof, str(t["rootHash"])), nil
}

func consistencyHolds(t obj) (bool, error) {
	var proof kernel.ConsistencyProof
	if err := decode(t, &proof); err != nil {
		return false, err
	}
	return kernel.VerifyConsistency(proof, str(t["firstRoot"]), str(t["secondRoot"])), nil
}
