package consentlog

import (
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
)

// record.source (who made the choice: the banner or the site's code) is
// optional, stored, hashed when present and refused when unknown; a
// document without it hashes as before.
func TestRecordSourceIsOptionalAndStored(t *testing.T) {
	ts := newTestServer(t, openSQLite(t, t.TempDir()+"/log.db"), 0)
	// proof.Document writes source (banner here): plain is a document of
	// a browser that predates it.
	plain := strings.Replace(testDoc("src", 1764600000000, policy.MethodAcceptAll), `,"source":"banner"`, "", 1)
	withAPI := strings.Replace(testDoc("src", 1764600001000, policy.MethodAcceptAll), `"source":"banner"`, `"source":"api"`, 1)
	bogus := strings.Replace(plain, `"method":"accept-all"`, `"method":"accept-all","source":"robot"`, 1)
	for _, tc := range []struct {
		body string
		want int
	}{{plain, 201}, {withAPI, 201}, {bogus, 400}} {
		if status, body, _ := ts.post(t, testOrigin, "application/json", tc.body); status != tc.want {
			t.Errorf("POST %.80s…: %d %v, want %d", tc.body, status, body, tc.want)
		}
	}
	got := rows(t, ts.store, "src")
	if len(got) != 2 || got[0].Doc.Source != "" || got[1].Doc.Source != "api" {
		t.Fatalf("stored %+v", got)
	}
	if strings.Contains(string(got[0].Doc.Canonical()), "source") || !strings.Contains(string(got[1].Doc.Canonical()), `"source":"api"`) {
		t.Errorf("canonical bytes: %s / %s", got[0].Doc.Canonical(), got[1].Doc.Canonical())
	}
	if p := verifyProblem(t, ts.store); p != "" {
		t.Error(p)
	}
}
