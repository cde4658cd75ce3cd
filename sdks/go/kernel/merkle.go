package kernel

import (
	"crypto/sha256"
	"encoding/hex"
)

// RFC 9162 Merkle tree over audit entries (docs/core.md): leaf input = the TH-CJSON-1 bytes of the
// whole entry (entry.go); leaf hash = SHA-256(0x00 ‖ input); node = SHA-256(0x01 ‖ left ‖ right); the empty tree's
// root is SHA-256(""). Hashes are lowercase hex, as on the wire; anything else fails verification.

const hashSize = 32

// decodeHash decodes exactly 32 bytes of lowercase hex.
func decodeHash(s string) ([]byte, bool) {
	if len(s) != 2*hashSize {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return nil, false
		}
	}
	b, err := hex.DecodeString(s)
	return b, err == nil
}

func decodeHashes(list []string) ([][]byte, bool) {
	out := make([][]byte, len(list))
	for i, s := range list {
		b, ok := decodeHash(s)
		if !ok {
			return nil, false
		}
		out[i] = b
	}
	return out, true
}

func leafOf(input []byte) []byte {
	h := sha256.New()
	h.Write([]byte{0})
	h.Write(input)
	return h.Sum(nil)
}

func nodeOf(left, right []byte) []byte {
	h := sha256.New()
	h.Write([]byte{1})
	h.Write(left)
	h.Write(right)
	return h.Sum(nil)
}

// RootHash computes the RFC 9162 root over leaf inputs of 32 bytes each (lowercase hex), oldest
// first, as the vectors' TreeHeadTest gives them.
func RootHash(leafInputs []string) (string, bool) {
	leaves, ok := decodeHashes(leafInputs)
	if !ok {
		return "", false
	}
	for i, l := range leaves {
		leaves[i] = leafOf(l)
	}
	return hex.EncodeToString(mth(leaves)), true
}

// mth is RFC 9162 §2.1.1 MTH over leaf hashes.
func mth(leaves [][]byte) []byte {
	switch len(leaves) {
	case 0:
		sum := sha256.Sum256(nil)
		return sum[:]
	case 1:
		return leaves[0]
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	return nodeOf(mth(leaves[:k]), mth(leaves[k:]))
}

// InclusionProof is an RFC 9162 §2.1.3 proof that a leaf is in a tree of TreeSize leaves.
type InclusionProof struct {
	LeafIndex uint64   `json:"leafIndex"`
	TreeSize  uint64   `json:"treeSize"`
	LeafHash  string   `json:"leafHash"`
	Path      []string `json:"path"`
}

// VerifyInclusion runs RFC 9162 §2.1.3.2 against rootHash.
func VerifyInclusion(p InclusionProof, rootHash string) bool {
	leaf, ok1 := decodeHash(p.LeafHash)
	root, ok2 := decodeHash(rootHash)
	path, ok3 := decodeHashes(p.Path)
	if !ok1 || !ok2 || !ok3 || p.LeafIndex >= p.TreeSize {
		return false
	}
	fn, sn := p.LeafIndex, p.TreeSize-1
	r := leaf
	for _, node := range path {
		if sn == 0 {
			return false
		}
		if fn%2 == 1 || fn == sn {
			r = nodeOf(node, r)
			for fn%2 == 0 && fn != 0 {
				fn >>= 1
				sn >>= 1
			}
		} else {
			r = nodeOf(r, node)
		}
		fn >>= 1
		sn >>= 1
	}
	return sn == 0 && equal(r, root)
}

// ConsistencyProof is an RFC 9162 §2.1.4 proof that a tree of FirstSize leaves is a prefix of one
// of SecondSize leaves.
type ConsistencyProof struct {
	FirstSize  uint64   `json:"firstSize"`
	SecondSize uint64   `json:"secondSize"`
	Path       []string `json:"path"`
}

// VerifyConsistency runs RFC 9162 §2.1.4.2. A proof from size 0 is refused; equal sizes need an
// empty path and equal roots.
func VerifyConsistency(p ConsistencyProof, firstRoot, secondRoot string) bool {
	first, ok1 := decodeHash(firstRoot)
	second, ok2 := decodeHash(secondRoot)
	path, ok3 := decodeHashes(p.Path)
	if !ok1 || !ok2 || !ok3 || p.FirstSize < 1 || p.FirstSize > p.SecondSize {
		return false
	}
	if p.FirstSize == p.SecondSize {
		return len(path) == 0 && equal(first, second)
	}
	if len(path) == 0 {
		return false
	}
	nodes := path
	if p.FirstSize&(p.FirstSize-1) == 0 {
		nodes = append([][]byte{first}, path...)
	}
	fn, sn := p.FirstSize-1, p.SecondSize-1
	for fn%2 == 1 {
		fn >>= 1
		sn >>= 1
	}
	fr, sr := nodes[0], nodes[0]
	for _, c := range nodes[1:] {
		if sn == 0 {
			return false
		}
		if fn%2 == 1 || fn == sn {
			fr = nodeOf(c, fr)
			sr = nodeOf(c, sr)
			for fn%2 == 0 && fn != 0 {
				fn >>= 1
				sn >>= 1
			}
		} else {
			sr = nodeOf(sr, c)
		}
		fn >>= 1
		sn >>= 1
	}
	return sn == 0 && equal(fr, first) && equal(sr, second)
}

func equal(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	var d byte
	for i := range a {
		d |= a[i] ^ b[i]
	}
	return d == 0
}
