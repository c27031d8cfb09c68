package assets

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWasmNameFollowsContent(t *testing.T) {
	a, b := WasmName([]byte("build one")), WasmName([]byte("build two"))
	if a == b {
		t.Fatalf("two builds got the same name %s: a cached consent.js could fetch the other's wasm", a)
	}
	if a != WasmName([]byte("build one")) {
		t.Errorf("the name of one content changed between calls")
	}
	if !Versioned(a) || !strings.HasPrefix(a, "consent.") || !strings.HasSuffix(a, ".wasm") {
		t.Errorf("WasmName = %q, want consent.<hash>.wasm", a)
	}
}

func TestVersioned(t *testing.T) {
	for name, want := range map[string]bool{
		"consent.0123456789abcdef.wasm":    true,
		"consent.0123456789abcdef.wasm.br": true,
		"consent.0123456789abcdef.wasm.gz": true,
		"consent.wasm":                     false,
		"consent.js":                       false,
		"consent.0123456789ABCDEF.wasm":    false,
		"consent.0123456789abcde.wasm":     false,
		"consent.0123456789abcdefg.wasm":   false,
		"other.0123456789abcdef.wasm":      false,
		"consent.0123456789abcdef.js":      false,
	} {
		if got := Versioned(name); got != want {
			t.Errorf("Versioned(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestVersionJS(t *testing.T) {
	js := []byte("a();\n" + JSMarker + "\nb();\n")
	out, err := VersionJS(js, "consent.0123456789abcdef.wasm")
	if err != nil {
		t.Fatal(err)
	}
	if want := "a();\nconst wasmFile = \"consent.0123456789abcdef.wasm\";\nb();\n"; string(out) != want {
		t.Errorf("VersionJS = %q, want %q", out, want)
	}
	if _, err := VersionJS([]byte("a();"), "x"); err == nil || !strings.Contains(err.Error(), "loader.js") {
		t.Errorf("a consent.js without the marker: err = %v, want one naming loader.js", err)
	}
	if _, err := VersionJS(append(js, js...), "x"); err == nil {
		t.Errorf("a consent.js with the marker twice was accepted")
	}
}

func TestPublish(t *testing.T) {
	dist := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dist, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("consent.wasm", "new build")
	write("consent.wasm.br", "new build br")
	write("consent.wasm.gz", "new build gz")
	write("consent.0123456789abcdef.wasm", "old build")
	write("consent.0123456789abcdef.wasm.br", "old build br")
	name, err := Publish(dist)
	if err != nil {
		t.Fatal(err)
	}
	if name != WasmName([]byte("new build")) {
		t.Errorf("Publish = %q, want the name of consent.wasm's content", name)
	}
	for ext, want := range map[string]string{"": "new build", ".br": "new build br", ".gz": "new build gz"} {
		b, err := os.ReadFile(filepath.Join(dist, name+ext))
		if err != nil || string(b) != want {
			t.Errorf("%s = %q, %v; want %q", name+ext, b, err, want)
		}
	}
	if _, err := os.Stat(filepath.Join(dist, "consent.0123456789abcdef.wasm")); err == nil {
		t.Errorf("an older build's versioned wasm was left in dist")
	}
	got, err := ReadManifest(dist)
	if err != nil || got != name {
		t.Errorf("ReadManifest = %q, %v; want %q", got, err, name)
	}
}
