// Package kernel is the Tracehound verification kernel in pure Go (standard library only):
// TH-CJSON-1 canonical JSON and threat signatures, the v1 audit record hash, RFC 9162 Merkle
// inclusion and consistency verification, and HMAC verification (docs/spec/canonical-encoding.md,
// docs/spec/audit.md). It needs no daemon: a client checks what the daemon answers without
// trusting it.
package kernel

import (
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
)

// MaxDepth is TH-CJSON-1's one structural limit (a scalar at the top is depth 0, [] is 1): deeper
// is refused here, by ParseJSON and by the daemon, which answers payload_too_large. The recursion
// stops there, so a hostile value cannot exhaust the stack.
const MaxDepth = 512

// tooDeep is the reason every kernel gives for nesting past MaxDepth.
const tooDeep = "nesting deeper than 512 levels"

// maxParseDepth bounds ParseJSON's recursion only: it reads documents (vector files) that hold
// payloads past MaxDepth, which Canonicalize then refuses.
const maxParseDepth = 10000

// CanonicalError explains why a value has no TH-CJSON-1 form; Path locates it ("root.a[2]").
// TooDeep marks nesting past MaxDepth (the engine's payload_too_large, not a serialization error).
type CanonicalError struct {
	Reason  string
	Path    string
	TooDeep bool
}

func (e *CanonicalError) Error() string { return e.Reason + " at " + e.Path }

// Canonicalize returns the TH-CJSON-1 bytes of a JSON value (docs/spec/canonical-encoding.md): v1's sorted-key
// JSON.stringify pinned down. Accepted values: nil, bool, string, float64 and the other Go number
// types, json.Number, []any, map[string]any, and anything else encoding/json can marshal (it is
// marshalled, then encoded). NaN and ±Infinity are refused, as are strings that are not UTF-8
// (lone surrogates in their WTF-8 form, as ParseJSON produces, are allowed).
func Canonicalize(v any) ([]byte, error) {
	e := encoder{buf: make([]byte, 0, 128)}
	if err := e.value(v, 0); err != nil {
		if ce, ok := err.(*CanonicalError); ok && ce.TooDeep {
			ce.Path = "root"
		} else if ok {
			ce.Path = "root" + ce.Path
		}
		return nil, err
	}
	return e.buf, nil
}

type encoder struct {
	buf   []byte
	units []uint16
}

func (e *encoder) value(v any, depth int) error {
	switch x := v.(type) {
	case nil:
		e.buf = append(e.buf, "null"...)
	case bool:
		e.buf = strconv.AppendBool(e.buf, x)
	case string:
		return e.str(x)
	case float64:
		return e.number(x)
	case float32:
		return e.number(float64(x))
	case int:
		return e.number(float64(x))
	case int8:
		return e.number(float64(x))
	case int16:
		return e.number(float64(x))
	case int32:
		return e.number(float64(x))
	case int64:
		return e.number(float64(x))
	case uint:
		return e.number(float64(x))
	case uint8:
		return e.number(float64(x))
	case uint16:
		return e.number(float64(x))
	case uint32:
		return e.number(float64(x))
	case uint64:
		return e.number(float64(x))
	case json.Number:
		f, err := ParseJSON([]byte(x))
		if _, isNumber := f.(float64); err != nil || !isNumber {
			return &CanonicalError{Reason: "malformed json.Number " + strconv.Quote(string(x))}
		}
		return e.number(f.(float64))
	case []any:
		if x == nil { // as encoding/json does
			e.buf = append(e.buf, "null"...)
			return nil
		}
		if depth >= MaxDepth {
			return &CanonicalError{Reason: tooDeep, TooDeep: true}
		}
		e.buf = append(e.buf, '[')
		for i, item := range x {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			if err := e.value(item, depth+1); err != nil {
				return at(err, "["+strconv.Itoa(i)+"]")
			}
		}
		e.buf = append(e.buf, ']')
	case map[string]any:
		if x == nil {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		return e.object(x, depth)
	default:
		return e.other(v, depth)
	}
	return nil
}

// at prefixes the path of a child's error with the child's segment (built only on failure).
func at(err error, segment string) error {
	if ce, ok := err.(*CanonicalError); ok && !ce.TooDeep { // too deep is reported "at root", as in every kernel
		ce.Path = segment + ce.Path
	}
	return err
}

func (e *encoder) number(f float64) error {
	if math.IsNaN(f) {
		return &CanonicalError{Reason: "NaN is not allowed"}
	}
	if math.IsInf(f, 0) {
		return &CanonicalError{Reason: "Infinity is not allowed"}
	}
	e.buf = appendNumber(e.buf, f)
	return nil
}

type objectKey struct {
	key   string
	index uint64 // valid when isIndex
	isIdx bool
	units []uint16
}

func (e *encoder) object(m map[string]any, depth int) error {
	if depth >= MaxDepth {
		return &CanonicalError{Reason: tooDeep, TooDeep: true}
	}
	keys := make([]objectKey, 0, len(m))
	for k := range m {
		idx, isIdx := arrayIndex(k)
		units, ok := utf16Units(k, nil)
		if !ok {
			return &CanonicalError{Reason: "object key is not valid UTF-8"}
		}
		keys = append(keys, objectKey{key: k, index: idx, isIdx: isIdx, units: units})
	}
	slices.SortFunc(keys, compareKeys)
	e.buf = append(e.buf, '{')
	for i, k := range keys {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		if err := e.str(k.key); err != nil {
			return err
		}
		e.buf = append(e.buf, ':')
		if err := e.value(m[k.key], depth+1); err != nil {
			return at(err, "."+k.key)
		}
	}
	e.buf = append(e.buf, '}')
	return nil
}

// compareKeys: array-index keys first in numeric order, then UTF-16 code-unit order.
func compareKeys(a, b objectKey) int {
	switch {
	case a.isIdx && b.isIdx:
		return compareUint(a.index, b.index)
	case a.isIdx:
		return -1
	case b.isIdx:
		return 1
	case lessUTF16(a.units, b.units):
		return -1
	case lessUTF16(b.units, a.units):
		return 1
	}
	return 0
}

func compareUint(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// arrayIndex reports whether k is an ECMAScript array index: the decimal form, without leading
// zeros, of an integer 0..4294967294.
func arrayIndex(k string) (uint64, bool) {
	if len(k) == 0 || len(k) > 10 || (k[0] == '0' && len(k) > 1) {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(k); i++ {
		c := k[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, n <= 4294967294
}

const hexDigits = "0123456789abcdef"

// str writes s as JSON.stringify does: \" \\ \b \f \n \r \t, other controls as \u00xx, lone
// surrogates as \udxxx, everything else as raw UTF-8.
func (e *encoder) str(s string) error {
	e.buf = append(e.buf, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x80 && c != '"' && c != '\\' {
			e.buf = append(e.buf, c)
			i++
			continue
		}
		r, size := decodeUnit(s, i)
		if size == 0 {
			return &CanonicalError{Reason: "string is not valid UTF-8"}
		}
		i += size
		switch {
		case r == '"':
			e.buf = append(e.buf, '\\', '"')
		case r == '\\':
			e.buf = append(e.buf, '\\', '\\')
		case r == '\b':
			e.buf = append(e.buf, '\\', 'b')
		case r == '\f':
			e.buf = append(e.buf, '\\', 'f')
		case r == '\n':
			e.buf = append(e.buf, '\\', 'n')
		case r == '\r':
			e.buf = append(e.buf, '\\', 'r')
		case r == '\t':
			e.buf = append(e.buf, '\\', 't')
		case r < 0x20:
			e.buf = append(e.buf, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&0xF])
		case isSurrogate(r):
			// A high surrogate followed by a low one is a pair: one supplementary character.
			if r < 0xDC00 && i < len(s) {
				if lo, n := decodeUnit(s, i); n == 3 && lo >= 0xDC00 && lo <= 0xDFFF {
					e.buf = appendWTF8(e.buf, 0x10000+(r-0xD800)<<10+(lo-0xDC00))
					i += n
					continue
				}
			}
			e.buf = append(e.buf, '\\', 'u', hexDigits[r>>12], hexDigits[(r>>8)&0xF], hexDigits[(r>>4)&0xF], hexDigits[r&0xF])
		default:
			e.buf = appendWTF8(e.buf, r)
		}
	}
	e.buf = append(e.buf, '"')
	return nil
}

// other handles typed Go values: typed slices and maps by reflection, everything else through
// encoding/json (structs with tags, json.Marshaler, …), re-read with ParseJSON.
func (e *encoder) other(v any, depth int) error {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Pointer, reflect.Interface:
		if rv.IsNil() {
			e.buf = append(e.buf, "null"...)
			return nil
		}
		if _, isMarshaler := v.(json.Marshaler); !isMarshaler {
			return e.value(rv.Elem().Interface(), depth)
		}
	case reflect.Slice, reflect.Array:
		if _, isMarshaler := v.(json.Marshaler); !isMarshaler && rv.Type().Elem().Kind() != reflect.Uint8 {
			if rv.Kind() == reflect.Slice && rv.IsNil() {
				e.buf = append(e.buf, "null"...)
				return nil
			}
			items := make([]any, rv.Len())
			for i := range items {
				items[i] = rv.Index(i).Interface()
			}
			return e.value(items, depth)
		}
	case reflect.Map:
		if _, isMarshaler := v.(json.Marshaler); !isMarshaler && rv.Type().Key().Kind() == reflect.String {
			if rv.IsNil() {
				e.buf = append(e.buf, "null"...)
				return nil
			}
			m := make(map[string]any, rv.Len())
			for it := rv.MapRange(); it.Next(); {
				m[it.Key().String()] = it.Value().Interface()
			}
			return e.value(m, depth)
		}
	case reflect.Float32, reflect.Float64:
		return e.number(rv.Float())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return e.number(float64(rv.Int()))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return e.number(float64(rv.Uint()))
	case reflect.String:
		return e.str(rv.String())
	case reflect.Bool:
		e.buf = strconv.AppendBool(e.buf, rv.Bool())
		return nil
	case reflect.Func, reflect.Chan, reflect.Complex64, reflect.Complex128, reflect.UnsafePointer:
		return &CanonicalError{Reason: fmt.Sprintf("%s is not serializable", rv.Kind())}
	}
	text, err := json.Marshal(v)
	if err != nil {
		return &CanonicalError{Reason: "not serializable: " + err.Error()}
	}
	parsed, err := ParseJSON(text)
	if ce, ok := err.(*CanonicalError); ok && ce.TooDeep {
		return ce
	} else if err != nil {
		return &CanonicalError{Reason: "not serializable: " + err.Error()}
	}
	return e.value(parsed, depth)
}
