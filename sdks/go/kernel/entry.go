package kernel

import (
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"sort"
)

// Audit log entries (docs/core.md, "Audit and Merkle tree"): v1's records (neutralization, evacuation) and the capture and
// purge entries that bind the evidence set, and the block entries that bind rate-limit penalties. A Merkle leaf is SHA-256(0x00 ‖ TH-CJSON-1(entry)):
// every field is bound. An entry outside its type's schema (unknown type, extra or missing
// field, malformed value) is refused, never hashed.

var (
	hex64     = regexp.MustCompile(`^[0-9a-f]{64}$`)
	signature = regexp.MustCompile(`^[a-z_]+:[0-9a-f]{64}$`)
)

type fieldCheck func(any) bool

func isHex64(v any) bool     { s, ok := v.(string); return ok && hex64.MatchString(s) }
func isText(v any) bool      { s, ok := v.(string); return ok && s != "" }
func isSignature(v any) bool { s, ok := v.(string); return ok && signature.MatchString(s) }
func isBool(v any) bool      { _, ok := v.(bool); return ok }
func isString(v any) bool    { _, ok := v.(string); return ok }

// isCount: an integer in [0, 2^53 - 1], as JSON numbers are read (float64).
func isCount(v any) bool {
	f, ok := v.(float64)
	return ok && f >= 0 && f <= 1<<53-1 && f == math.Trunc(f)
}

func oneOf(values ...string) fieldCheck {
	return func(v any) bool {
		s, ok := v.(string)
		for _, x := range values {
			if ok && s == x {
				return true
			}
		}
		return false
	}
}

var recordSchema = map[string]fieldCheck{"id": isText, "type": isText, "signature": isSignature, "timestamp": isCount, "previousHash": isHex64, "hash": isHex64}

// EntrySchemas lists, per entry type, exactly the fields an entry of that type has.
var EntrySchemas = map[string]map[string]fieldCheck{
	"neutralization": recordSchema,
	"evacuation":     recordSchema,
	"capture": {"type": isText, "signature": isSignature, "hash": isHex64, "size": isCount,
		"severity": oneOf("low", "medium", "high", "critical"), "captured": isCount, "compressed": isBool},
	"purge": {"type": isText, "signature": isSignature, "timestamp": isCount, "reason": oneOf("timeout", "error", "abort", "panic")},
	"block": {"type": isText, "source": isString, "blockedUntil": isCount},
}

// CheckEntry returns an error naming the first reason the entry is not exactly its type's schema.
func CheckEntry(entry any) error {
	m, ok := entry.(map[string]any)
	if !ok || m == nil {
		return fmt.Errorf("an audit entry is a JSON object")
	}
	typ, _ := m["type"].(string)
	schema, known := EntrySchemas[typ]
	if !known {
		return fmt.Errorf("unknown audit entry type %v", m["type"])
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if schema[k] == nil {
			return fmt.Errorf("field %q is not part of a %s entry", k, typ)
		}
	}
	for k, ok := range schema {
		v, present := m[k]
		if !present {
			return fmt.Errorf("%s entry without %q", typ, k)
		}
		if !ok(v) {
			return fmt.Errorf("%s entry: %q is malformed", typ, k)
		}
	}
	return nil
}

// LeafHash is the RFC 9162 leaf hash of an audit entry (decoded JSON: map[string]any with float64
// numbers), lowercase hex; an error when the entry is refused.
func LeafHash(entry any) (string, error) {
	if err := CheckEntry(entry); err != nil {
		return "", err
	}
	input, err := Canonicalize(entry)
	if err != nil {
		return "", err
	}
	return hex.EncodeToString(leafOf(input)), nil
}
