package kernel

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"strings"
)

// Categories are the threat categories a signature may start with.
var Categories = []string{"injection", "ddos", "flood", "spam", "malware", "unknown"}

// GenesisHash is the previousHash of the first audit record: 64 zeros.
var GenesisHash = strings.Repeat("0", 64)

// Signature returns category + ":" + lowercase hex SHA-256 of the TH-CJSON-1 bytes of payload
// (docs/spec/canonical-encoding.md); it fails exactly when Canonicalize does.
func Signature(category string, payload any) (string, error) {
	b, err := Canonicalize(payload)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return category + ":" + hex.EncodeToString(sum[:]), nil
}

// AuditRecord holds the fields of an audit record that v1's hash covers.
type AuditRecord struct {
	ID           string `json:"id"`
	Signature    string `json:"signature"`
	Timestamp    int64  `json:"timestamp"` // ms since the Unix epoch
	PreviousHash string `json:"previousHash"`
}

// RecordHash is v1's audit record hash, bit-exact: lowercase hex SHA-256 of
// JSON.stringify({id, signature, timestamp, previousHash}) in exactly that key order.
func RecordHash(r AuditRecord) (string, error) {
	e := encoder{buf: make([]byte, 0, 256)}
	e.buf = append(e.buf, `{"id":`...)
	if err := e.str(r.ID); err != nil {
		return "", err
	}
	e.buf = append(e.buf, `,"signature":`...)
	if err := e.str(r.Signature); err != nil {
		return "", err
	}
	e.buf = append(e.buf, `,"timestamp":`...)
	e.buf = appendNumber(e.buf, float64(r.Timestamp))
	e.buf = append(e.buf, `,"previousHash":`...)
	if err := e.str(r.PreviousHash); err != nil {
		return "", err
	}
	e.buf = append(e.buf, '}')
	sum := sha256.Sum256(e.buf)
	return hex.EncodeToString(sum[:]), nil
}

// ComputeMAC returns lowercase hex HMAC-SHA256(key, TH-CJSON-1(body)) (docs/spec/audit.md).
func ComputeMAC(key []byte, body any) (string, error) {
	b, err := Canonicalize(body)
	if err != nil {
		return "", err
	}
	h := hmac.New(sha256.New, key)
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// VerifyMAC checks mac against body under key in constant time. Only the canonical lowercase hex
// spelling verifies: a MAC has no second valid form.
func VerifyMAC(key []byte, body any, mac string) bool {
	want, err := ComputeMAC(key, body)
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(mac)) == 1
}

// VerifyMACHex is VerifyMAC with the key in hex.
func VerifyMACHex(keyHex string, body any, mac string) bool {
	key, err := hex.DecodeString(keyHex)
	return err == nil && VerifyMAC(key, body, mac)
}
