package main

import (
	"errors"
	"flag"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/consentwasm/consent/internal/assets"
)

const snippetUsage = `usage: consent snippet [--base /consent/] [--policy URL] [--dist DIR]

Prints the <head> tags that load this build of the consent manager: its
stylesheet, preloads of its content-addressed wasm and of the policy, and
the script with data-policy. Paste them into a page or a template.

  --base URL      where the files are served (default /consent/)
  --policy URL    the policy's URL, or #id of an inline JSON script
                  (default: BASE + policy.json)
  --dist DIR      the built files whose manifest.json names the wasm
                  (default: the build released with this binary, else web/dist)
`

// runSnippet runs `consent snippet`. It returns 0 on success, 1 when no
// build's manifest can be read, 2 on a usage error.
func runSnippet(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("snippet", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	base := fs.String("base", "/consent/", "")
	policyURL := fs.String("policy", "", "")
	dist := fs.String("dist", "", "")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, snippetUsage)
			return 0
		}
		return badFlag(stderr, "snippet", err)
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "consent snippet: unexpected argument %q (consent snippet --help)\n", rest[0])
		return 2
	}
	wasm, err := snippetWasm(*dist)
	if err != nil {
		fmt.Fprintln(stderr, "consent snippet:", err)
		return 1
	}
	fmt.Fprint(stdout, snippet(*base, *policyURL, wasm))
	return 0
}

// snippetWasm returns the versioned wasm name of the build at hand: dist's
// manifest when dist is given, else the build this binary was released
// with, else web/dist's manifest (a checkout after make build).
func snippetWasm(dist string) (string, error) {
	if dist == "" && releaseWasm != "" {
		return releaseWasm, nil
	}
	if dist == "" {
		dist = filepath.Join("web", "dist")
		if _, err := os.Stat(filepath.Join(dist, assets.Manifest)); err != nil {
			return "", errors.New("no build at hand: this binary was not built by make release and web/dist has no manifest.json (run make build, or pass --dist DIR of the unpacked release)")
		}
	}
	name, err := assets.ReadManifest(dist)
	if err != nil {
		return "", fmt.Errorf("%s: %w", dist, err)
	}
	return name, nil
}

// snippet returns the <head> tags for the files under base (a URL path or
// an absolute URL; a missing final slash is added) with the policy at
// policyURL (default base + "policy.json") and the versioned wasm name.
// Every URL is escaped for an HTML attribute.
func snippet(base, policyURL, wasm string) string {
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	if policyURL == "" {
		policyURL = base + "policy.json"
	}
	a := html.EscapeString
	var b strings.Builder
	fmt.Fprintf(&b, "<link rel=\"stylesheet\" href=\"%s\">\n", a(base+"consent.css"))
	fmt.Fprintf(&b, "<link rel=\"preload\" href=\"%s\" as=\"fetch\" type=\"application/wasm\" crossorigin>\n", a(base+wasm))
	if !strings.HasPrefix(policyURL, "#") {
		fmt.Fprintf(&b, "<link rel=\"preload\" href=\"%s\" as=\"fetch\" crossorigin>\n", a(policyURL))
	}
	fmt.Fprintf(&b, "<script src=\"%s\" data-policy=\"%s\" defer></script>\n", a(base+"consent.js"), a(policyURL))
	return b.String()
}
