//go:build js && wasm

package catch

import (
	"errors"
	"syscall/js"
	"testing"

	"github.com/hack-pad/safejs/internal/assert"
)

func TestTry(t *testing.T) {
	t.Parallel()
	t.Run("happy path", func(t *testing.T) {
		t.Parallel()
		result, err := Try(func() string {
			return "foo"
		})
		assert.Equal(t, "foo", result)
		assert.NoError(t, err)
	})

	t.Run("panic string", func(t *testing.T) {
		t.Parallel()
		result, err := Try(func() string {
			panic("some error")
		})
		assert.Equal(t, "", result)
		assert.EqualError(t, err, "some error")
	})

	t.Run("panic error", func(t *testing.T) {
		t.Parallel()
		result, err := Try(func() string {
			panic(errors.New("some error"))
		})
		assert.Equal(t, "", result)
		assert.EqualError(t, err, "some error")
	})

	t.Run("panic value", func(t *testing.T) {
		t.Parallel()
		result, err := Try(func() string {
			panic(js.ValueOf(map[string]any{
				"foo": 1,
			}))
		})
		assert.Equal(t, "", result)
		assert.EqualError(t, err, "JavaScript error: <undefined>")
	})

	t.Run("throws error", func(t *testing.T) {
		t.Parallel()
		result, err := Try(func() string {
			js.Global().Call("Array", -1)
			return "foo"
		})
		assert.Equal(t, "", result)
		assert.EqualError(t, err, "JavaScript error: Invalid array length")
	})
}

func TestTrySideEffect(t *testing.T) {
	t.Parallel()
	err := TrySideEffect(func() {
		t.Log("just a print")
	})
	assert.NoError(t, err)

	err = TrySideEffect(func() {
		panic("some error")
	})
	assert.EqualError(t, err, "some error")
}

type stringer struct{ s string }

func (s *stringer) String() string { return s.s }

// The values panics carry become the messages fmt's "%+v" gave them.
func TestTryPanicValues(t *testing.T) {
	t.Parallel()
	var nilStringer *stringer
	for _, tc := range []struct {
		value any
		want  string
	}{
		{42, "42"},
		{int8(-8), "-8"},
		{int64(-1 << 62), "-4611686018427387904"},
		{uint8(255), "255"},
		{uint64(1 << 63), "9223372036854775808"},
		{uintptr(7), "7"},
		{true, "true"},
		{1.5, "1.5"},
		{float32(0.1), "0.1"},
		{1e21, "1e+21"},
		{&stringer{"from String"}, "from String"},
		{nilStringer, "<nil>"},
		{struct{}{}, "panic with a value of an unprintable type"},
	} {
		err := TrySideEffect(func() {
			panic(tc.value)
		})
		assert.EqualError(t, err, tc.want)
	}
}
