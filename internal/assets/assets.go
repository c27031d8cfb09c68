// Package assets names the built consent manager's files: the wasm gets a
// name that carries its content hash, so that a consent.js, however long it
// was cached, always fetches the wasm of its own build. tools/build writes
// the names, internal/devserver serves them with the caching they allow,
// and the end-to-end tests build test variants with them.
package assets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Manifest is web/dist/manifest.json's file name. It maps each logical
// name (consent.js, consent.css, consent.wasm) to the file to link, so that
// a site's templates can put the current wasm URL into a preload.
const Manifest = "manifest.json"

// WasmAlias is the wasm's stable name, kept next to the versioned one for
// tools that look for it; consent.js never fetches it.
const WasmAlias = "consent.wasm"

// JSMarker is the line of web/src/loader.js that names the wasm; the build
// replaces the name in it with WasmName's.
const JSMarker = `const wasmFile = "consent.wasm";`

// hashLen is the number of hex digits of SHA-256 kept in a name: 64 bits,
// far more than a site's builds can collide on.
const hashLen = 16

// WasmName returns the content-addressed name of a wasm module:
// "consent." + the first 16 hex digits of its SHA-256 + ".wasm".
func WasmName(wasm []byte) string {
	sum := sha256.Sum256(wasm)
	return "consent." + hex.EncodeToString(sum[:])[:hashLen] + ".wasm"
}

// Versioned reports whether a file name (without directories) is a
// content-addressed wasm or one of its .br/.gz copies: its content never
// changes, so it may be cached forever.
func Versioned(name string) bool {
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".br"), ".gz")
	h, ok := strings.CutPrefix(name, "consent.")
	if !ok {
		return false
	}
	h, ok = strings.CutSuffix(h, ".wasm")
	if !ok || len(h) != hashLen {
		return false
	}
	return strings.Trim(h, "0123456789abcdef") == ""
}

// VersionJS returns consent.js with the wasm name of JSMarker replaced by
// name. It fails when the marker is missing, so that a build never ships
// a consent.js that fetches an unversioned wasm.
func VersionJS(js []byte, name string) ([]byte, error) {
	s := string(js)
	if strings.Count(s, JSMarker) != 1 {
		return nil, fmt.Errorf("consent.js must contain the line %s exactly once (web/src/loader.js)", JSMarker)
	}
	return []byte(strings.Replace(s, JSMarker, `const wasmFile = "`+name+`";`, 1)), nil
}

// Publish copies dist's consent.wasm (and its .br and .gz copies, when
// present) to its content-addressed name, removes older versioned copies
// from dist, and writes the manifest. It returns the versioned name.
func Publish(dist string) (string, error) {
	wasm, err := os.ReadFile(filepath.Join(dist, WasmAlias))
	if err != nil {
		return "", fmt.Errorf("read %s: %w", WasmAlias, err)
	}
	name := WasmName(wasm)
	old, _ := filepath.Glob(filepath.Join(dist, "consent.*.wasm*"))
	for _, f := range old {
		if base := filepath.Base(f); Versioned(base) && !strings.HasPrefix(base, name) {
			if err := os.Remove(f); err != nil {
				return "", fmt.Errorf("remove an older build's wasm: %w", err)
			}
		}
	}
	for _, ext := range []string{"", ".br", ".gz"} {
		b, err := os.ReadFile(filepath.Join(dist, WasmAlias+ext))
		if errors.Is(err, os.ErrNotExist) && ext != "" {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("read %s: %w", WasmAlias+ext, err)
		}
		if err := writeIfChanged(filepath.Join(dist, name+ext), b); err != nil {
			return "", fmt.Errorf("write %s: %w", name+ext, err)
		}
	}
	m, _ := json.MarshalIndent(map[string]string{
		"consent.js": "consent.js", "consent.css": "consent.css", "consent.wasm": name,
	}, "", "  ")
	if err := writeIfChanged(filepath.Join(dist, Manifest), append(m, '\n')); err != nil {
		return "", fmt.Errorf("write %s: %w", Manifest, err)
	}
	return name, nil
}

// ReadManifest returns the versioned wasm name that dist's manifest lists.
func ReadManifest(dist string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dist, Manifest))
	if err != nil {
		return "", fmt.Errorf("read the manifest (make build writes it): %w", err)
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return "", fmt.Errorf("%s: %w", Manifest, err)
	}
	if !Versioned(m["consent.wasm"]) {
		return "", fmt.Errorf("%s: consent.wasm is %q, not a versioned name", Manifest, m["consent.wasm"])
	}
	return m["consent.wasm"], nil
}

// writeIfChanged writes data to path unless the file already holds it, so
// that publishing an unchanged build leaves the files and their times alone.
func writeIfChanged(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	return os.WriteFile(path, data, 0o644)
}
