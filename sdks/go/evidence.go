package tracehound

import (
	"context"

	"connectrpc.com/connect"
	thv1 "github.com/tracehound/tracehound/sdks/go/gen/tracehound/v1"
	"github.com/tracehound/tracehound/sdks/go/kernel"
)

// AuditRecord is one entry of the v1 audit chain.
type AuditRecord struct {
	ID           string `json:"id"`
	Type         string `json:"type"` // "neutralization" or "evacuation"
	Signature    string `json:"signature"`
	TimestampMs  int64  `json:"timestamp"`
	Hash         string `json:"hash"`
	PreviousHash string `json:"previousHash"`
}

// LeafHash is the record's Merkle leaf hash: every field bound (docs/core.md).
func (r AuditRecord) LeafHash() (string, error) {
	return kernel.LeafHash(map[string]any{"id": r.ID, "type": r.Type, "signature": r.Signature,
		"timestamp": float64(r.TimestampMs), "hash": r.Hash, "previousHash": r.PreviousHash})
}

// Verify recomputes the record's v1 hash (docs/spec/audit.md).
func (r AuditRecord) Verify() bool {
	h, err := kernel.RecordHash(kernel.AuditRecord{ID: r.ID, Signature: r.Signature, Timestamp: r.TimestampMs, PreviousHash: r.PreviousHash})
	return err == nil && h == r.Hash
}

// TreeHead is the head of the RFC 9162 Merkle tree over the audit records; Kid and MAC are empty
// when the daemon has no MAC key.
type TreeHead struct {
	TreeSize    uint64 `json:"treeSize"`
	RootHash    string `json:"rootHash"`
	TimestampMs int64  `json:"timestamp"`
	Kid         string `json:"kid,omitempty"`
	MAC         string `json:"mac,omitempty"`
}

// VerifyMAC checks the head's MAC under key: HMAC-SHA256 over TH-CJSON-1 of
// {treeSize, rootHash, timestamp}.
func (h TreeHead) VerifyMAC(key []byte) bool {
	return h.MAC != "" && kernel.VerifyMAC(key, map[string]any{"treeSize": h.TreeSize, "rootHash": h.RootHash, "timestamp": h.TimestampMs}, h.MAC)
}

// AuditRecordFromWire converts a wire audit record.
func AuditRecordFromWire(r *thv1.AuditRecord) AuditRecord {
	return AuditRecord{ID: r.GetId(), Type: r.GetType(), Signature: r.GetSignature(), TimestampMs: r.GetTimestampMs(), Hash: r.GetHash(), PreviousHash: r.GetPreviousHash()}
}

// TreeHeadFromWire converts a wire tree head.
func TreeHeadFromWire(h *thv1.TreeHead) TreeHead {
	return TreeHead{TreeSize: h.GetTreeSize(), RootHash: h.GetRootHash(), TimestampMs: h.GetTimestampMs(), Kid: h.GetKid(), MAC: h.GetMac()}
}

func (c *Client) call(ctx context.Context) (context.Context, context.CancelFunc) {
	return withDeadline(ctx, c.opts.callTimeout)
}

// Neutralize destroys quarantined evidence and returns the audit record it appended and the tree
// size after the append; (nil, 0, nil) when nothing with that signature is quarantined.
func (c *Client) Neutralize(ctx context.Context, signature string) (*AuditRecord, uint64, error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	res, err := c.service.Neutralize(ctx, connect.NewRequest(&thv1.NeutralizeRequest{Signature: signature}))
	if connect.CodeOf(err) == connect.CodeNotFound {
		return nil, 0, nil
	}
	if err != nil {
		return nil, 0, err
	}
	r := AuditRecordFromWire(res.Msg.GetRecord())
	return &r, res.Msg.GetTreeSize(), nil
}

// TreeHead returns the current tree head.
func (c *Client) TreeHead(ctx context.Context) (TreeHead, error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	res, err := c.service.GetTreeHead(ctx, connect.NewRequest(&thv1.GetTreeHeadRequest{}))
	if err != nil {
		return TreeHead{}, err
	}
	return TreeHeadFromWire(res.Msg.GetTreeHead()), nil
}

// InclusionProof returns the proof for leafIndex in a tree of treeSize leaves (0: the current
// size) and the record at that leaf. Check it with kernel.VerifyInclusion against a tree head.
func (c *Client) InclusionProof(ctx context.Context, leafIndex, treeSize uint64) (kernel.InclusionProof, AuditRecord, error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	res, err := c.service.GetInclusionProof(ctx, connect.NewRequest(&thv1.GetInclusionProofRequest{LeafIndex: leafIndex, TreeSize: treeSize}))
	if err != nil {
		return kernel.InclusionProof{}, AuditRecord{}, err
	}
	p := res.Msg.GetProof()
	return kernel.InclusionProof{LeafIndex: p.GetLeafIndex(), TreeSize: p.GetTreeSize(), LeafHash: p.GetLeafHash(), Path: p.GetPath()},
		AuditRecordFromWire(res.Msg.GetRecord()), nil
}

// ConsistencyProof returns the proof that the tree of firstSize leaves is a prefix of the tree of
// secondSize leaves (0: the current size). Check it with kernel.VerifyConsistency.
func (c *Client) ConsistencyProof(ctx context.Context, firstSize, secondSize uint64) (kernel.ConsistencyProof, error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	res, err := c.service.GetConsistencyProof(ctx, connect.NewRequest(&thv1.GetConsistencyProofRequest{FirstSize: firstSize, SecondSize: secondSize}))
	if err != nil {
		return kernel.ConsistencyProof{}, err
	}
	p := res.Msg.GetProof()
	return kernel.ConsistencyProof{FirstSize: p.GetFirstSize(), SecondSize: p.GetSecondSize(), Path: p.GetPath()}, nil
}

// Signature is kernel.Signature with a typed category: category ":" hex SHA-256 of the payload's
// TH-CJSON-1 bytes, exactly as the daemon computes it.
func Signature(category Category, payload any) (string, error) {
	return kernel.Signature(string(category), payload)
}

// Stats are the engine's counters (v1's stats shape).
type Stats struct {
	Agent struct {
		TotalIntercepts    uint64 `json:"totalIntercepts"`
		CleanCount         uint64 `json:"cleanCount"`
		RateLimitedCount   uint64 `json:"rateLimitedCount"`
		ValidationFailures uint64 `json:"validationFailures"`
		IgnoredCount       uint64 `json:"ignoredCount"`
		QuarantinedCount   uint64 `json:"quarantinedCount"`
		ErrorCount         uint64 `json:"errorCount"`
	} `json:"agent"`
	Quarantine struct {
		Count uint64 `json:"count"`
		Bytes uint64 `json:"bytes"`
		// BySeverity has every severity, zeros included.
		BySeverity map[Severity]uint64 `json:"bySeverity"`
	} `json:"quarantine"`
	Audit struct {
		Records  uint64 `json:"records"`
		TreeSize uint64 `json:"treeSize"`
	} `json:"audit"`
}

// Stats returns the engine's counters.
func (c *Client) Stats(ctx context.Context) (Stats, error) {
	ctx, cancel := c.call(ctx)
	defer cancel()
	res, err := c.service.GetStats(ctx, connect.NewRequest(&thv1.GetStatsRequest{}))
	if err != nil {
		return Stats{}, err
	}
	var s Stats
	a, q, au := res.Msg.GetAgent(), res.Msg.GetQuarantine(), res.Msg.GetAudit()
	s.Agent.TotalIntercepts, s.Agent.CleanCount, s.Agent.RateLimitedCount = a.GetTotalIntercepts(), a.GetCleanCount(), a.GetRateLimitedCount()
	s.Agent.ValidationFailures, s.Agent.IgnoredCount = a.GetValidationFailures(), a.GetIgnoredCount()
	s.Agent.QuarantinedCount, s.Agent.ErrorCount = a.GetQuarantinedCount(), a.GetErrorCount()
	s.Quarantine.Count, s.Quarantine.Bytes = q.GetCount(), q.GetBytes()
	s.Quarantine.BySeverity = map[Severity]uint64{Low: 0, Medium: 0, High: 0, Critical: 0}
	for k := range s.Quarantine.BySeverity {
		s.Quarantine.BySeverity[k] = q.GetBySeverity()[string(k)]
	}
	s.Audit.Records, s.Audit.TreeSize = au.GetRecords(), au.GetTreeSize()
	return s, nil
}
