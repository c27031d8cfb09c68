package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/consentwasm/consent/internal/assets"
)

// deployBuild writes to dir a build of the consent manager around the wasm
// at wasmPath, as make build would: web/dist's consent.js and consent.css,
// the wasm under its versioned name (and its stable alias), consent.js
// naming it, and the manifest.
func deployBuild(dir, wasmPath string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	wasm, err := os.ReadFile(wasmPath)
	if err != nil {
		return err
	}
	current, err := assets.ReadManifest(dist)
	if err != nil {
		return err
	}
	js, err := os.ReadFile(filepath.Join(dist, "consent.js"))
	if err != nil {
		return err
	}
	name := assets.WasmName(wasm)
	if !strings.Contains(string(js), `"`+current+`"`) {
		return fmt.Errorf("web/dist/consent.js does not name %s: run make build", current)
	}
	js = []byte(strings.Replace(string(js), `"`+current+`"`, `"`+name+`"`, 1))
	css, err := os.ReadFile(filepath.Join(dist, "consent.css"))
	if err != nil {
		return err
	}
	manifest := fmt.Sprintf(`{"consent.css": "consent.css", "consent.js": "consent.js", "consent.wasm": %q}`+"\n", name)
	for f, b := range map[string][]byte{
		"consent.js": js, "consent.css": css, name: wasm, assets.WasmAlias: wasm, assets.Manifest: []byte(manifest),
	} {
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
