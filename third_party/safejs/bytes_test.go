//go:build js && wasm

package safejs

import (
	"strings"
	"testing"

	"github.com/hack-pad/safejs/internal/assert"
)

func TestCopyBytesError(t *testing.T) {
	t.Parallel()
	// Newer Go releases spell syscall/js's message "a Uint8Array", earlier
	// releases "an Uint8Array".
	_, err := CopyBytesToGo(nil, Undefined())
	assert.EqualError(t, err, goSpelling("syscall/js: CopyBytesToGo: expected src to be an Uint8Array or Uint8ClampedArray", err))

	_, err = CopyBytesToJS(Undefined(), nil)
	assert.EqualError(t, err, goSpelling("syscall/js: CopyBytesToJS: expected dst to be an Uint8Array or Uint8ClampedArray", err))
}

// goSpelling returns want in the article the running Go's syscall/js uses.
func goSpelling(want string, err error) string {
	if err != nil && strings.Contains(err.Error(), " a Uint8Array") {
		return strings.Replace(want, " an Uint8Array", " a Uint8Array", 1)
	}
	return want
}
