package editor

import (
	"embed"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"path"
	"path/filepath"
	"strings"

	"github.com/consentwasm/consent/internal/devserver"
	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/texts"
)

//go:embed static
var static embed.FS

// maxPolicy is the largest policy text the editor accepts, in bytes.
const maxPolicy = 4 << 20

func (s *Server) routes() {
	p := "/" + s.opts.Token + "/"
	m := http.NewServeMux()
	sub, _ := fs.Sub(static, "static")
	m.HandleFunc("GET "+p+"{$}", func(w http.ResponseWriter, r *http.Request) {
		serveStatic(w, r, sub, "index.html")
	})
	m.HandleFunc("GET "+p+"static/{file}", func(w http.ResponseWriter, r *http.Request) {
		serveStatic(w, r, sub, r.PathValue("file"))
	})
	m.HandleFunc("GET "+p+"api/policy", s.getPolicy)
	m.HandleFunc("GET "+p+"api/texts", getTexts)
	m.HandleFunc("POST "+p+"api/check", s.postCheck)
	m.HandleFunc("POST "+p+"api/save", s.postSave)
	m.HandleFunc("GET "+p+"preview", s.getPreview)
	m.HandleFunc("GET "+p+"embed", getEmbed)
	m.HandleFunc("GET "+p+"web/{file}", func(w http.ResponseWriter, r *http.Request) {
		if s.opts.Web == "" {
			http.Error(w, "no web build: run `make build`, or pass --web DIR", http.StatusNotFound)
			return
		}
		devserver.ServeFile(w, r, filepath.Join(s.opts.Web, path.Base(r.PathValue("file"))))
	})
	s.mux = m
}

// serveStatic serves one of the editor's embedded files.
func serveStatic(w http.ResponseWriter, r *http.Request, sub fs.FS, name string) {
	b, err := fs.ReadFile(sub, name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	switch path.Ext(name) {
	case ".html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
	case ".js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	case ".css":
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
	}
	w.Write(b)
}

// policyInfo is what the page starts from.
type policyInfo struct {
	Text string `json:"text"`
	// Path is the file as the command line named it; a save answers
	// with its absolute path.
	Path  string   `json:"path"`
	Notes []string `json:"notes"`
	// Web says whether a web build is there for the preview.
	Web bool `json:"web"`
	// TextKeys are the UI strings' keys, in the built-in tables' order.
	TextKeys []string `json:"textKeys"`
	// Languages are those with built-in UI strings.
	Languages []string `json:"languages"`
	// ConsentModeTypes are the Consent Mode v2 types a category may grant.
	ConsentModeTypes []string `json:"consentModeTypes"`
}

func (s *Server) getPolicy(w http.ResponseWriter, r *http.Request) {
	notes := s.opts.Notes
	if notes == nil {
		notes = []string{}
	}
	writeJSON(w, http.StatusOK, policyInfo{
		Text: string(s.opts.Initial), Path: s.opts.Path, Notes: notes, Web: s.opts.Web != "",
		TextKeys: texts.Keys, Languages: texts.Languages(),
		ConsentModeTypes: policy.ConsentModeTypes,
	})
}

// getTexts answers the built-in UI strings of ?lang= (English for a
// language without its own): the placeholders of the texts form.
func getTexts(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, policy.UITexts(nil, r.URL.Query().Get("lang")))
}

func (s *Server) postCheck(w http.ResponseWriter, r *http.Request) {
	data, ok := readBody(w, r)
	if !ok {
		return
	}
	c := check(data)
	if c.Valid {
		s.mu.Lock()
		if string(s.preview) != string(data) || s.version == 0 {
			s.preview = data
			s.version++
		}
		c.Preview = s.version
		s.mu.Unlock()
	}
	writeJSON(w, http.StatusOK, c)
}

// saved is the answer of a save.
type saved struct {
	Path   string `json:"path"`
	Backup string `json:"backup,omitempty"`
}

func (s *Server) postSave(w http.ResponseWriter, r *http.Request) {
	data, ok := readBody(w, r)
	if !ok {
		return
	}
	if c := check(data); !c.Valid {
		writeJSON(w, http.StatusUnprocessableEntity, c)
		return
	}
	backup, err := saveFile(s.opts.Path, data)
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "cannot save " + s.opts.Path + ": " + err.Error()})
		return
	}
	abs, _ := filepath.Abs(s.opts.Path)
	if backup != "" {
		backup, _ = filepath.Abs(backup)
	}
	writeJSON(w, http.StatusOK, saved{Path: abs, Backup: backup})
}

// readBody reads a policy text sent by the page.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		http.Error(w, "send the policy as application/json", http.StatusUnsupportedMediaType)
		return nil, false
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxPolicy))
	if err != nil {
		http.Error(w, "the policy is too large or could not be read", http.StatusRequestEntityTooLarge)
		return nil, false
	}
	return data, true
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(v)
}
