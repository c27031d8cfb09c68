package policy

import (
	"strings"
	"testing"
)

// seedPolicy is a part of the Lille example's cookie table, in English and French, with a
// statistics category added.
func seedPolicy() *Policy {
	return &Policy{
		Languages: []string{"en", "fr"},
		Categories: []Category{
			{ID: "necessary", Required: true,
				Label:       Text{"en": "Necessary cookies", "fr": "Cookies nécessaires"},
				Description: Text{"en": "Needed for the platform to function properly.", "fr": "Indispensables au bon fonctionnement de la plateforme."}},
			{ID: "statistics",
				Label:       Text{"en": "Statistics", "fr": "Statistiques"},
				Description: Text{"en": "Anonymous audience measurement."}},
			{ID: "empty", Label: Text{AnyLanguage: "Empty"}},
		},
		Services: []Service{
			{ID: "auth", Category: "necessary", Provider: "Opendatasoft",
				Function: Text{"en": "Authentication (front and back office)", "fr": "Authentification (front et back office)"},
				Purpose:  Text{"en": "To remember the user from one page to another", "fr": "Se souvenir de l'utilisateur d'une page à l'autre"},
				Cookies:  []Cookie{{Name: "sessionid", Duration: Text{"en": "2 weeks", "fr": "2 semaines"}}}},
			{ID: "csrf", Category: "necessary", Provider: "Opendatasoft",
				Function: Text{"en": "API (CSRF) (front and back office)"},
				Purpose:  Text{"en": "To retrieve data via API calls"},
				Cookies: []Cookie{
					{Name: "csrftoken", Duration: Text{"en": "1 year"}},
					{Name: "csrf_state", Storage: StorageSession, Duration: Text{"en": "Session"}, Purpose: Text{"en": "To check the form"}},
				}},
			{ID: "matomo", Category: "statistics", Provider: "Matomo", Label: Text{"en": "Matomo"},
				Purpose: Text{"en": "Audience measurement"},
				Cookies: []Cookie{
					{Pattern: `_pk_id\..*`, Duration: Text{"en": "13 months", "fr": "13 mois"}},
					{Pattern: `_pk_ses\..*`, Duration: Text{"en": "13 months", "fr": "13 mois"}},
				}},
		},
	}
}

const wantSeedMarkdown = "### Necessary cookies\n" +
	"\n" +
	"Needed for the platform to function properly.\n" +
	"\n" +
	"| Provider | Function and location | Cookie names | Purposes | Duration |\n" +
	"| --- | --- | --- | --- | --- |\n" +
	"| Opendatasoft | Authentication (front and back office) | `sessionid` | To remember the user from one page to another | 2 weeks |\n" +
	"| Opendatasoft | API (CSRF) (front and back office) | `csrftoken`, `csrf_state` (sessionStorage) | To retrieve data via API calls (csrf\\_state: To check the form) | csrftoken: 1 year; csrf\\_state: Session |\n" +
	"\n" +
	"### Statistics\n" +
	"\n" +
	"Anonymous audience measurement.\n" +
	"\n" +
	"| Provider | Function and location | Cookie names | Purposes | Duration |\n" +
	"| --- | --- | --- | --- | --- |\n" +
	"| Matomo | Matomo | `_pk_id.*`, `_pk_ses.*` | Audience measurement | 13 months |\n" +
	"\n" +
	"### Empty\n"

func TestDeclarationMarkdown(t *testing.T) {
	got := BuildDeclaration(seedPolicy(), "en", nil).Markdown()
	if got != wantSeedMarkdown {
		t.Errorf("Markdown() =\n%s\nwant\n%s", got, wantSeedMarkdown)
	}
}

func TestDeclarationMarkdownFrench(t *testing.T) {
	d := BuildDeclaration(seedPolicy(), "fr-FR", nil)
	if d.Lang != "fr" {
		t.Fatalf("Lang = %q, want fr", d.Lang)
	}
	md := d.Markdown()
	for _, want := range []string{
		"### Cookies nécessaires\n",
		"| Fournisseur | Fonction et emplacement | Noms des cookies | Finalités | Durée |\n",
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
<table>
<caption>Necessary cookies</caption>
<thead>
<tr><th scope="col">Provider</th><th scope="col">Function and location</th><th scope="col">Cookie names</th><th scope="col">Purposes</th><th scope="col">Duration</th><th scope="col">Your choice</th></tr>
</thead>
<tbody>
<tr><td>Opendatasoft</td><td>Authentication (front and back office)</td><td><code>sessionid</code></td><td>To remember the user from one page to another</td><td>2 weeks</td><td>Always on</td></tr>
<tr><td>Opendatasoft</td><td>API (CSRF) (front and back office)</td><td><code>csrftoken</code>, <code>csrf_state</code> (sessionStorage)</td><td>To retrieve data via API calls (csrf_state: To check the form)</td><td>csrftoken: 1 year; csrf_state: Session</td><td>Always on</td></tr>
</tbody>
</table>
<h3>Statistics</h3>
<p>Anonymous audience measurement.</p>
<table>
<caption>Statistics</caption>
<thead>
<tr><th scope="col">Provider</th><th scope="col">Function and location</th><th scope="col">Cookie names</th><th scope="col">Purposes</th><th scope="col">Duration</th><th scope="col">Your choice</th></tr>
</thead>
<tbody>
<tr><td>Matomo</td><td>Matomo</td><td><code>_pk_id.*</code>, <code>_pk_ses.*</code></td><td>Audience measurement</td><td>13 months</td><td>Allowed</td></tr>
</tbody>
</table>
<h3>Empty</h3>
</section>
`

func TestDeclarationHTML(t *testing.T) {
	accepted := func(category, service string) bool { return category == "statistics" }
	got := BuildDeclaration(seedPolicy(), "en", accepted).HTML()
	if got != wantSeedHTML {
		t.Errorf("HTML() =\n%s\nwant\n%s", got, wantSeedHTML)
	}
}

func TestBuildDeclarationAccepted(t *testing.T) {
	p := seedPolicy()
	tests := []struct {
		name         string
		accepted     func(category, service string) bool
		wantChoice   bool
		wantStats    bool
		wantMatomo   bool
		wantRequired bool
	}{
		{"no choice", nil, false, false, false, true},
		{"all refused", func(string, string) bool { return false }, true, false, false, true},
		{"category only", func(c, s string) bool { return c == "statistics" && s == "" }, true, true, false, true},
		{"service only", func(c, s string) bool { return s == "matomo" }, true, false, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := BuildDeclaration(p, "en", tt.accepted)
			if d.Choice != tt.wantChoice {
				t.Errorf("Choice = %v, want %v", d.Choice, tt.wantChoice)
			}
			if got := d.Categories[0].Accepted; got != tt.wantRequired {
				t.Errorf("required category accepted = %v, want %v", got, tt.wantRequired)
			}
			if got := d.Categories[0].Services[0].Accepted; got != tt.wantRequired {
				t.Errorf("required service accepted = %v, want %v", got, tt.wantRequired)
			}
			if got := d.Categories[1].Accepted; got != tt.wantStats {
				t.Errorf("statistics accepted = %v, want %v", got, tt.wantStats)
			}
			if got := d.Categories[1].Services[0].Accepted; got != tt.wantMatomo {
				t.Errorf("matomo accepted = %v, want %v", got, tt.wantMatomo)
			}
			hasChoiceCol := strings.Contains(d.Markdown(), "| Your choice |")
			if hasChoiceCol != tt.wantChoice {
				t.Errorf("Markdown has a choice column: %v, want %v", hasChoiceCol, tt.wantChoice)
			}
		})
	}
}

func TestBuildDeclarationLanguage(t *testing.T) {
	p := seedPolicy()
	p.Languages = []string{"ar", "en"}
	p.Categories[0].Label["ar"] = "ضرورية"
	tests := []struct{ lang, wantLang, wantDir, wantLabel string }{
		{"ar", "ar", "rtl", "ضرورية"},
		{"ar-MA", "ar", "rtl", "ضرورية"},
		{"EN", "en", "ltr", "Necessary cookies"},
		{"de", "ar", "rtl", "ضرورية"},
		{"", "ar", "rtl", "ضرورية"},
	}
	for _, tt := range tests {
		d := BuildDeclaration(p, tt.lang, nil)
		if d.Lang != tt.wantLang || d.Dir != tt.wantDir || d.Categories[0].Label != tt.wantLabel {
			t.Errorf("BuildDeclaration(%q): lang %q dir %q label %q, want %q %q %q",
				tt.lang, d.Lang, d.Dir, d.Categories[0].Label, tt.wantLang, tt.wantDir, tt.wantLabel)
		}
		// A label missing in ar falls back to English, the other language.
		if got := d.Categories[1].Label; got != "Statistics" {
			t.Errorf("BuildDeclaration(%q): statistics label %q, want Statistics", tt.lang, got)
		}
	}
	if !strings.Contains(BuildDeclaration(p, "ar", nil).HTML(), `lang="ar" dir="rtl"`) {
		t.Error("Arabic HTML is not marked rtl")
	}
}

func TestBuildDeclarationNilPolicy(t *testing.T) {
	d := BuildDeclaration(nil, "de", nil)
	if d.Lang != "en" || len(d.Categories) != 0 || d.Texts["acceptAll"] == "" {
		t.Errorf("BuildDeclaration(nil) = %+v", d)
	}
	if got, want := d.HTML(), "<section class=\"consent-declaration\" lang=\"en\" dir=\"ltr\">\n</section>\n"; got != want {
		t.Errorf("HTML() = %q, want %q", got, want)
	}
	if got := d.Markdown(); got != "" {
		t.Errorf("Markdown() = %q, want empty", got)
	}
}

// hostilePolicy has strings that try to break out of the HTML and the
// Markdown table.
func hostilePolicy() *Policy {
	return &Policy{
		Languages: []string{"en"},
		Categories: []Category{{ID: "x",
			Label:       Text{"en": "<script>alert(1)</script> # | x"},
			Description: Text{"en": "1. line one\n- line two | <b>bold</b> & [link](javascript:alert(1))"}}},
		Services: []Service{{ID: "s", Category: "x", Provider: `Evil "Corp" & 'Sons' <img src=x onerror=alert(1)>`,
			Function: Text{"en": "a | b\nc\r\nd"},
			Purpose:  Text{"en": "*bold* _em_ `code` \\| ~~del~~"},
			Cookies: []Cookie{
				{Name: "a`b", Duration: Text{"en": "1 | 2"}},
				{Pattern: "x|y\n<z>", Duration: Text{"en": "1 | 2"}},
			}}},
	}
}

func TestDeclarationHTMLEscapes(t *testing.T) {
	h := BuildDeclaration(hostilePolicy(), "en", nil).HTML()
	for _, bad := range []string{"<script", "<img", "<b>", `"Corp"`, "'Sons'", "<z>", "& "} {
		if strings.Contains(h, bad) {
			t.Errorf("HTML contains unescaped %q:\n%s", bad, h)
		}
	}
	for _, want := range []string{
		"<h3>&lt;script&gt;alert(1)&lt;/script&gt; # | x</h3>",
		"<td>Evil &#34;Corp&#34; &amp; &#39;Sons&#39; &lt;img src=x onerror=alert(1)&gt;</td>",
		"<code>x|y\n&lt;z&gt;</code>",
	} {
		if !strings.Contains(h, want) {
			t.Errorf("HTML lacks %q:\n%s", want, h)
		}
	}
}

func TestDeclarationMarkdownEscapes(t *testing.T) {
	md := BuildDeclaration(hostilePolicy(), "en", nil).Markdown()
	want := "### \\<script\\>alert(1)\\</script\\> \\# \\| x\n" +
		"\n" +
		"1\\. line one - line two \\| \\<b\\>bold\\</b\\> \\& \\[link\\](javascript:alert(1))\n" +
		"\n" +
		"| Provider | Function and location | Cookie names | Purposes | Duration |\n" +
		"| --- | --- | --- | --- | --- |\n" +
		"| Evil \"Corp\" \\& 'Sons' \\<img src=x onerror=alert(1)\\> | a \\| b c d | ``a`b``, `x\\|y <z>` | \\*bold\\* \\_em\\_ \\`code\\` \\\\\\| \\~\\~del\\~\\~ | 1 \\| 2 |\n"
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

func TestJoinPerCookie(t *testing.T) {
	cookies := []DeclarationCookie{{Name: "a"}, {Name: "b"}, {Name: "c"}}
	tests := []struct {
		values []string
		base   string
		want   string
	}{
		{[]string{"x", "x", "x"}, "", "x"},
		{[]string{"x", "x", "x"}, "base", "x"},
		{[]string{"x", "y", "x"}, "", "a: x; b: y; c: x"},
		{[]string{"x", "", "y"}, "", "a: x; c: y"},
		{[]string{"base", "y", "base"}, "base", "base (b: y)"},
		{[]string{"x", "y", ""}, "base", "base (a: x; b: y)"},
		{nil, "base", "base"},
	}
	for _, tt := range tests {
		if got := joinPerCookie(cookies[:len(tt.values)], tt.values, tt.base); got != tt.want {
			t.Errorf("joinPerCookie(%q, %q) = %q, want %q", tt.values, tt.base, got, tt.want)
		}
	}
}
