package consentlog

import (
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
)

// FuzzDecode: whatever the body, Decode answers a document or a
// *FieldError, never panics, and a document it accepts survives being
// written (JSON) and read again unchanged. `go test` runs the seeds;
// `go test -fuzz FuzzDecode ./consentlog` explores.
func FuzzDecode(f *testing.F) {
	doc := testDoc("seed", 1764600000000, policy.MethodAcceptAll)
	for _, s := range []string{
		doc, "", "null", "[]", "{}", `{"version":1}`, `{"version":1e400}`, `{"version":1.5}`,
		strings.Replace(doc, `"gpc":false`, `"gpc":0`, 1),
		strings.Replace(doc, `"id":"seed"`, `"id":"\u0000"`, 1),
		strings.Replace(doc, `"categories":{`, `"categories":{"Bad":true,`, 1),
		strings.Replace(doc, `"path":"/checkout"`, `"path":"/\ud800"`, 1),
		strings.Replace(doc, `"origin":"https://shop.example"`, `"origin":"javascript:alert(1)"`, 1),
		doc + doc, doc + " x", strings.Repeat("[", 10000),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		d, err := Decode(body)
		if err != nil {
			if _, ok := err.(*FieldError); !ok {
				t.Fatalf("error %T %v is not a *FieldError", err, err)
			}
			return
		}
		again, err := Decode(d.JSON(0))
		if err != nil {
			t.Fatalf("an accepted document does not decode after writing: %v", err)
		}
		if string(again.JSON(0)) != string(d.JSON(0)) {
			t.Fatalf("round trip changed the document:\n%s\n%s", d.JSON(0), again.JSON(0))
		}
	})
}
