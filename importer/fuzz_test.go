package importer

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzImport: no input makes the importers panic, and what they return
// validates (finish checks it).
func FuzzImport(f *testing.F) {
	if b, err := os.ReadFile("testdata/vcc-site.js"); err == nil {
		f.Add(b)
	}
	if b, err := os.ReadFile("testdata/peers/node_modules/klaro/dist/config.js"); err == nil {
		f.Add(b)
	}
	forms, _ := filepath.Glob("testdata/forms/*")
	for _, name := range forms {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"categories": {"a": {"readOnly": true}}}`))
	f.Add([]byte(`var klaroConfig = {services: [{name: 'x', cookies: [[/^a/i, '/', 'a.b']]}]}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, imp := range []func([]byte) (*Result, error){VCC, Klaro} {
			res, err := imp(src)
			if err == nil && res.Policy == nil {
				t.Fatal("no policy and no error")
			}
		}
	})
}
