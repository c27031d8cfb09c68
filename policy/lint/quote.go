package lint

import (
	"strconv"
	"unicode/utf8"
)

// ptrItem appends an array index to a JSON pointer.
func ptrItem(base string, i int) string {
	return base + "/" + strconv.Itoa(i)
}

// maxQuoted is how many characters of a value a message quotes, as in
// package policy's problems.
const maxQuoted = 40

// quoteVal quotes a value for a message, shortened when long.
func quoteVal(s string) string {
	if utf8.RuneCountInString(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	n := 0
	for i := range s {
		if n == maxQuoted {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}
