package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runValidateArgs(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = runValidate(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestValidateExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.json")
	if len(files) < 2 {
		t.Fatalf("examples: %v", files)
	}
	code, stdout, stderr := runValidateArgs(files...)
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	var want string
	for _, f := range files {
		want += f + ": ok\n"
	}
	if stdout != want {
		t.Errorf("stdout = %q, want %q", stdout, want)
	}
}

// Five planted mistakes give five lines, each with its place: the file,
// the line and column of the value, and its JSON pointer, even when only
// one file is checked.
const fiveMistakes = `{
  "languages": ["de", "en"],
  "consentCookie": {"maxAgeDays": 400},
  "categories": [
    {"id": "necessary", "required": true, "label": {"de": "Notwendig", "en": "Necessary"}},
    {"id": "statistics", "label": "Statistik", "required": "no"}
  ],
  "services": [
    {"id": "matomo", "category": "stats", "provider": "Matomo", "label": "Matomo",
     "cookies": [{"pattern": "_pk_id(.*"}, {"name": "a=b"}]}
  ]
}
`

func TestValidateFiveMistakes(t *testing.T) {
	path := writeFile(t, "policy.json", fiveMistakes)
	code, stdout, stderr := runValidateArgs(path)
	if code != 1 || stdout != "" {
		t.Fatalf("exit %d, stdout %q; want 1 and nothing", code, stdout)
	}
	want := []string{
		path + ":3:35: /consentCookie/maxAgeDays: must be an integer from 1 to 395, not 400",
		path + ":6:60: /categories/1/required: must be true or false, not a string",
		path + `:9:34: /services/0/category: unknown category "stats"`,
		path + `:10:30: /services/0/cookies/0/pattern: invalid pattern "_pk_id(.*": at character 7: missing ")" for this "("`,
		path + `:10:53: /services/0/cookies/1/name: invalid cookie name "a=b"`,
	}
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d:\n%s", len(lines), len(want), stderr)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d = %q, want it to start %q", i+1, lines[i], w)
		}
	}
}

// TestValidateDidYouMean: a misspelt category names the one it most
// likely meant; a missing field points at the object that lacks it.
func TestValidateDidYouMean(t *testing.T) {
	path := writeFile(t, "policy.json", `{
  "categories": [
    {"id": "necessary", "required": true, "label": "N"},
    {"id": "statistics", "label": "S"}
  ],
  "services": [
    {"id": "matomo", "category": "statistcs", "provider": "Matomo"},
    {"id": "x", "provider": "X"}
  ]
}`)
	code, _, stderr := runValidateArgs(path)
	want := path + `:7:34: /services/0/category: unknown category "statistcs" (did you mean "statistics"?)` + "\n" +
		path + `:8:5: /services/1: missing required field "category"` + "\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

func TestValidateSeveralFilesArePrefixed(t *testing.T) {
	bad := writeFile(t, "bad.json", `{"categories": [{"id": "n", "required": true, "label": "N"}], "services": [], "gpc": "no"}`)
	good := "../../examples/lille.json"
	code, stdout, stderr := runValidateArgs(good, bad)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if stdout != good+": ok\n" {
		t.Errorf("stdout = %q", stdout)
	}
	if want := bad + `:1:86: /gpc: "no" must be one of "reject", "ignore"` + "\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
}

func TestValidateSyntaxError(t *testing.T) {
	path := writeFile(t, "p.json", "{\n  \"categories\": [],\n}\n")
	code, _, stderr := runValidateArgs(path)
	if want := path + ":3:1: unexpected character '}': expected a string as object key\n"; code != 1 || stderr != want {
		t.Errorf("exit %d, stderr %q; want 1, %q", code, stderr, want)
	}
}

func TestValidateUnreadableFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope.json")
	code, stdout, stderr := runValidateArgs(missing, "../../examples/mannheim.json")
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if want := "consent validate: cannot read " + missing + ": no such file or directory\n"; stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
	if stdout != "../../examples/mannheim.json: ok\n" {
		t.Errorf("the other file was not checked: stdout = %q", stdout)
	}
	code, _, stderr = runValidateArgs(t.TempDir())
	if code != 1 || !strings.Contains(stderr, "cannot read") {
		t.Errorf("a directory: exit %d, stderr %q", code, stderr)
	}
}

func TestValidateUsage(t *testing.T) {
	tests := []struct {
		args      []string
		code      int
		stdout    string // substring
		stderrHas string
	}{
		{nil, 2, "", "missing the policy FILE"},
		{[]string{"--lang", "de"}, 2, "", "unknown flag --lang"},
		{[]string{"--help"}, 0, "usage: consent validate FILE...", ""},
		{[]string{"-h"}, 0, "usage: consent validate FILE...", ""},
		{[]string{"--", "-odd.json"}, 1, "", "cannot read -odd.json"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runValidateArgs(tt.args...)
		if code != tt.code || !strings.Contains(stdout, tt.stdout) || !strings.Contains(stderr, tt.stderrHas) ||
			(tt.stderrHas == "" && stderr != "") {
			t.Errorf("validate %q: exit %d, stdout %q, stderr %q", tt.args, code, stdout, stderr)
		}
	}
}

// Warnings are printed as "FILE:LINE:COLUMN: pointer: warning: message"
// and do not fail.
func TestValidateWarnings(t *testing.T) {
	path := writeFile(t, "policy.json", `{
  "categories": [{"id": "necessary", "required": true, "label": "N"}],
  "services": [{"id": "hotjar", "category": "necessary", "provider": "Hotjar", "cookies": [{"pattern": "_hj*"}]}]
}`)
	code, stdout, stderr := runValidateArgs(path)
	if code != 0 || stdout != path+": ok\n" {
		t.Fatalf("exit %d, stdout %q; want 0 and ok", code, stdout)
	}
	if !strings.HasPrefix(stderr, path+`:3:104: /services/0/cookies/0/pattern: warning: pattern "_hj*" looks like a glob`) || strings.Count(stderr, "\n") != 1 {
		t.Errorf("stderr = %q, want one glob warning", stderr)
	}
}
