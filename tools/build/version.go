package main

import (
	"fmt"

	"github.com/consentwasm/consent/internal/assets"
)

// versionJS writes the content-addressed name of this build's wasm into
// consent.js (see internal/assets), so that it never fetches another
// build's wasm.
func versionJS(js, wasm []byte) ([]byte, error) {
	out, err := assets.VersionJS(js, assets.WasmName(wasm))
	if err != nil {
		return nil, fmt.Errorf("version consent.js: %w", err)
	}
	return out, nil
}

// publishWasm gives dist's wasm and its compressed copies their versioned
// name and writes manifest.json.
func publishWasm(dist string) error {
	name, err := assets.Publish(dist)
	if err != nil {
		return fmt.Errorf("version the wasm: %w", err)
	}
	fmt.Printf("%-13s -> %s (%s)\n", assets.WasmAlias, name, assets.Manifest)
	return nil
}
