package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMinifyKeepsWhatThePageNeeds(t *testing.T) {
	dist := t.TempDir()
	js := []byte(`// Copyright 2018 The Go Authors.
"use strict";
(() => {
  globalThis.Go = class { run(inst) { return inst; } };
})();
(() => {
"use strict";
const longLocalName = (value) => value + 1;
window.consent = { answer: longLocalName(41), text: "Ablehnen – ändern" };
})();
`)
	css := []byte(`/* the banner */
.cc-root {
  --cc-accent: #3b6fd6;
  color: var(--cc-accent);
}
@media (prefers-reduced-motion: reduce) {
  .cc-root * { transition: none; }
}
`)
	minJS, minCSS, err := minifyAssets(dist, js, css)
	if err != nil {
		t.Fatal(err)
	}
	got := string(minJS)
	if n := len(minJS) - len(jsBanner); n >= len(js)*3/4 {
		t.Errorf("minified JS (without its banner) is %d bytes of %d", n, len(js))
	}
	for _, want := range []string{"Copyright 2018 The Go Authors", "use strict", "globalThis.Go", "window.consent", "Ablehnen – ändern"} {
		if !strings.Contains(got, want) {
			t.Errorf("minified JS lost %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "longLocalName") {
		t.Errorf("local names were not shortened:\n%s", got)
	}
	if strings.Contains(got, "?.") || strings.Contains(got, "??") {
		t.Errorf("minified JS uses syntax newer than its sources:\n%s", got)
	}
	c := string(minCSS)
	for _, want := range []string{"--cc-accent", "var(--cc-accent)", "prefers-reduced-motion"} {
		if !strings.Contains(c, want) {
			t.Errorf("minified CSS lost %q:\n%s", want, c)
		}
	}
	if len(minCSS) >= len(css) || strings.Contains(c, "the banner") {
		t.Errorf("CSS not minified:\n%s", c)
	}
	debug, err := os.ReadFile(filepath.Join(dist, "consent.debug.js"))
	if err != nil || string(debug) != string(js) {
		t.Errorf("consent.debug.js is not the readable build (%v)", err)
	}
}

func TestMinifyReportsBrokenSource(t *testing.T) {
	_, _, err := minifyAssets(t.TempDir(), []byte("const = ;"), []byte(".a{}"))
	if err == nil || !strings.Contains(err.Error(), "consent.js") || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("want an error naming consent.js and the line, got %v", err)
	}
}
