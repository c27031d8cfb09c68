package weight

import (
	"os/exec"
	"strings"
	"testing"
)

// forbidden are the packages that must not be linked into consent.wasm,
// with what each would cost. fmt brings reflect and internal/fmtsort;
// encoding/json brings reflect; regexp a second pattern engine beside
// policy/pattern, the matcher the wasm runs.
var forbidden = map[string]string{
	"fmt":              "about 110 KB of code, and reflect with it",
	"reflect":          "about 60 KB of code and the type data of every type",
	"internal/fmtsort": "fmt's map sorting (reflect)",
	"encoding/json":    "about 100 KB, and reflect",
	"regexp":           "a second pattern engine",
}

// TestWasmImportsNoHeavyPackage fails when ./wasm, built for the browser,
// depends on fmt, reflect, encoding/json or regexp: one import anywhere in
// its dependencies (ours or a module's) puts them in every visitor's
// download.
func TestWasmImportsNoHeavyPackage(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "github.com/consentwasm/consent/wasm")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("GOOS=js GOARCH=wasm go list -deps ./wasm: %v\n%s", err, msg)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps ./wasm listed only %q", deps)
	}
	for _, d := range deps {
		if why, bad := forbidden[d]; bad {
			t.Errorf("consent.wasm depends on %s (%s): `GOOS=js GOARCH=wasm go list -deps ./wasm` lists it; find the import with `go list -f '{{.ImportPath}}: {{.Imports}}' -deps ./wasm`", d, why)
		}
	}
}
