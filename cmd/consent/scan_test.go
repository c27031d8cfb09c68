package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/scan/scantest"
)

func runScanArgs(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = runScan(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestScanUsageErrors(t *testing.T) {
	dir := t.TempDir()
	invalid := filepath.Join(dir, "invalid.json")
	os.WriteFile(invalid, []byte(`{"categories": [], "services": []}`), 0o644)
	badKnown := filepath.Join(dir, "bad.csv")
	os.WriteFile(badKnown, []byte("Platform,Category,Cookie / Data Key name\nOur shop,Tasty,cart\n"), 0o644)
	tests := []struct {
		name    string
		args    []string
		code    int
		wantErr string
	}{
		{"no URL", nil, 2, "missing the URL"},
		{"two URLs", []string{"https://a.example", "https://b.example"}, 2, "one URL expected"},
		{"no pages", []string{"https://a.example", "--pages", "0"}, 2, "--pages must be at least 1"},
		{"bad format", []string{"https://a.example", "--format", "pdf"}, 2, `unknown report format "pdf"`},
		{"unknown flag", []string{"--colour", "https://a.example"}, 2, "colour"},
		{"missing policy", []string{"https://a.example", "--policy", filepath.Join(dir, "nope.json")}, 1, "nope.json"},
		{"invalid policy", []string{"https://a.example", "--policy", invalid}, 1, "/categories"},
		{"missing browser", []string{"https://a.example", "--chrome", filepath.Join(dir, "no-chromium")}, 1, "no-chromium"},
		// Checked before any crawling.
		{"draft in a missing directory", []string{"https://a.example", "--out", filepath.Join(dir, "drafts", "draft.json")}, 1, "--out " + filepath.Join(dir, "drafts", "draft.json") + ": the directory " + filepath.Join(dir, "drafts") + " does not exist"},
		{"report in a missing directory", []string{"https://a.example", "--report", filepath.Join(dir, "no", "r.html")}, 1, "the directory " + filepath.Join(dir, "no") + " does not exist"},
		{"report under a file", []string{"https://a.example", "--report", filepath.Join(invalid, "r.html")}, 1, "is not a directory"},
		{"missing known table", []string{"https://a.example", "--known", filepath.Join(dir, "known.csv")}, 1, "known.csv"},
		{"invalid known table", []string{"https://a.example", "--known", badKnown}, 1, `bad.csv line 2: category "Tasty"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := runScanArgs(tt.args...)
			if code != tt.code || out != "" || !strings.Contains(stderr, tt.wantErr) {
				t.Errorf("exit %d (want %d), stdout %q, stderr:\n%s", code, tt.code, out, stderr)
			}
		})
	}
	// No chromium on PATH: a clear error, before anything else runs.
	t.Setenv("PATH", dir)
	if code, _, stderr := runScanArgs("https://a.example"); code != 1 || !strings.Contains(stderr, "chromium is not on PATH") {
		t.Errorf("without chromium: exit %d, stderr:\n%s", code, stderr)
	}
	code, out, _ := runScanArgs("--help")
	if code != 0 || !strings.Contains(out, "usage: consent scan URL") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
}

// The whole command against the test site whose policy misses cookies.
func TestScanCommand(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (make test installs it)")
		}
		t.Skip("chromium is not on PATH; `make test` installs it")
	}
	port, stop, err := scantest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	dir := t.TempDir()
	draftFile, reportFile := filepath.Join(dir, "draft.json"), filepath.Join(dir, "report.html")
	ownerFile := filepath.Join(scantest.Dir(), "undeclared", "policy.json")
	code, out, stderr := runScanArgs(scantest.URL("www.undeclared.test", port), "--pages", "3",
		"--policy", ownerFile, "--out", draftFile, "--report", reportFile,
		"--wait", "1s", "--host-resolver-rules", scantest.HostRules)
	if code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", code, stderr)
	}
	if out != "" {
		t.Errorf("stdout = %q, want empty with --report", out)
	}
	// stderr is no terminal: plain progress lines, then a summary.
	for _, want := range []string{"scan: no-choice 1/1 http://www.undeclared.test:", "scan: accept-all 2/2 ", "finding(s); report: " + reportFile + "; draft policy: " + draftFile} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	// Without a scheme: https:// first, then http:// (the test server
	// speaks only http), with the site owner's own table.
	known := filepath.Join(dir, "known.csv")
	os.WriteFile(known, []byte("Platform,Category,Cookie / Data Key name,Wildcard match,Retention period\nOur themes,Personalization,ui_,1,1 year\n"), 0o644)
	jsonReport := filepath.Join(dir, "report.json")
	code, _, stderr = runScanArgs(strings.TrimPrefix(scantest.URL("www.undeclared.test", port), "http://"), "--pages", "1",
		"--known", known, "--report", jsonReport, "--wait", "1s", "--host-resolver-rules", scantest.HostRules)
	if code != 0 || !strings.Contains(stderr, "did not load") || !strings.Contains(stderr, "trying http://www.undeclared.test:") {
		t.Errorf("URL without a scheme: exit %d, stderr:\n%s", code, stderr)
	}
	if b, err := os.ReadFile(jsonReport); err != nil || !strings.Contains(string(b), `"source": "`+known+`"`) || !strings.Contains(string(b), `"service": "our-themes"`) {
		t.Errorf("ui_theme not classified by the --known table (%v):\n%s", err, b)
	}
	// A start page that does not load is an error.
	if code, _, stderr := runScanArgs(scantest.URL("www.nosuchsite.test", port), "--pages", "1",
		"--host-resolver-rules", scantest.HostRules); code != 1 || !strings.Contains(stderr, "the start page") {
		t.Errorf("unreachable start page: exit %d, stderr:\n%s", code, stderr)
	}
	if code, _, stderr := runScanArgs("www.nosuchsite.test:"+port, "--pages", "1",
		"--host-resolver-rules", scantest.HostRules); code != 1 || !strings.Contains(stderr, "neither https://www.nosuchsite.test:"+port+"/ nor http://www.nosuchsite.test:"+port+"/ loaded") {
		t.Errorf("unreachable start page without a scheme: exit %d, stderr:\n%s", code, stderr)
	}
	if strings.Contains(stderr, "\r") {
		t.Error("progress redrawn in place on a stderr that is no terminal")
	}
	page, err := os.ReadFile(reportFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!doctype html>", "<code>csrftoken</code>", "<code>ui_theme</code>", "<code>legacy_portal</code>", "Found but not declared in the policy"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("HTML report lacks %q", want)
		}
	}
	draft, err := os.ReadFile(draftFile)
	if err != nil {
		t.Fatal(err)
	}
	p, err := policy.Parse(draft)
	if err != nil {
		t.Fatalf("draft does not parse: %v\n%s", err, draft)
	}
	if p.Service("anmeldung") == nil || p.Service("csrf") == nil {
		t.Errorf("draft lacks the owner's or the new service:\n%s", draft)
	}
	// And the validate command agrees.
	if code, _, stderr := runValidateForTest(draftFile); code != 0 {
		t.Errorf("consent validate on the draft: exit %d\n%s", code, stderr)
	}
}

func runValidateForTest(file string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := runValidate([]string{file}, &out, &errOut)
	return code, out.String(), errOut.String()
}
