package pattern

import (
	"slices"
	"testing"
)

// \D and \W are written out as static sets: they must be what negate
// makes of \d and \w.
func TestStaticNegatedClasses(t *testing.T) {
	if got := negate(digit); !slices.Equal(notDigit, got) {
		t.Errorf("notDigit = %v, negate(digit) = %v", notDigit, got)
	}
	if got := negate(word); !slices.Equal(notWord, got) {
		t.Errorf("notWord = %v, negate(word) = %v", notWord, got)
	}
}
