package editor

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// locate returns the 1-based line and column (in characters) of what a
// JSON pointer names in data: a member's key, an array item's first
// character, the document's start for "". A pointer to something the
// file lacks (a missing field) locates its deepest ancestor that is
// there. ok is false when data is not JSON.
func locate(data []byte, pointer string) (line, col int, ok bool) {
	target := splitPointer(pointer)
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	// start is where the next token begins: after the separators the
	// decoder has not consumed yet.
	start := func() int {
		p := int(dec.InputOffset())
		for p < len(data) && strings.IndexByte(" \t\r\n:,", data[p]) >= 0 {
			p++
		}
		return p
	}
	best, bestAt := -1, 0
	var walk func(depth int, match bool, at int) error
	walk = func(depth int, match bool, at int) error {
		if match && depth > best {
			best, bestAt = depth, at
		}
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		d, isDelim := tok.(json.Delim)
		if !isDelim {
			return nil
		}
		for i := 0; dec.More(); i++ {
			at := start()
			step := strconv.Itoa(i)
			if d == '{' {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				step, _ = k.(string)
			}
			m := match && depth < len(target) && target[depth] == step
			if err := walk(depth+1, m, at); err != nil {
				return err
			}
		}
		_, err = dec.Token() // the closing delimiter
		return err
	}
	if err := walk(0, true, start()); err != nil {
		return 0, 0, false
	}
	line, col = lineCol(data, bestAt)
	return line, col, true
}

// splitPointer splits a JSON pointer into its unescaped reference tokens.
func splitPointer(p string) []string {
	if p == "" || p == "/" {
		return nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, s := range parts {
		parts[i] = strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
	}
	return parts
}

// lineCol turns a byte offset into a 1-based line and column in
// characters.
func lineCol(data []byte, off int) (int, int) {
	if off > len(data) {
		off = len(data)
	}
	before := data[:off]
	line := bytes.Count(before, []byte{'\n'}) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}
