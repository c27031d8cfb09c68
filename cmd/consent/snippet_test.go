package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consentwasm/consent/internal/assets"
)

// writeDist writes a minimal built dist (a wasm and its manifest) and
// returns its directory and the wasm's versioned name.
func writeDist(t *testing.T) (string, string) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, assets.WasmAlias), []byte("\x00asm\x01\x00\x00\x00test"), 0o644); err != nil {
		t.Fatal(err)
	}
	name, err := assets.Publish(dir)
	if err != nil {
		t.Fatal(err)
	}
	return dir, name
}

func TestSnippetPrintsTheBuildsTags(t *testing.T) {
	dist, wasm := writeDist(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"snippet", "--dist", dist}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	want := `<link rel="stylesheet" href="/consent/consent.css">
<link rel="preload" href="/consent/` + wasm + `" as="fetch" type="application/wasm" crossorigin>
<link rel="preload" href="/consent/policy.json" as="fetch" crossorigin>
<script src="/consent/consent.js" data-policy="/consent/policy.json" defer></script>
`
	if stdout.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", stdout.String(), want)
	}
}

func TestSnippetBaseAndPolicy(t *testing.T) {
	dist, wasm := writeDist(t)
	tests := []struct {
		args []string
		has  []string
		not  []string
	}{
		{[]string{"--base", "https://cdn.example/consent@1.2.3"}, []string{
			`href="https://cdn.example/consent@1.2.3/` + wasm + `"`,
			`src="https://cdn.example/consent@1.2.3/consent.js" data-policy="https://cdn.example/consent@1.2.3/policy.json"`,
		}, nil},
		{[]string{"--policy", "/p/site.json"}, []string{
			`<link rel="preload" href="/p/site.json" as="fetch" crossorigin>`,
			`data-policy="/p/site.json"`,
		}, nil},
		// An inline policy is no URL to preload.
		{[]string{"--policy", "#consent-policy"}, []string{`data-policy="#consent-policy"`}, []string{`href="#consent-policy"`}},
		// Values go into attributes escaped.
		{[]string{"--policy", `/p.json"><script>x</script>`}, []string{`data-policy="/p.json&#34;&gt;&lt;script&gt;x&lt;/script&gt;"`}, []string{"<script>x"}},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(append([]string{"snippet", "--dist", dist}, tt.args...), &stdout, &stderr); code != 0 {
			t.Fatalf("%q: exit %d: %s", tt.args, code, stderr.String())
		}
		for _, h := range tt.has {
			if !strings.Contains(stdout.String(), h) {
				t.Errorf("%q: output lacks %s:\n%s", tt.args, h, stdout.String())
			}
		}
		for _, n := range tt.not {
			if strings.Contains(stdout.String(), n) {
				t.Errorf("%q: output has %s:\n%s", tt.args, n, stdout.String())
			}
		}
	}
}

// TestSnippetReleasedBuild: a binary from make release knows its web
// files' wasm name, so it needs no manifest at hand.
func TestSnippetReleasedBuild(t *testing.T) {
	t.Chdir(t.TempDir())
	old := releaseWasm
	t.Cleanup(func() { releaseWasm = old })
	releaseWasm = "consent.0123456789abcdef.wasm"
	var stdout, stderr bytes.Buffer
	if code := run([]string{"snippet"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), `href="/consent/consent.0123456789abcdef.wasm"`) {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, stdout.String(), stderr.String())
	}
}

func TestSnippetWithoutABuild(t *testing.T) {
	t.Chdir(t.TempDir())
	var stdout, stderr bytes.Buffer
	code := run([]string{"snippet"}, &stdout, &stderr)
	if code != 1 || stdout.Len() != 0 || !strings.Contains(stderr.String(), "no build at hand") {
		t.Errorf("exit %d\nstdout: %s\nstderr: %s", code, stdout.String(), stderr.String())
	}
}

func TestVersion(t *testing.T) {
	oldV, oldC := version, commit
	t.Cleanup(func() { version, commit = oldV, oldC })
	version, commit = "1.2.3", "0123456789abcdef0123"
	var stdout, stderr bytes.Buffer
	if code := run([]string{"--version"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	// The test binary carries no VCS stamp, so the -X commit shows.
	if got := stdout.String(); !strings.HasPrefix(got, "consent 1.2.3 (commit ") || strings.Count(got, "\n") != 1 {
		t.Errorf("consent --version = %q", got)
	}
}

// TestBadFlagOneLine: a mistyped flag gets one line naming it, not the
// whole usage text.
func TestBadFlagOneLine(t *testing.T) {
	for _, args := range [][]string{
		{"validate", "--bogus", "x.json"},
		{"declaration", "--bogus", "x.json"},
		{"scan", "--bogus", "example.org"},
		{"import", "--bogus", "vcc", "x.js"},
		{"snippet", "--bogus"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		want := "consent " + args[0] + ": unknown flag --bogus (consent " + args[0] + " --help lists the flags)\n"
		if code != 2 || stderr.String() != want {
			t.Errorf("consent %q: exit %d, stderr %q, want %q", args, code, stderr.String(), want)
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"scan", "--pages", "many", "example.org"}, &stdout, &stderr); code != 2 || strings.Count(stderr.String(), "\n") != 1 || !strings.Contains(stderr.String(), "--pages") {
		t.Errorf("consent scan --pages many: exit %d, stderr %q", code, stderr.String())
	}
}
