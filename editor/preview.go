package editor

import (
	"bytes"
	"encoding/json"
	"html"
	"net/http"
	"strings"

	"github.com/consentwasm/consent/policy"
)

// getPreview serves the sample page of the preview frame: the latest
// valid policy inline (data-policy="#policy"), the built consent.js, and
// gated elements of every category and service, each listed with its
// state. ?lang= sets the page's language, ?theme= the policy's theme.
// The page starts with no choice: it forgets the previous one first.
func (s *Server) getPreview(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	data := s.preview
	s.mu.Unlock()
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	var b strings.Builder
	q := r.URL.Query()
	pol, err := parsePolicy(data)
	lang := q.Get("lang")
	if lang == "" || !validLang(lang) {
		lang = "en"
		if err == nil {
			lang = pol.DefaultLanguage()
		}
	}
	b.WriteString(`<!doctype html><html lang="` + html.EscapeString(lang) + `"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: a sample page</title>
<link rel="stylesheet" href="web/consent.css">
<link rel="stylesheet" href="static/preview.css">
`)
	if data == nil || err != nil || s.opts.Web == "" || q.Has("invalid") {
		msg := "No valid policy yet: the preview shows the banner once the policy validates."
		if q.Has("invalid") {
			msg = "The policy does not validate: the preview comes back as soon as it does."
		}
		if s.opts.Web == "" {
			msg = "No web build to preview: run make build in the repository, or start consent edit with --web DIR (a directory with consent.js, its wasm and consent.css)."
		}
		b.WriteString(`</head><body><main><h1>Preview</h1><p id="preview-note">` + html.EscapeString(msg) + `</p></main></body></html>`)
		w.Write([]byte(b.String()))
		return
	}
	inline := previewCopy(data, q.Get("theme"))
	// No "<" is left for the HTML parser: outside strings JSON has none,
	// inside them \u003c means the same.
	inline = bytes.ReplaceAll(inline, []byte("<"), []byte(`\u003c`))
	b.WriteString(`<script src="static/preview-reset.js"></script>
<script type="application/json" id="policy">`)
	b.Write(inline)
	b.WriteString(`</script>
<script src="web/consent.js" data-policy="#policy" defer></script>
<script src="static/preview.js" defer></script>
</head><body>
<main>
<h1>A sample page</h1>
<p>This page runs the real banner with the policy being edited. Its gated elements below open when their category or service is accepted.</p>
<p><button type="button" data-consent-open>Cookie settings</button></p>
<div id="preview-errors" role="alert"></div>
<h2>Gated elements</h2>
<ul id="gates">
`)
	for _, c := range pol.Categories {
		gate(&b, c.ID, "", "Script of category "+c.ID)
	}
	for _, sv := range pol.Services {
		gate(&b, sv.Category, sv.ID, "Script of service "+sv.ID)
	}
	b.WriteString("</ul>\n")
	if sv := embedService(pol); sv != nil {
		b.WriteString(`<h2>Embedded content</h2>
<iframe id="embed" title="Embedded content of ` + html.EscapeString(sv.ID) + `" data-category="` + html.EscapeString(sv.Category) +
			`" data-service="` + html.EscapeString(sv.ID) + `" data-src="embed" width="480" height="200"></iframe>
`)
	}
	b.WriteString(`<h2>Cookie declaration</h2>
<div id="declaration" data-consent-declaration></div>
</main></body></html>`)
	w.Write([]byte(b.String()))
}

// gate writes one gated script and its line in the list of gates.
func gate(b *strings.Builder, category, service, label string) {
	id := "gate-" + category
	attrs := `data-category="` + html.EscapeString(category) + `"`
	if service != "" {
		id = "gate-service-" + service
		attrs += ` data-service="` + html.EscapeString(service) + `"`
	}
	id = html.EscapeString(id)
	b.WriteString(`<li id="` + id + `" data-gate ` + attrs + `>` + html.EscapeString(label) +
		`: <strong class="state">closed</strong> <span class="ran"></span>` +
		`<script type="text/plain" ` + attrs + `>document.getElementById("` + id + `").dataset.ran = "yes"</script></li>
`)
}

// embedService is the first service of a category that is not required:
// the one whose placeholder the sample page shows.
func embedService(p *policy.Policy) *policy.Service {
	for i := range p.Services {
		if c := p.Category(p.Services[i].Category); c != nil && !c.Required {
			return &p.Services[i]
		}
	}
	return nil
}

// previewCopy returns the policy as the preview runs it: the theme
// replaced when one is asked for ("light", "dark" or "auto"), and without
// what names the real site: the proof URL (the preview's trial choices
// must not reach the site's consent log) and the consent cookie's domain
// (which the editor's host is not under).
func previewCopy(data []byte, theme string) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil {
		return data
	}
	if theme == "light" || theme == "dark" || theme == "auto" {
		m["theme"], _ = json.Marshal(theme)
	}
	delete(m, "proof")
	if raw, ok := m["consentCookie"]; ok {
		var cc map[string]json.RawMessage
		if json.Unmarshal(raw, &cc) == nil {
			delete(cc, "domain")
			m["consentCookie"], _ = json.Marshal(cc)
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		return data
	}
	return out
}

// validLang accepts a language tag's characters only.
func validLang(s string) bool {
	if len(s) > 35 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// getEmbed is the embedded content a placeholder stands for.
func getEmbed(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write([]byte(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embedded content</title></head>` +
		`<body style="font-family:system-ui,sans-serif"><p id="embedded">The embedded content has loaded.</p></body></html>`))
}
