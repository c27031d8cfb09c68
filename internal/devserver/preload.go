package devserver

import (
	"bytes"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"time"

	"github.com/consentwasm/consent/internal/assets"
)

// wasmPreload is the preload href the demo pages are written with: the
// wasm's stable alias, which consent.js never fetches.
const wasmPreload = `href="/consent/` + assets.WasmAlias + `"`

// servePage serves an HTML page with its wasm preload pointed at the
// versioned wasm that dist's manifest names, as a site's template does:
// a preload of any other URL would fetch the wasm twice.
func servePage(w http.ResponseWriter, r *http.Request, file, dist string) {
	b, err := os.ReadFile(file)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			http.NotFound(w, r)
			return
		}
		http.Error(w, "cannot read file", http.StatusInternalServerError)
		return
	}
	if name, err := assets.ReadManifest(dist); err == nil {
		b = bytes.ReplaceAll(b, []byte(wasmPreload), []byte(`href="/consent/`+name+`"`))
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	var mod time.Time
	if st, err := os.Stat(file); err == nil {
		mod = st.ModTime()
	}
	w.Header().Set("ETag", bytesETag(b))
	http.ServeContent(w, r, "", mod, bytes.NewReader(b))
}
