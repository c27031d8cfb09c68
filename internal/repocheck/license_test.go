package repocheck

import (
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
)

// TestLicenseAndNotice checks that the repository carries the Apache
// License 2.0 in full and that NOTICE credits every directory that ships a
// licence of its own (vendored code and data keep theirs beside them).
func TestLicenseAndNotice(t *testing.T) {
	root := repoRoot(t)
	lic, err := os.ReadFile(filepath.Join(root, "LICENSE"))
	if err != nil {
		t.Fatalf("the repository needs a LICENSE: %v", err)
	}
	for _, want := range []string{"Apache License", "Version 2.0, January 2004", "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION", "END OF TERMS AND CONDITIONS"} {
		if !strings.Contains(string(lic), want) {
			t.Errorf("LICENSE is not the full Apache License 2.0: %q missing", want)
		}
	}
	notice, err := os.ReadFile(filepath.Join(root, "NOTICE"))
	if err != nil {
		t.Fatalf("the repository needs a NOTICE: %v", err)
	}
	for _, f := range trackedFiles(t, root) {
		base := path.Base(f.path)
		if f.path == "LICENSE" || !(strings.HasPrefix(base, "LICENSE") || strings.HasPrefix(base, "COPYING")) {
			continue
		}
		if dir := path.Dir(f.path); !strings.Contains(string(notice), dir) {
			t.Errorf("%s ships a licence of its own, but NOTICE does not credit %s", f.path, dir)
		}
	}
	for _, credit := range []string{"wasm_exec.js", "safejs", "Open Cookie Database"} {
		if !strings.Contains(string(notice), credit) {
			t.Errorf("NOTICE does not credit %s", credit)
		}
	}
}
