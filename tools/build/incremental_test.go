package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestUnchangedBuildCompressesNothing: make build run again with the same
// wasm and sources compresses nothing and rewrites no file; a new wasm
// compresses the wasm and consent.js (which names it) again, not the CSS.
func TestUnchangedBuildCompressesNothing(t *testing.T) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Fatalf("go env GOROOT: %v", err)
	}
	goroot := strings.TrimSpace(string(out))
	dist := t.TempDir()
	writeWasm := func(body string) {
		if err := os.WriteFile(filepath.Join(dist, "consent.wasm"), []byte("\x00asm\x01\x00\x00\x00"+body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var compressed []int
	calls := 0
	old := compressFunc
	t.Cleanup(func() { compressFunc = old })
	compressFunc = func(data []byte) ([]byte, []byte, error) {
		calls++
		return old(data)
	}
	build := func() {
		t.Helper()
		calls = 0
		if err := run(goroot, filepath.Join("..", "..", "web", "src"), dist); err != nil {
			t.Fatalf("build: %v", err)
		}
		compressed = append(compressed, calls)
	}
	writeWasm("one")
	build()
	times := map[string]time.Time{}
	files, _ := filepath.Glob(filepath.Join(dist, "*"))
	for _, f := range files {
		st, _ := os.Stat(f)
		times[f] = st.ModTime()
	}
	time.Sleep(20 * time.Millisecond) // so that a rewrite shows in the file times
	build()
	for _, f := range files {
		if st, _ := os.Stat(f); !st.ModTime().Equal(times[f]) {
			t.Errorf("the unchanged build rewrote %s", filepath.Base(f))
		}
	}
	writeWasm("two")
	build()
	// A lost copy is made again.
	if err := os.Remove(filepath.Join(dist, "consent.css.br")); err != nil {
		t.Fatal(err)
	}
	build()
	if want := []int{3, 0, 2, 1}; !slices.Equal(compressed, want) {
		t.Errorf("compressions per build = %v, want %v", compressed, want)
	}
	if _, err := os.Stat(filepath.Join(dist, "consent.css.br")); err != nil {
		t.Errorf("consent.css.br not made again: %v", err)
	}
}
