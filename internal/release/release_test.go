package release

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCheckVersion(t *testing.T) {
	for _, v := range []string{"1.2.3", "0.0.1", "10.20.30", "1.0.0-rc.1", "0.0.1-test"} {
		if err := checkVersion(v); err != nil {
			t.Errorf("checkVersion(%q): %v", v, err)
		}
	}
	for _, v := range []string{"", "1.2", "v1.2.3", "1.2.3.4", "01.2.3", "1.2.x", "1.2.3-", "1.2.3-a b", "../1.2.3"} {
		if err := checkVersion(v); err == nil {
			t.Errorf("checkVersion(%q) accepted it", v)
		}
	}
}

func TestPackageJSONExportsTheVersionedWasm(t *testing.T) {
	b, err := packageJSON("1.2.3", "consent.0123456789abcdef.wasm", []string{"consent.js", "consent.0123456789abcdef.wasm"})
	if err != nil {
		t.Fatal(err)
	}
	var pkg map[string]any
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg["version"] != "1.2.3" || pkg["license"] != "Apache-2.0" {
		t.Errorf("package.json: %s", b)
	}
	if ex := pkg["exports"].(map[string]any); ex["./consent.wasm"] != "./consent.0123456789abcdef.wasm" {
		t.Errorf("exports: %v", ex)
	}
	if !strings.Contains(string(b), `"LICENSE"`) {
		t.Errorf("files lack LICENSE: %s", b)
	}
}

func TestParsePlatforms(t *testing.T) {
	p, err := ParsePlatforms("linux/amd64, windows/arm64")
	if err != nil || len(p) != 2 || p[1].String() != "windows/arm64" {
		t.Errorf("ParsePlatforms: %v, %v", p, err)
	}
	if _, err := ParsePlatforms("linux"); err == nil {
		t.Error("ParsePlatforms(linux) accepted it")
	}
}
