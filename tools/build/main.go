// Command build assembles web/dist from the compiled wasm and the web
// sources: consent.js is Go's wasm_exec.js (from the toolchain that built
// the wasm, its globals kept private: goglue.go) followed by the JS bridge
// and the loader, all in one private scope,
// minified with esbuild (the readable build is consent.debug.js, see
// minify.go); consent.css is minified too; each of the three gets .br and
// .gz copies for static hosts that serve precompressed files. It is the
// only build step beyond `go build`: concatenation, minification and
// compression.
package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/andybalholm/brotli"
	"github.com/consentwasm/consent/policy"
)

// jsSources are concatenated in this order inside one strict-mode IIFE,
// so their top-level names stay private and shared; gtag.js comes first,
// so that Consent Mode's default is pushed before anything else runs.
var jsSources = []string{"gtag.js", "goglue.js", "dom.js", "focus.js", "ui.js", "reopen.js", "reserve.js", "proof.js", "loader.js", "lifecycle.js"}

func main() {
	goroot := flag.String("goroot", "", "the GOROOT of the toolchain that built consent.wasm (for lib/wasm/wasm_exec.js)")
	src := flag.String("src", "web/src", "directory of the JS and CSS sources")
	dist := flag.String("dist", "web/dist", "output directory; consent.wasm must already be there")
	flag.Parse()
	if err := run(*goroot, *src, *dist); err != nil {
		fmt.Fprintln(os.Stderr, "build:", err)
		os.Exit(1)
	}
}

func run(goroot, src, dist string) error {
	if goroot == "" {
		return errors.New("-goroot is required (go env GOROOT)")
	}
	wasmExec, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		// Go before 1.24 kept it in misc/wasm.
		var err2 error
		if wasmExec, err2 = os.ReadFile(filepath.Join(goroot, "misc", "wasm", "wasm_exec.js")); err2 != nil {
			return fmt.Errorf("read wasm_exec.js: %w", err)
		}
	}
	var js bytes.Buffer
	js.WriteString("// consent.js: Go's wasm_exec.js, then the consent manager's JS bridge and loader.\n")
	js.WriteString("(() => {\n\"use strict\";\n")
	js.WriteString(goGlueStart)
	js.Write(wasmExec)
	js.WriteString(goGlueEnd)
	// Google Consent Mode's default, decided in Go (gtag.js pushes it).
	fmt.Fprintf(&js, "const ccConsentDefault = %s;\n", policy.ConsentModeDefaultJSON())
	for _, name := range jsSources {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			return fmt.Errorf("read JS source: %w", err)
		}
		fmt.Fprintf(&js, "// ---- %s\n", name)
		js.Write(b)
		js.WriteString("\n")
	}
	js.WriteString("})();\n")
	css, err := os.ReadFile(filepath.Join(src, "consent.css"))
	if err != nil {
		return fmt.Errorf("read CSS: %w", err)
	}
	if err := os.MkdirAll(dist, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dist, err)
	}
	wasm, err := os.ReadFile(filepath.Join(dist, "consent.wasm"))
	if err != nil {
		return fmt.Errorf("consent.wasm must be built first: %w", err)
	}
	versioned, err := versionJS(js.Bytes(), wasm)
	if err != nil {
		return err
	}
	minJS, minCSS, err := minifyAssets(dist, versioned, css)
	if err != nil {
		return err
	}
	files := map[string][]byte{"consent.js": minJS, "consent.css": minCSS, "consent.wasm": wasm}
	st := readStamps(dist)
	for _, name := range []string{"consent.js", "consent.css", "consent.wasm"} {
		data := files[name]
		if name != "consent.wasm" {
			if err := writeIfChanged(filepath.Join(dist, name), data); err != nil {
				return err
			}
		}
		brLen, gzLen, did, err := st.compressed(dist, name, data)
		if err != nil {
			return err
		}
		note := ""
		if !did {
			note = " (unchanged)"
		}
		fmt.Printf("%-13s %8d bytes, %8d gzip, %8d brotli%s\n", name, len(data), gzLen, brLen, note)
	}
	if err := st.write(dist); err != nil {
		return err
	}
	return publishWasm(dist)
}

func compress(data []byte) (br, gz []byte, err error) {
	var b bytes.Buffer
	w := brotli.NewWriterLevel(&b, brotli.BestCompression)
	if _, err := w.Write(data); err != nil {
		return nil, nil, err
	}
	if err := w.Close(); err != nil {
		return nil, nil, err
	}
	var g bytes.Buffer
	zw, err := gzip.NewWriterLevel(&g, gzip.BestCompression)
	if err != nil {
		return nil, nil, err
	}
	if _, err := zw.Write(data); err != nil {
		return nil, nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, nil, err
	}
	return b.Bytes(), g.Bytes(), nil
}
