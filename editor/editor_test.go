package editor

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const validPolicy = `{
  "revision": 1,
  "languages": ["en"],
  "categories": [
    {"id": "necessary", "required": true, "label": "Necessary"},
    {"id": "statistics", "label": "Statistics"}
  ],
  "services": [
    {"id": "matomo", "category": "statistics", "provider": "Matomo",
     "cookies": [{"pattern": "_pk_id\\..*"}]}
  ]
}
`

// newServer returns an editor of a policy file in a temporary directory
// holding text, and the file's path.
func newServer(t *testing.T, text string) (*Server, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "policy.json")
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	s, err := New(Options{Path: path, Initial: []byte(text), Addr: "127.0.0.1:8090", Token: "secret"})
	require.NoError(t, err)
	return s, path
}

// do sends one request to s; header pairs are set on it.
func do(s *Server, method, target, body string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, strings.NewReader(body))
	r.Host = "127.0.0.1:8090"
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		if header[i] == "Host" {
			r.Host = header[i+1]
			continue
		}
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	s.ServeHTTP(w, r)
	return w
}

func TestEveryPathNeedsTheToken(t *testing.T) {
	s, _ := newServer(t, validPolicy)
	assert.Equal(t, http.StatusOK, do(s, "GET", "/secret/", "").Code)
	for _, p := range []string{"/", "/api/policy", "/secre/api/policy", "/secretx/api/policy", "/Secret/api/policy", "/static/editor.js"} {
		assert.Equal(t, http.StatusNotFound, do(s, "GET", p, "").Code, p)
	}
	assert.Equal(t, http.StatusNotFound, do(s, "POST", "/api/save", validPolicy).Code)
	a, err := NewToken()
	require.NoError(t, err)
	b, _ := NewToken()
	assert.Len(t, a, 32)
	assert.NotEqual(t, a, b, "a new token each run")
}

func TestOtherHostsAndOriginsAreRefused(t *testing.T) {
	s, path := newServer(t, validPolicy)
	// DNS rebinding: the browser sends the attacker's host name.
	assert.Equal(t, http.StatusForbidden, do(s, "GET", "/secret/api/policy", "", "Host", "evil.example:8090").Code)
	assert.Equal(t, http.StatusForbidden, do(s, "GET", "/secret/api/policy", "", "Host", "127.0.0.1:9999").Code)
	// another local page posting to the editor
	changed := strings.Replace(validPolicy, "Statistics", "Changed", 1)
	for _, h := range [][]string{
		{"Origin", "http://localhost:3000"},
		{"Origin", "null"},
		{"Origin", "https://127.0.0.1:8090"},
		{"Sec-Fetch-Site", "cross-site"},
		{"Sec-Fetch-Site", "same-site"},
	} {
		assert.Equal(t, http.StatusForbidden, do(s, "POST", "/secret/api/save", changed, h...).Code, h)
	}
	got, _ := os.ReadFile(path)
	assert.Equal(t, validPolicy, string(got), "nothing refused was saved")
	// the editor's own page, under either loopback name
	assert.Equal(t, http.StatusOK, do(s, "POST", "/secret/api/check", validPolicy, "Origin", "http://127.0.0.1:8090", "Sec-Fetch-Site", "same-origin").Code)
	assert.Equal(t, http.StatusOK, do(s, "GET", "/secret/api/policy", "", "Host", "localhost:8090").Code)
	// a page's fetch cannot send a form as text/plain to skip the checks
	w := do(s, "POST", "/secret/api/save", "", "Content-Type", "text/plain")
	assert.Equal(t, http.StatusUnsupportedMediaType, w.Code)
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8090": true, "localhost:0": true, "[::1]:8090": true, "127.1.2.3:80": true,
		":8090": false, "0.0.0.0:8090": false, "192.168.1.2:8090": false, "example.com:80": false, "8090": false,
	} {
		assert.Equal(t, want, IsLoopback(addr), addr)
	}
}

func TestCheckPlacesProblemsAtTheirLine(t *testing.T) {
	s, _ := newServer(t, validPolicy)
	bad := strings.Replace(validPolicy, `"category": "statistics"`, `"category": "statistic"`, 1)
	w := do(s, "POST", "/secret/api/check", bad)
	require.Equal(t, http.StatusOK, w.Code)
	var c Check
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &c))
	require.False(t, c.Valid)
	require.NotEmpty(t, c.Findings)
	f := c.Findings[0]
	assert.Equal(t, "/services/0/category", f.Pointer)
	assert.Equal(t, 9, f.Line, "the line of the service's category")
	assert.Equal(t, 34, f.Column, "its value")
	assert.Contains(t, f.Message, `did you mean "statistics"`)
	assert.Zero(t, c.Preview, "an invalid policy is not previewed")

	syntax := strings.Replace(validPolicy, `"revision": 1,`, `"revision": 1`, 1)
	w = do(s, "POST", "/secret/api/check", syntax)
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &c))
	require.False(t, c.Valid)
	assert.Equal(t, 3, c.Findings[0].Line, "a missing comma is found where the next member starts")

	w = do(s, "POST", "/secret/api/check", validPolicy)
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &c))
	assert.True(t, c.Valid)
	assert.NotZero(t, c.Preview)
	assert.Empty(t, c.Findings)
}

func TestSaveWritesAtomicallyWithABackup(t *testing.T) {
	s, path := newServer(t, validPolicy)
	changed := strings.Replace(validPolicy, "Statistics", "Audience", 1)
	w := do(s, "POST", "/secret/api/save", changed)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	var a saved
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &a))
	assert.Equal(t, path, a.Path)
	assert.Equal(t, path+".bak", a.Backup)
	got, _ := os.ReadFile(path)
	assert.Equal(t, changed, string(got))
	bak, _ := os.ReadFile(path + ".bak")
	assert.Equal(t, validPolicy, string(bak), "the previous version is kept")
	entries, _ := os.ReadDir(filepath.Dir(path))
	assert.Len(t, entries, 2, "no temporary file is left: %v", entries)
}

func TestSaveRefusesAnInvalidPolicy(t *testing.T) {
	s, path := newServer(t, validPolicy)
	for _, bad := range []string{
		strings.Replace(validPolicy, `"required": true, `, "", 1),
		`{"categories": [`,
	} {
		w := do(s, "POST", "/secret/api/save", bad)
		assert.Equal(t, http.StatusUnprocessableEntity, w.Code)
		var c Check
		require.NoError(t, json.Unmarshal(w.Body.Bytes(), &c))
		assert.NotEmpty(t, c.Findings)
	}
	got, _ := os.ReadFile(path)
	assert.Equal(t, validPolicy, string(got), "the file is untouched")
	_, err := os.Stat(path + ".bak")
	assert.True(t, os.IsNotExist(err), "no backup without a save")
}

func TestSaveCreatesANewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.json")
	s, err := New(Options{Path: path, Initial: []byte(validPolicy), Addr: "127.0.0.1:8090", Token: "secret"})
	require.NoError(t, err)
	w := do(s, "POST", "/secret/api/save", validPolicy)
	require.Equal(t, http.StatusOK, w.Code)
	var a saved
	require.NoError(t, json.Unmarshal(w.Body.Bytes(), &a))
	assert.Empty(t, a.Backup)
	got, _ := os.ReadFile(path)
	assert.Equal(t, validPolicy, string(got))
}

func TestPreviewInlinesTheLatestValidPolicy(t *testing.T) {
	s, _ := newServer(t, validPolicy)
	s.opts.Web = t.TempDir()
	sneaky := strings.Replace(validPolicy, `"label": "Statistics"`, `"label": "</script><script>alert(1)</script>"`, 1)
	sneaky = strings.Replace(sneaky, `"revision": 1,`, `"revision": 1, "proof": {"url": "https://log.example/proof"}, "consentCookie": {"name": "prefs", "domain": "example.com"},`, 1)
	require.True(t, check([]byte(sneaky)).Valid)
	do(s, "POST", "/secret/api/check", sneaky)
	w := do(s, "GET", "/secret/preview?theme=dark", "")
	body := w.Body.String()
	assert.Contains(t, body, `data-policy="#policy"`)
	assert.NotContains(t, body, "<script>alert(1)", "a policy string cannot end the inline JSON")
	assert.Contains(t, body, `\u003c/script`)
	assert.Contains(t, body, `"theme":"dark"`)
	assert.Contains(t, body, `"consentCookie":{"name":"prefs"}`, "the preview keeps the cookie's name, not the site's domain")
	assert.NotContains(t, body, "log.example", "the preview's trial choices reach no consent log")
	assert.Contains(t, body, `data-category="statistics" data-service="matomo"`)
	do(s, "POST", "/secret/api/check", `{"categories": []}`)
	assert.Contains(t, do(s, "GET", "/secret/preview", "").Body.String(), `\u003c/script`, "an invalid text leaves the last valid preview")
}

func TestCheckListsTheCLIsWarnings(t *testing.T) {
	glob := strings.Replace(validPolicy, `"_pk_id\\..*"`, `"_hj*"`, 1)
	c := check([]byte(glob))
	require.True(t, c.Valid, "a warning does not fail")
	require.Len(t, c.Findings, 1)
	f := c.Findings[0]
	assert.True(t, f.Warning)
	assert.Equal(t, "/services/0/cookies/0/pattern", f.Pointer)
	assert.Contains(t, f.Message, "looks like a glob")
	assert.Equal(t, 10, f.Line, "located by policy.Positions")
	assert.Equal(t, 30, f.Column)
}
