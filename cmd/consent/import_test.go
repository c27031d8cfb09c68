package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func runImportArgs(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(append([]string{"import"}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

// `consent import` turns the peers' configurations into policies that pass
// `consent validate`.
func TestImportThenValidate(t *testing.T) {
	for _, tt := range []struct{ kind, file string }{
		{"klaro", "../../importer/testdata/peers/node_modules/klaro/dist/config.js"},
		{"vcc", "../../importer/testdata/vcc-site.js"},
	} {
		out := filepath.Join(t.TempDir(), "policy.json")
		code, stdout, stderr := runImportArgs(tt.kind, tt.file, "--out", out)
		if code != 0 || stdout != "" || !strings.Contains(stderr, "note: ") || !strings.Contains(stderr, "wrote "+out) {
			t.Fatalf("%s: exit %d, stdout %q, stderr:\n%s", tt.kind, code, stdout, stderr)
		}
		if code, _, stderr := runValidateArgs(out); code != 0 {
			t.Errorf("%s: the imported policy does not validate:\n%s", tt.kind, stderr)
		}
	}
	code, stdout, _ := runImportArgs("klaro", "../../importer/testdata/peers/node_modules/klaro/dist/config.js")
	if code != 0 || !strings.HasPrefix(stdout, "{") {
		t.Errorf("without --out: exit %d, stdout %.40q", code, stdout)
	}
}

func TestImportUsage(t *testing.T) {
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{}, 2, "expected the kind"},
		{[]string{"cookiebot", "x.js"}, 2, `unknown kind "cookiebot"`},
		{[]string{"vcc", "nope.js"}, 1, "cannot read nope.js"},
		{[]string{"vcc", "x", "--out"}, 2, "needs a file name"},
		{[]string{"--help"}, 0, "usage: consent import"},
	} {
		code, stdout, stderr := runImportArgs(tt.args...)
		if code != tt.code || !strings.Contains(stdout+stderr, tt.want) {
			t.Errorf("%v: exit %d, output %q; want %d and …%s…", tt.args, code, stdout+stderr, tt.code, tt.want)
		}
	}
}
