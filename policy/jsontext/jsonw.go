package jsontext

import (
	"strconv"
	"unicode/utf8"
)

// Writer builds a JSON document by appending to a byte slice. It is a
// few dozen lines instead of encoding/json's reflection, which would cost
// every visitor about 100 KB of wasm. Callers write values in order; the
// writer inserts the commas.
type Writer struct {
	buf []byte
	// need is true when the next value or key needs a comma before it.
	need bool
}

// Bytes returns the document written so far.
func (w *Writer) Bytes() []byte { return w.buf }

// String returns the document written so far.
func (w *Writer) String() string { return string(w.buf) }

func (w *Writer) sep() {
	if w.need {
		w.buf = append(w.buf, ',')
	}
	w.need = true
}

// BeginObject writes '{'.
func (w *Writer) BeginObject() {
	w.sep()
	w.buf = append(w.buf, '{')
	w.need = false
}

// EndObject writes '}'.
func (w *Writer) EndObject() {
	w.buf = append(w.buf, '}')
	w.need = true
}

// BeginArray writes '['.
func (w *Writer) BeginArray() {
	w.sep()
	w.buf = append(w.buf, '[')
	w.need = false
}

// EndArray writes ']'.
func (w *Writer) EndArray() {
	w.buf = append(w.buf, ']')
	w.need = true
}

// Key writes an object key; the value written next belongs to it.
func (w *Writer) Key(k string) {
	w.sep()
	w.buf = appendQuoted(w.buf, k)
	w.buf = append(w.buf, ':')
	w.need = false
}

// String writes a string value.
func (w *Writer) Str(s string) {
	w.sep()
	w.buf = appendQuoted(w.buf, s)
}

// Bool writes true or false.
func (w *Writer) Bool(b bool) {
	w.sep()
	w.buf = strconv.AppendBool(w.buf, b)
}

// Int writes an integer.
func (w *Writer) Int(n int64) {
	w.sep()
	w.buf = strconv.AppendInt(w.buf, n, 10)
}

// Null writes null.
func (w *Writer) Null() {
	w.sep()
	w.buf = append(w.buf, "null"...)
}

// Raw writes an already encoded JSON value.
func (w *Writer) Raw(v string) {
	w.sep()
	w.buf = append(w.buf, v...)
}

// KeyStr writes a key and a string value.
func (w *Writer) KeyStr(k, v string) { w.Key(k); w.Str(v) }

// KeyBool writes a key and a boolean value.
func (w *Writer) KeyBool(k string, v bool) { w.Key(k); w.Bool(v) }

// KeyInt writes a key and an integer value.
func (w *Writer) KeyInt(k string, v int64) { w.Key(k); w.Int(v) }

// StrMap writes an object of strings with keys in the given order.
func (w *Writer) StrMap(keys []string, m map[string]string) {
	w.BeginObject()
	for _, k := range keys {
		w.KeyStr(k, m[k])
	}
	w.EndObject()
}

// BoolMap writes an object of booleans with keys in the given order.
func (w *Writer) BoolMap(keys []string, m map[string]bool) {
	w.BeginObject()
	for _, k := range keys {
		w.KeyBool(k, m[k])
	}
	w.EndObject()
}

// StrList writes an array of strings.
func (w *Writer) StrList(list []string) {
	w.BeginArray()
	for _, s := range list {
		w.Str(s)
	}
	w.EndArray()
}

const hexDigits = "0123456789abcdef"

// appendQuoted appends s as a JSON string. Invalid UTF-8 becomes U+FFFD;
// '<', '>' and '&' are escaped too so that the output is safe anywhere.
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == '<' || c == '>' || c == '&' || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			// Valid JSON, but not valid in older JavaScript string literals.
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
