package release

import (
	"encoding/json"
	"fmt"
	"sort"
)

// PackageName is the npm package the web files are published as.
const PackageName = "@consentwasm/consent"

// packageJSON returns the npm package.json of the web files: the version,
// every file listed in "files", and "exports" that map the stable names to
// this build's files (consent.wasm to the content-addressed wasm). The
// CDN fields point at consent.js, a classic script, not a module.
func packageJSON(version, wasm string, webNames []string) ([]byte, error) {
	files := append([]string{"LICENSE", "NOTICE", "README.md"}, webNames...)
	sort.Strings(files)
	exports := map[string]string{
		"./consent.js":       "./consent.js",
		"./consent.debug.js": "./consent.debug.js",
		"./consent.css":      "./consent.css",
		"./consent.wasm":     "./" + wasm,
		"./" + wasm:          "./" + wasm,
		"./manifest.json":    "./manifest.json",
		"./package.json":     "./package.json",
	}
	pkg := struct {
		Name        string            `json:"name"`
		Version     string            `json:"version"`
		Description string            `json:"description"`
		License     string            `json:"license"`
		Repository  map[string]string `json:"repository"`
		Files       []string          `json:"files"`
		Exports     map[string]string `json:"exports"`
		Browser     string            `json:"browser"`
		Unpkg       string            `json:"unpkg"`
		JSDelivr    string            `json:"jsdelivr"`
		SideEffects bool              `json:"sideEffects"`
	}{
		Name:        PackageName,
		Version:     version,
		Description: "A cookie consent manager in Go and WebAssembly: consent.js, its wasm and its stylesheet, ready to serve",
		License:     "Apache-2.0",
		Repository:  map[string]string{"type": "git", "url": "git+https://github.com/consentwasm/consent.git"},
		Files:       files,
		Exports:     exports,
		Browser:     "consent.js",
		Unpkg:       "consent.js",
		JSDelivr:    "consent.js",
		SideEffects: true,
	}
	b, err := json.MarshalIndent(pkg, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("package.json: %w", err)
	}
	return append(b, '\n'), nil
}

// packageReadme is the README.md in the tarball and the npm package.
func packageReadme(version, wasm string) string {
	return `# consent ` + version + `: the web files

A cookie consent manager in Go and WebAssembly. Serve these files under one
URL path (for example /consent/) with a policy file, and put these tags in
each page's <head> (` + "`consent snippet --base /consent/`" + ` prints them):

` + "```html" + `
<link rel="stylesheet" href="/consent/consent.css">
<link rel="preload" href="/consent/` + wasm + `" as="fetch" type="application/wasm" crossorigin>
<link rel="preload" href="/consent/policy.json" as="fetch" crossorigin>
<script src="/consent/consent.js" data-policy="/consent/policy.json" defer></script>
` + "```" + `

From an npm CDN, the base is the package's URL, for example
https://cdn.jsdelivr.net/npm/` + PackageName + `@` + version + `/ (the policy stays on
your site). The .br and .gz files are precompressed copies for hosts that
serve them; manifest.json names the wasm of this build. Cache
` + wasm + ` forever; consent.js, consent.css and manifest.json briefly.

The policy file, the gates and the API: https://github.com/consentwasm/consent
(docs/). Licensed under the Apache License 2.0 (LICENSE); NOTICE credits
what it ships from others.
`
}
