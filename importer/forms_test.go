package importer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// form reads one of the configurations written in the forms the peers'
// documentation shows (testdata/forms).
func form(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata/forms", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func categoryIDs(r *Result) string {
	var ids []string
	for _, c := range r.Policy.Categories {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, ",")
}

// The TypeScript module of vanilla-cookieconsent's React and Next.js
// guides: a typed const exported by default, "as const", and a value that
// exists only at run time (location.hostname), which becomes a note.
func TestVCCTypeScriptModule(t *testing.T) {
	res, err := VCC(form(t, "vcc-config.ts"))
	if err != nil {
		t.Fatal(err)
	}
	if got := categoryIDs(res); got != "necessary,analytics,ads" {
		t.Errorf("categories = %s", got)
	}
	if got := res.Policy.Languages; len(got) != 1 || got[0] != "en" {
		t.Errorf("languages = %v (the default 'en' as const)", got)
	}
	if c := res.Policy.Category("analytics"); c == nil || c.Label.In("en", "en") != "Performance and Analytics" {
		t.Errorf("analytics: %+v", c)
	}
	if res.Policy.ConsentCookie.Domain != "" {
		t.Errorf("domain %q: location.hostname is not known before the page runs", res.Policy.ConsentCookie.Domain)
	}
	if !hasNote(res.Notes, "cookie.domain", "location.hostname") {
		t.Errorf("no note names cookie.domain's code: %v", res.Notes)
	}
	if !hasNote(res.Notes, "onFirstConsent", "callbacks are not run") {
		t.Errorf("onFirstConsent: %v", res.Notes)
	}
	if res.Policy.Service("ga") == nil {
		t.Error("the service ga is missing")
	}
}

// The React component runs a configuration it imports from another
// module: the error says so and names the variable.
func TestVCCComponentNamesTheImportedConfig(t *testing.T) {
	_, err := VCC(form(t, "vcc-component.tsx"))
	if err == nil || !strings.Contains(err.Error(), "pluginConfig") || !strings.Contains(err.Error(), "import the file that defines it") {
		t.Fatalf("err = %v", err)
	}
}

// The module of the Vue guide: export default {…}.
func TestVCCDefaultExportObject(t *testing.T) {
	res, err := VCC(form(t, "vcc-vue-config.js"))
	if err != nil {
		t.Fatal(err)
	}
	if got := categoryIDs(res); got != "necessary,analytics" {
		t.Errorf("categories = %s", got)
	}
	if c := res.Policy.Category("analytics"); c == nil || c.Label.In("de", "de") != "Statistik" {
		t.Errorf("analytics: %+v", c)
	}
}

// Klaro under another name (data-klaro-config), with the older apps key,
// and as an ES module handed to setup().
func TestKlaroOtherForms(t *testing.T) {
	for _, tt := range []struct {
		file, categories, service string
		cookies                   int
		note                      string
	}{
		{"klaro-named.js", "necessary,analytics", "matomo", 2, ""},
		{"klaro-apps.js", "necessary,analytics", "google-analytics", 2, ""},
		{"klaro-module.js", "necessary,marketing", "youtube", 2, "cookieDomain"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			res, err := Klaro(form(t, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if got := categoryIDs(res); got != tt.categories {
				t.Errorf("categories = %s, want %s", got, tt.categories)
			}
			s := res.Policy.Service(tt.service)
			if s == nil {
				var ids []string
				for _, s := range res.Policy.Services {
					ids = append(ids, s.ID)
				}
				t.Fatalf("no service %q in %v", tt.service, ids)
			}
			if len(s.Cookies) != tt.cookies {
				t.Errorf("%s has %d cookies, want %d", tt.service, len(s.Cookies), tt.cookies)
			}
			if tt.note != "" && !hasNote(res.Notes, tt.note, "window.location.hostname") {
				t.Errorf("no note for %s: %v", tt.note, res.Notes)
			}
		})
	}
}

// A file that holds no configuration of the kind asked for is refused,
// and the error names the kind it is when it is the other one.
func TestImportRefusesTheWrongKind(t *testing.T) {
	klaro := form(t, "klaro-named.js")
	vcc := form(t, "vcc-config.ts")
	for _, tt := range []struct {
		name string
		imp  func([]byte) (*Result, error)
		src  []byte
		want string
	}{
		{"klaro as vcc", VCC, klaro, "looks like a Klaro configuration: consent import klaro FILE"},
		{"vcc as klaro", Klaro, vcc, "looks like a vanilla-cookieconsent v3 configuration: consent import vcc FILE"},
		{"JSON without categories", VCC, []byte(`{"revision": 1, "guiOptions": {}}`), "this is no vanilla-cookieconsent v3 configuration"},
		{"JSON without services", Klaro, []byte(`{"lang": "en", "translations": {}}`), "this is no Klaro configuration"},
		{"some other script", VCC, []byte("var settings = {debug: true};\nwindow.app = {start() {}};\n"), "this is no vanilla-cookieconsent v3 configuration"},
		{"a Vue plugin", VCC, []byte("export default {\n  install: (app, pluginConfig) => {\n    app.config.globalProperties.$CookieConsent.run(pluginConfig);\n  }\n}\n"), "pluginConfig"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, err := tt.imp(tt.src)
			if err == nil {
				t.Fatalf("imported %s", res.JSON)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v\nwant …%s…", err, tt.want)
			}
		})
	}
}
