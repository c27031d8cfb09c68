//go:build js && wasm

package stackerr

import (
	"errors"
	"strings"
	"testing"
)

// The wrapped error keeps its message and identity, and its stack names
// the function that wrapped it.
func TestWithStack(t *testing.T) {
	t.Parallel()
	if WithStack(nil) != nil {
		t.Fatal("WithStack(nil) is not nil")
	}
	base := errors.New("some error")
	err := wrapHere(base)
	if err.Error() != "some error" {
		t.Errorf("Error() = %q, want %q", err.Error(), "some error")
	}
	if !errors.Is(err, base) {
		t.Error("errors.Is does not find the wrapped error")
	}
	stack := err.(interface{ Stack() string }).Stack()
	if !strings.Contains(stack, "stackerr.TestWithStack\n\t") || !strings.Contains(stack, "stackerr_test.go:") {
		t.Errorf("Stack() = %q, want the test's frame with its file and line", stack)
	}
}

func wrapHere(err error) error {
	return WithStack(err)
}
