package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// jsBanner stays at the top of the minified consent.js: the minifier drops
// comments, and wasm_exec.js's licence asks for its notice.
const jsBanner = "/* consent.js (minified; consent.debug.js is the readable build). Includes Go's wasm_exec.js: Copyright 2018 The Go Authors, BSD-style licence, https://go.dev/LICENSE */"

// minifyAssets minifies consent.js and consent.css with esbuild and writes
// the readable consent.js as consent.debug.js into dist, for reading and
// for debugging (served in place of consent.js it behaves the same).
func minifyAssets(dist string, js, css []byte) (minJS, minCSS []byte, err error) {
	if err := os.MkdirAll(dist, 0o755); err != nil {
		return nil, nil, fmt.Errorf("create %s: %w", dist, err)
	}
	if err := writeIfChanged(filepath.Join(dist, "consent.debug.js"), js); err != nil {
		return nil, nil, err
	}
	if minJS, err = minify(js, api.LoaderJS, jsBanner); err != nil {
		return nil, nil, fmt.Errorf("minify consent.js: %w", err)
	}
	if minCSS, err = minify(css, api.LoaderCSS, ""); err != nil {
		return nil, nil, fmt.Errorf("minify consent.css: %w", err)
	}
	return minJS, minCSS, nil
}

// minify runs esbuild's transform: whitespace, syntax and (for JS) local
// names. The JS target is ES2019, so that the output uses no syntax newer
// than the sources do (no ?. or ??); CSS is not lowered at all.
func minify(src []byte, loader api.Loader, banner string) ([]byte, error) {
	opts := api.TransformOptions{
		Loader:            loader,
		MinifyWhitespace:  true,
		MinifySyntax:      true,
		MinifyIdentifiers: loader == api.LoaderJS,
		LegalComments:     api.LegalCommentsNone,
		Charset:           api.CharsetUTF8,
		Banner:            banner,
	}
	if loader == api.LoaderJS {
		opts.Target = api.ES2019
	}
	res := api.Transform(string(src), opts)
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range res.Errors {
			where := ""
			if m.Location != nil {
				where = fmt.Sprintf("line %d, column %d: ", m.Location.Line, m.Location.Column)
			}
			msgs = append(msgs, where+m.Text)
		}
		return nil, errors.New(strings.Join(msgs, "; "))
	}
	return res.Code, nil
}
