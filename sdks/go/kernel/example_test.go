package kernel_test

import (
	"fmt"
	"strings"

	"github.com/tracehound/tracehound/sdks/go/kernel"
)

// Canonicalize gives the TH-CJSON-1 bytes every Tracehound implementation hashes: sorted keys,
// ECMAScript numbers, no whitespace.
func ExampleCanonicalize() {
	b, _ := kernel.Canonicalize(map[string]any{"b": []any{1.0, "x"}, "a": 1e21})
	fmt.Println(string(b))
	// Output: {"a":1e+21,"b":[1,"x"]}
}

// Signature is the evidence signature the daemon returns: category ":" SHA-256 of TH-CJSON-1.
func ExampleSignature() {
	sig, _ := kernel.Signature("injection", map[string]any{"b": 2, "a": 1})
	fmt.Println(sig)
	// Output: injection:43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777
}

// A two-leaf tree: the proof for leaf 0 is the hash of leaf 1 (a one-leaf tree's root is its
// leaf hash, so RootHash gives both leaf hashes here).
func ExampleVerifyInclusion() {
	a := strings.Repeat("aa", 32)
	b := strings.Repeat("bb", 32)
	leafA, _ := kernel.RootHash([]string{a})
	leafB, _ := kernel.RootHash([]string{b})
	root, _ := kernel.RootHash([]string{a, b})
	proof := kernel.InclusionProof{LeafIndex: 0, TreeSize: 2, LeafHash: leafA, Path: []string{leafB}}
	fmt.Println(kernel.VerifyInclusion(proof, root), kernel.VerifyInclusion(proof, leafB))
	// Output: true false
}

// A tree is consistent with itself: same size, empty proof, same root.
func ExampleVerifyConsistency() {
	root, _ := kernel.RootHash([]string{strings.Repeat("aa", 32)})
	fmt.Println(kernel.VerifyConsistency(kernel.ConsistencyProof{FirstSize: 1, SecondSize: 1}, root, root))
	// Output: true
}

// MACs are HMAC-SHA-256 over the TH-CJSON-1 bytes of the body, hex.
func ExampleVerifyMAC() {
	key := []byte("0123456789abcdef0123456789abcdef")
	body := map[string]any{"treeSize": 1, "rootHash": "ab"}
	mac, _ := kernel.ComputeMAC(key, body)
	fmt.Println(kernel.VerifyMAC(key, body, mac), kernel.VerifyMAC(key, body, "00"+mac[2:]))
	// Output: true false
}

// RecordHash is v1's audit record hash, recomputed from the record's fields.
func ExampleRecordHash() {
	h, err := kernel.RecordHash(kernel.AuditRecord{ID: "r1", Signature: "injection:00", Timestamp: 1, PreviousHash: kernel.GenesisHash})
	fmt.Println(len(h), err)
	// Output: 64 <nil>
}
