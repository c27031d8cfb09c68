package declaration

import (
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
)

// seedPolicy is a part of the Lille example's cookie table, in English and French, with a
// statistics category added.
func seedPolicy() *policy.Policy {
	return &policy.Policy{
		Languages: []string{"en", "fr"},
		Categories: []policy.Category{
			{ID: "necessary", Required: true,
				Label:       policy.Text{"en": "Necessary cookies", "fr": "Cookies nécessaires"},
				Description: policy.Text{"en": "Needed for the platform to function properly.", "fr": "Indispensables au bon fonctionnement de la plateforme."}},
			{ID: "statistics",
				Label:       policy.Text{"en": "Statistics", "fr": "Statistiques"},
				Description: policy.Text{"en": "Anonymous audience measurement."}},
			{ID: "empty", Label: policy.Text{policy.AnyLanguage: "Empty"}},
		},
		Services: []policy.Service{
			{ID: "auth", Category: "necessary", Provider: "Opendatasoft", Label: policy.Text{policy.AnyLanguage: "Opendatasoft"},
				Function: policy.Text{"en": "Authentication (front and back office)", "fr": "Authentification (front et back office)"},
				Purpose:  policy.Text{"en": "To remember the user from one page to another", "fr": "Se souvenir de l'utilisateur d'une page à l'autre"},
				Cookies:  []policy.Cookie{{Name: "sessionid", Duration: policy.Text{"en": "2 weeks", "fr": "2 semaines"}}}},
			{ID: "csrf", Category: "necessary", Provider: "Opendatasoft", Label: policy.Text{policy.AnyLanguage: "Opendatasoft"},
				Function: policy.Text{"en": "API (CSRF) (front and back office)"},
				Purpose:  policy.Text{"en": "To retrieve data via API calls"},
				Cookies: []policy.Cookie{
					{Name: "csrftoken", Duration: policy.Text{"en": "1 year"}},
					{Name: "csrf_state", Storage: policy.StorageSession, Duration: policy.Text{"en": "Session"}, Purpose: policy.Text{"en": "To check the form"}},
				}},
			{ID: "matomo", Category: "statistics", Provider: "Matomo", Label: policy.Text{"en": "Matomo"},
				Purpose: policy.Text{"en": "Audience measurement"},
				Cookies: []policy.Cookie{
					{Pattern: `_pk_id\..*`, Duration: policy.Text{"en": "13 months", "fr": "13 mois"}},
					{Pattern: `_pk_ses\..*`, Duration: policy.Text{"en": "13 months", "fr": "13 mois"}},
				}},
		},
	}
}

const wantSeedMarkdown = "### Necessary cookies\n" +
	"\n" +
	"Needed for the platform to function properly.\n" +
	"\n" +
	"| Service / Provider | Function and location | Cookie names | Purposes | Duration |\n" +
	"| --- | --- | --- | --- | --- |\n" +
	"| Opendatasoft | Authentication (front and back office) | `sessionid` | To remember the user from one page to another | 2 weeks |\n" +
	"| Opendatasoft | API (CSRF) (front and back office) | `csrftoken`, `csrf_state` (sessionStorage) | To retrieve data via API calls (csrf\\_state: To check the form) | csrftoken: 1 year; csrf\\_state: Session |\n" +
	"\n" +
	"### Statistics\n" +
	"\n" +
	"Anonymous audience measurement.\n" +
	"\n" +
	"| Service / Provider | Function and location | Cookie names | Purposes | Duration |\n" +
	"| --- | --- | --- | --- | --- |\n" +
	"| Matomo | Matomo | `_pk_id.*`, `_pk_ses.*` | Audience measurement | 13 months |\n" +
	"\n" +
	"### Empty\n"

func TestDeclarationMarkdown(t *testing.T) {
	got := Markdown(build(t, seedPolicy(), "en", nil, false))
	if got != wantSeedMarkdown {
		t.Errorf("Markdown() =\n%s\nwant\n%s", got, wantSeedMarkdown)
	}
}

func TestDeclarationMarkdownFrench(t *testing.T) {
	d := build(t, seedPolicy(), "fr-FR", nil, false)
	if d.Lang != "fr" {
		t.Fatalf("Lang = %q, want fr", d.Lang)
	}
	md := Markdown(d)
	for _, want := range []string{
		"### Cookies nécessaires\n",
		"| Service / Fournisseur | Fonction et emplacement | Noms des cookies | Finalités | Durée |\n",
		"| Opendatasoft | Authentification (front et back office) | `sessionid` | Se souvenir de l'utilisateur d'une page à l'autre | 2 semaines |\n",
		// Untranslated strings fall back to the default language.
		"| Opendatasoft | API (CSRF) (front and back office) | `csrftoken`, `csrf_state` (sessionStorage) |",
		"| Matomo | Matomo | `_pk_id.*`, `_pk_ses.*` | Audience measurement | 13 mois |\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("French Markdown lacks %q:\n%s", want, md)
		}
	}
}

const wantSeedHTML = `<section class="consent-declaration" lang="en" dir="ltr">
<h3>Necessary cookies</h3>
<p>Needed for the platform to function properly.</p>
<p>Your choice: Always on</p>
<table>
<caption>Necessary cookies</caption>
<thead>
<tr><th scope="col">Service / Provider</th><th scope="col">Function and location</th><th scope="col">Cookie names</th><th scope="col">Purposes</th><th scope="col">Duration</th></tr>
</thead>
<tbody>
<tr><th scope="row">Opendatasoft</th><td>Authentication (front and back office)</td><td><code>sessionid</code></td><td>To remember the user from one page to another</td><td>2 weeks</td></tr>
<tr><th scope="row">Opendatasoft</th><td>API (CSRF) (front and back office)</td><td><code>csrftoken</code>, <code>csrf_state</code> (sessionStorage)</td><td>To retrieve data via API calls (csrf_state: To check the form)</td><td>csrftoken: 1 year; csrf_state: Session</td></tr>
</tbody>
</table>
<h3>Statistics</h3>
<p>Anonymous audience measurement.</p>
<p>Your choice: Allowed</p>
<table>
<caption>Statistics</caption>
<thead>
<tr><th scope="col">Service / Provider</th><th scope="col">Function and location</th><th scope="col">Cookie names</th><th scope="col">Purposes</th><th scope="col">Duration</th></tr>
</thead>
<tbody>
<tr><th scope="row">Matomo</th><td>Matomo</td><td><code>_pk_id.*</code>, <code>_pk_ses.*</code></td><td>Audience measurement</td><td>13 months</td></tr>
</tbody>
</table>
<h3>Empty</h3>
<p>Your choice: Refused</p>
</section>
`

func TestDeclarationHTML(t *testing.T) {
	r := &policy.Record{Categories: map[string]bool{"necessary": true, "statistics": true}, Services: map[string]bool{"auth": true, "csrf": true, "matomo": true}}
	got := HTML(build(t, seedPolicy(), "en", r, true))
	if got != wantSeedHTML {
		t.Errorf("HTML() =\n%s\nwant\n%s", got, wantSeedHTML)
	}
}

// hostilePolicy has strings that try to break out of the HTML and the
// Markdown table.
func hostilePolicy() *policy.Policy {
	return &policy.Policy{
		Languages: []string{"en"},
		Categories: []policy.Category{{ID: "x",
			Label:       policy.Text{"en": "<script>alert(1)</script> # | x"},
			Description: policy.Text{"en": "1. line one\n- line two | <b>bold</b> & [link](javascript:alert(1))"}}},
		Services: []policy.Service{{ID: "s", Category: "x", Label: policy.Text{"en": "S"}, Provider: `Evil "Corp" & 'Sons' <img src=x onerror=alert(1)>`,
			Function: policy.Text{"en": "a | b\nc\r\nd"},
			Purpose:  policy.Text{"en": "*bold* _em_ `code` \\| ~~del~~"},
			Cookies: []policy.Cookie{
				{Name: "a`b", Duration: policy.Text{"en": "1 | 2"}},
				{Pattern: "x|y\n<z>", Duration: policy.Text{"en": "1 | 2"}},
			}}},
	}
}

func TestDeclarationHTMLEscapes(t *testing.T) {
	h := HTML(build(t, hostilePolicy(), "en", nil, false))
	for _, bad := range []string{"<script", "<img", "<b>", `"Corp"`, "'Sons'", "<z>", "& "} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML contains unescaped %q:\n%s", bad, h)
		}
	}
	for _, want := range []string{
		"<h3>&lt;script&gt;alert(1)&lt;/script&gt; # | x</h3>",
		"<th scope=\"row\">S (Evil &#34;Corp&#34; &amp; &#39;Sons&#39; &lt;img src=x onerror=alert(1)&gt;)</th>",
		"<code>x|y\n&lt;z&gt;</code>",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q:\n%s", want, h)
		}
	}
}

func TestDeclarationMarkdownEscapes(t *testing.T) {
	md := Markdown(build(t, hostilePolicy(), "en", nil, false))
	want := "### \\<script\\>alert(1)\\</script\\> \\# \\| x\n" +
		"\n" +
		"1\\. line one - line two \\| \\<b\\>bold\\</b\\> \\& \\[link\\](javascript:alert(1))\n" +
		"\n" +
		"| Service / Provider | Function and location | Cookie names | Purposes | Duration |\n" +
		"| --- | --- | --- | --- | --- |\n" +
		"| S (Evil \"Corp\" \\& 'Sons' \\<img src=x onerror=alert(1)\\>) | a \\| b c d | ``a`b``, `x\\|y <z>` | \\*bold\\* \\_em\\_ \\`code\\` \\\\\\| \\~\\~del\\~\\~ | 1 \\| 2 |\n"
	if md != want {
		t.Errorf("Markdown() =\n%s\nwant\n%s", md, want)
	}
	// Every table row keeps its number of unescaped cell separators.
	for _, line := range strings.Split(strings.TrimSpace(md), "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		if n := countUnescapedPipes(line); n != 6 {
			t.Errorf("row %q has %d cell separators, want 6", line, n)
		}
	}
}

func countUnescapedPipes(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '|':
			n++
		}
	}
	return n
}

func TestEscapeMarkdownLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"- item", `\- item`},
		{"+ item", `\+ item`},
		{"=== rule", `\=== rule`},
		{"2024. A year", `2024\. A year`},
		{"3) three", `3\) three`},
		{"> quote", `\> quote`},
		{"# title", `\# title`},
		{"  - indented", `\- indented`},
		{"12345678901. long", "12345678901. long"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := escapeMarkdownLine(tt.in); got != tt.want {
			t.Errorf("escapeMarkdownLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWithNotes(t *testing.T) {
	n := func(kv ...string) []Note {
		var out []Note
		for i := 0; i < len(kv); i += 2 {
			out = append(out, Note{Name: kv[i], Text: kv[i+1]})
		}
		return out
	}
	tests := []struct {
		base  string
		notes []Note
		want  string
	}{
		{"x", nil, "x"},
		{"", n("a", "x", "b", "y"), "a: x; b: y"},
		{"base", n("b", "y"), "base (b: y)"},
		{"", nil, ""},
	}
	for _, tt := range tests {
		if got := withNotes(tt.base, tt.notes); got != tt.want {
			t.Errorf("withNotes(%q, %v) = %q, want %q", tt.base, tt.notes, got, tt.want)
		}
	}
}
