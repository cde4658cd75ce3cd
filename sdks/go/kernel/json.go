package kernel

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// ParseJSON decodes JSON text the way JavaScript's JSON.parse does, into nil, bool, float64,
// string, []any and map[string]any. Unlike encoding/json it keeps what TH-CJSON-1 needs:
// a lone surrogate escape ("\ud800") stays a lone surrogate (in the WTF-8 form Canonicalize
// understands) instead of becoming U+FFFD, and numbers are IEEE-754 doubles rounded as
// JavaScript rounds them (out-of-range literals become ±Infinity, which Canonicalize refuses).
// A repeated key keeps its last value, as in JavaScript.
func ParseJSON(text []byte) (any, error) {
	p := parser{s: text}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.space()
	if p.i != len(p.s) {
		return nil, p.fail("unexpected data after the value")
	}
	return v, nil
}

type parser struct {
	s []byte
	i int
}

func (p *parser) fail(msg string) error { return fmt.Errorf("json: %s at offset %d", msg, p.i) }

func (p *parser) space() {
	for p.i < len(p.s) {
		switch p.s[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) literal(word string, v any) (any, error) {
	if len(p.s)-p.i < len(word) || string(p.s[p.i:p.i+len(word)]) != word {
		return nil, p.fail("invalid literal")
	}
	p.i += len(word)
	return v, nil
}

func (p *parser) value(depth int) (any, error) {
	if p.i >= len(p.s) {
		return nil, p.fail("unexpected end of input")
	}
	switch c := p.s[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		return p.str()
	case c == 't':
		return p.literal("true", true)
	case c == 'f':
		return p.literal("false", false)
	case c == 'n':
		return p.literal("null", nil)
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	}
	return nil, p.fail("unexpected character")
}

func (p *parser) object(depth int) (any, error) {
	if depth >= maxParseDepth {
		return nil, &CanonicalError{Reason: "nesting deeper than 10000 levels", Path: "root", TooDeep: true}
	}
	p.i++ // {
	m := map[string]any{}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == '}' {
		p.i++
		return m, nil
	}
	for {
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != '"' {
			return nil, p.fail("expected a string key")
		}
		k, err := p.str()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.i >= len(p.s) || p.s[p.i] != ':' {
			return nil, p.fail("expected ':'")
		}
		p.i++
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		m[k] = v
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.s) && p.s[p.i] == '}' {
			p.i++
			return m, nil
		}
		return nil, p.fail("expected ',' or '}'")
	}
}

func (p *parser) array(depth int) (any, error) {
	if depth >= maxParseDepth {
		return nil, &CanonicalError{Reason: "nesting deeper than 10000 levels", Path: "root", TooDeep: true}
	}
	p.i++ // [
	out := []any{}
	p.space()
	if p.i < len(p.s) && p.s[p.i] == ']' {
		p.i++
		return out, nil
	}
	for {
		p.space()
		v, err := p.value(depth + 1)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
		p.space()
		if p.i < len(p.s) && p.s[p.i] == ',' {
			p.i++
			continue
		}
		if p.i < len(p.s) && p.s[p.i] == ']' {
			p.i++
			return out, nil
		}
		return nil, p.fail("expected ',' or ']'")
	}
}

func hexVal(c byte) rune {
	switch {
	case c >= '0' && c <= '9':
		return rune(c - '0')
	case c >= 'a' && c <= 'f':
		return rune(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return rune(c-'A') + 10
	}
	return -1
}

func (p *parser) hex4() (rune, error) {
	if len(p.s)-p.i < 4 {
		return 0, p.fail("short \\u escape")
	}
	var r rune
	for k := 0; k < 4; k++ {
		d := hexVal(p.s[p.i+k])
		if d < 0 {
			return 0, p.fail("bad \\u escape")
		}
		r = r<<4 | d
	}
	p.i += 4
	return r, nil
}

func (p *parser) str() (string, error) {
	p.i++ // "
	start := p.i
	// Fast path: no escapes, plain UTF-8.
	for p.i < len(p.s) {
		c := p.s[p.i]
		if c == '"' {
			if !utf8.Valid(p.s[start:p.i]) {
				return "", p.fail("invalid UTF-8 in string")
			}
			p.i++
			return string(p.s[start : p.i-1]), nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.i++
	}
	buf := append([]byte(nil), p.s[start:p.i]...)
	if !utf8.Valid(buf) {
		return "", p.fail("invalid UTF-8 in string")
	}
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '"':
			p.i++
			return string(buf), nil
		case c < 0x20:
			return "", p.fail("control character in string")
		case c == '\\':
			if p.i+1 >= len(p.s) {
				return "", p.fail("unterminated escape")
			}
			esc := p.s[p.i+1]
			p.i += 2
			switch esc {
			case '"', '\\', '/':
				buf = append(buf, esc)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, err := p.hex4()
				if err != nil {
					return "", err
				}
				// A high surrogate escape followed by a low one is one character.
				if r >= 0xD800 && r < 0xDC00 && len(p.s)-p.i >= 6 && p.s[p.i] == '\\' && p.s[p.i+1] == 'u' {
					save := p.i
					p.i += 2
					lo, err := p.hex4()
					if err == nil && lo >= 0xDC00 && lo <= 0xDFFF {
						buf = utf8.AppendRune(buf, 0x10000+(r-0xD800)<<10+(lo-0xDC00))
						continue
					}
					p.i = save
				}
				buf = appendWTF8(buf, r)
			default:
				return "", p.fail("bad escape")
			}
		default:
			r, size := utf8.DecodeRune(p.s[p.i:])
			if r == utf8.RuneError && size <= 1 {
				return "", p.fail("invalid UTF-8 in string")
			}
			buf = append(buf, p.s[p.i:p.i+size]...)
			p.i += size
		}
	}
	return "", p.fail("unterminated string")
}

func (p *parser) number() (any, error) {
	start := p.i
	if p.s[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.s) && p.s[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return nil, p.fail("bad number")
	}
	if p.i < len(p.s) && p.s[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return nil, p.fail("bad fraction")
		}
	}
	if p.i < len(p.s) && (p.s[p.i] == 'e' || p.s[p.i] == 'E') {
		p.i++
		if p.i < len(p.s) && (p.s[p.i] == '+' || p.s[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return nil, p.fail("bad exponent")
		}
	}
	f, err := parseNumber(string(p.s[start:p.i]))
	if err != nil {
		return nil, p.fail("bad number")
	}
	return f, nil
}

// parseNumber rounds decimal text to the nearest double; overflow gives ±Infinity, as in JavaScript.
func parseNumber(text string) (float64, error) {
	f, err := strconv.ParseFloat(text, 64)
	var ne *strconv.NumError
	if err != nil && errors.As(err, &ne) && ne.Err == strconv.ErrRange {
		return f, nil
	}
	return f, err
}
