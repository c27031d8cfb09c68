package lint

import (
	"strconv"

	"github.com/consentwasm/consent/policy"
)

// ptrItem appends an array index to a JSON pointer.
func ptrItem(base string, i int) string {
	return base + "/" + strconv.Itoa(i)
}

// quoteVal quotes a value for a message as package policy's problems do.
func quoteVal(s string) string { return policy.QuoteValue(s) }
