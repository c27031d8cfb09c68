package app

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
)

// clock is the time of every page view in these tests.
var clock = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// smallPolicy has a required category, two optional ones, Web Storage
// keys and reloadOnWithdraw.
const smallPolicy = `{
  "revision": 3,
  "languages": ["en", "fr"],
  "reloadOnWithdraw": true,
  "categories": [
    {"id": "necessary", "required": true, "label": "Necessary", "googleConsentMode": ["security_storage"]},
    {"id": "statistics", "label": {"en": "Statistics", "fr": "Statistiques"}, "googleConsentMode": ["analytics_storage"]},
    {"id": "media", "label": "Media", "googleConsentMode": ["ad_storage"]}
  ],
  "services": [
    {"id": "site", "category": "necessary", "provider": "Us", "label": "Site",
     "cookies": [{"name": "sid"}, {"name": "cart", "storage": "localStorage"}]},
    {"id": "matomo", "category": "statistics", "provider": "Matomo", "label": "Matomo",
     "cookies": [{"pattern": "_pk_.*"}, {"name": "mtm_visits", "storage": "localStorage"}, {"name": "mtm_tab", "storage": "sessionStorage"}]},
    {"id": "video", "category": "media", "provider": "Video Inc", "label": "Video", "cookies": [{"name": "vid"}]},
    {"id": "maps", "category": "media", "provider": "Maps Ltd", "label": "Maps"}
  ]
}`

func mannheim(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../examples/mannheim.json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// mannheimPage is a fake page with the gated elements a site using the
// Mannheim policy has.
func mannheimPage() *fakeBrowser {
	b := newFake()
	b.addGate("site", "script", "necessary", "")
	b.addGate("stats", "script", "statistics", "matomo")
	b.addGate("nostats", "script", "!statistics", "")
	b.addGate("video", "iframe", "media", "youtube")
	return b
}

// page is one page view: a controller on a fake browser.
type page struct {
	t    *testing.T
	b    *fakeBrowser
	a    *App
	p    *policy.Policy
	text string
	// ready is what init returned.
	ready string
}

// load starts a page view with the policy text, as consent.js does.
func load(t *testing.T, b *fakeBrowser, policyText string) *page {
	t.Helper()
	p, err := policy.Parse([]byte(policyText))
	if err != nil {
		t.Fatalf("test policy: %v", err)
	}
	pg := &page{t: t, b: b, a: New(b, func() time.Time { return clock }), p: p, text: policyText}
	pg.ready = pg.call("init", policyText)
	return pg
}

// reload is the next page view on the same browser: the DOM is new (every
// gate shut again), the cookies and storage stay.
func (pg *page) reload() *page {
	pg.t.Helper()
	pg.b.clearLog()
	for _, g := range pg.b.gates {
		g.state, g.opens, g.placeholders = "", 0, nil
	}
	return load(pg.t, pg.b, pg.text)
}

func (pg *page) call(method string, args ...string) string {
	pg.t.Helper()
	out, err := pg.a.Handle(method, args)
	if err != nil {
		pg.t.Fatalf("%s(%q): %v", method, args, err)
	}
	return out
}

func (pg *page) fail(method string, args ...string) error {
	pg.t.Helper()
	out, err := pg.a.Handle(method, args)
	if err == nil {
		pg.t.Fatalf("%s(%q) = %s, want an error", method, args, out)
	}
	return err
}

// cookieRecord decodes the consent cookie the browser holds, in
// consent.get()'s form; "null" when there is none.
func (pg *page) cookieRecord() string {
	pg.t.Helper()
	vals := pg.b.stored(pg.p.ConsentCookie.Name)
	switch len(vals) {
	case 0:
		return "null"
	case 1:
	default:
		pg.t.Fatalf("%d consent cookies stored: %v", len(vals), vals)
	}
	r, err := policy.DecodeRecord(pg.p, vals[0], clock)
	if err != nil {
		pg.t.Fatalf("stored consent cookie %q: %v", vals[0], err)
	}
	return policy.RecordJSON(pg.p, r)
}

// record is consent.get()'s result.
type record struct {
	ID         string          `json:"id"`
	Revision   int             `json:"revision"`
	Timestamp  int64           `json:"timestamp"`
	Method     string          `json:"method"`
	Source     string          `json:"source"`
	Categories map[string]bool `json:"categories"`
	Services   map[string]bool `json:"services"`
}

func (pg *page) get() *record {
	pg.t.Helper()
	var r *record
	mustJSON(pg.t, pg.call("get"), &r)
	return r
}

// change is a consent:change event's detail.
type change struct {
	Record  record `json:"record"`
	Changed struct {
		Categories []string `json:"categories"`
		Services   []string `json:"services"`
	} `json:"changed"`
}

// live lists the ids of the gates that are open, sorted.
func (b *fakeBrowser) live() []string {
	var out []string
	for _, g := range b.gates {
		if g.state == "live" {
			out = append(out, g.id)
		}
	}
	sort.Strings(out)
	return out
}

func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
	}
}

func TestCallsBeforeStartAnswerNotReady(t *testing.T) {
	methods := [][]string{
		{"get"}, {"accepted", "statistics"}, {"acceptAll"}, {"rejectAll"},
		{"set", `{"categories":{"statistics":true}}`}, {"action", "accept-all"},
		{"acceptService", "youtube"}, {"show"}, {"showPreferences"}, {"hide"},
		{"reset"}, {"setLanguage", "de"}, {"scan"}, {"sweep"}, {"language"},
	}
	b := mannheimPage()
	a := New(b, func() time.Time { return clock })
	check := func(when string) {
		t.Helper()
		for _, m := range methods {
			out, err := a.Handle(m[0], m[1:])
			// get() and accepted() never throw with valid arguments: until
			// the stored choice is known they answer null and false.
			switch m[0] {
			case "get":
				if out != "null" || err != nil {
					t.Errorf("%s: get() = %q, %v; want null", when, out, err)
				}
				continue
			case "accepted":
				if out != "false" || err != nil {
					t.Errorf("%s: accepted() = %q, %v; want false", when, out, err)
				}
				continue
			}
			if !errors.Is(err, errNotReady) {
				t.Errorf("%s: %s() = %q, %v; want errNotReady", when, m[0], out, err)
			}
		}
		if len(b.writes)+len(b.renders)+len(b.events)+len(b.dataLayer) != 0 || b.live() != nil {
			t.Errorf("%s: the page was touched: writes %v renders %d events %v gates %v",
				when, b.writes, len(b.renders), b.eventNames(), b.live())
		}
	}
	check("before init")

	if _, err := a.Handle("init", nil); err == nil || !strings.Contains(err.Error(), "no policy") {
		t.Errorf("init without a policy text: %v", err)
	}
	_, err := a.Handle("init", []string{`{"categories": [{"id": "Bad", "label": "x"}], "services": []}`})
	if err == nil || !strings.Contains(err.Error(), "invalid policy") || !strings.Contains(err.Error(), "/categories/0/id") {
		t.Errorf("init with an invalid policy: %v; want an error naming /categories/0/id", err)
	}
	check("after a failed init")
}

func TestFirstVisitAsks(t *testing.T) {
	b := mannheimPage()
	b.put(t, "sessionid=s1; Path=/")
	b.put(t, "_pk_id.1.abcd=x; Path=/")
	pg := load(t, b, mannheim(t))

	equal(t, "init result", pg.ready, "null")
	equal(t, "get()", pg.call("get"), "null")
	equal(t, "events", b.eventNames(), []string{"consent:ready", "consent:show"})
	equal(t, "consent:ready detail", b.events[0].detail, "null")
	equal(t, "consent:show detail", b.events[1].detail, `{"view":"banner"}`)
	v := pg.b.lastView(t)
	equal(t, "rendered view", v.Show, "banner")
	equal(t, "UI language (browser en-US)", v.Lang, "en")
	for _, c := range v.Categories {
		if c.Checked != c.Required {
			t.Errorf("category %s is pre-ticked=%v on a first visit", c.ID, c.Checked)
		}
	}
	equal(t, "open gates", b.live(), []string{"site"})
	if got := b.gate("video").placeholders; len(got) != 1 || !strings.Contains(got[0], `"serviceId":"youtube"`) {
		t.Errorf("the blocked video gets a placeholder offering youtube; got %q", got)
	}
	equal(t, "stored consent cookie", b.stored("cookies_preferences"), []string(nil))
	equal(t, "Consent Mode pushes with no choice", len(b.dataLayer), 0)
	equal(t, "optional cookie left", b.stored("_pk_id.1.abcd"), []string(nil))
	equal(t, "necessary cookie", b.stored("sessionid"), []string{"s1"})
	if len(b.decls) == 0 {
		t.Error("the declaration was not rendered")
	}
	for _, q := range []struct {
		args []string
		want string
	}{
		{[]string{"necessary"}, "true"},
		{[]string{"necessary", "opendatasoft-auth"}, "true"},
		{[]string{"statistics"}, "false"},
		{[]string{"media", "youtube"}, "false"},
	} {
		equal(t, "accepted("+strings.Join(q.args, ", ")+")", pg.call("accepted", q.args...), q.want)
	}
}

func TestChoices(t *testing.T) {
	necessary := map[string]bool{
		"opendatasoft-auth": true, "opendatasoft-language": true, "opendatasoft-csrf": true, "opendatasoft-consent": true,
	}
	services := func(extra map[string]bool) map[string]bool {
		m := map[string]bool{"matomo": false, "osm": false, "youtube": false}
		for k, v := range necessary {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name     string
		method   string
		args     []string
		want     string // the record's method
		cats     map[string]bool
		services map[string]bool
		live     []string
		// granted lists the Consent Mode types pushed as granted.
		granted []string
		// dialog, when set, opens the dialog and touches these switches
		// ("kind id") first.
		dialog []string
	}{
		{
			name: "acceptAll", method: "acceptAll", want: "accept-all",
			cats:     map[string]bool{"necessary": true, "statistics": true, "media": true},
			services: services(map[string]bool{"matomo": true, "osm": true, "youtube": true}),
			live:     []string{"site", "stats", "video"},
			granted:  []string{"ad_storage", "ad_user_data", "ad_personalization", "analytics_storage", "functionality_storage", "security_storage"},
		},
		{
			name: "rejectAll", method: "rejectAll", want: "reject-all",
			cats:     map[string]bool{"necessary": true, "statistics": false, "media": false},
			services: services(nil),
			live:     []string{"nostats", "site"},
			granted:  []string{"functionality_storage", "security_storage"},
		},
		{
			name: "set a category", method: "set", args: []string{`{"categories":{"statistics":true}}`}, want: "api",
			cats:     map[string]bool{"necessary": true, "statistics": true, "media": false},
			services: services(map[string]bool{"matomo": true}),
			live:     []string{"site", "stats"},
			granted:  []string{"analytics_storage", "functionality_storage", "security_storage"},
		},
		{
			name: "set a service of a refused category", method: "set", args: []string{`{"services":{"youtube":true}}`}, want: "api",
			cats:     map[string]bool{"necessary": true, "statistics": false, "media": false},
			services: services(map[string]bool{"youtube": true}),
			live:     []string{"nostats", "site", "video"},
			granted:  []string{"functionality_storage", "security_storage"},
		},
		{
			name: "dialog save", method: "action", args: []string{"save"}, dialog: []string{"category media", "service osm"},
			want:     "custom",
			cats:     map[string]bool{"necessary": true, "statistics": false, "media": false},
			services: services(map[string]bool{"youtube": true}),
			live:     []string{"nostats", "site", "video"},
			granted:  []string{"functionality_storage", "security_storage"},
		},
		{
			name: "banner accept-all button", method: "action", args: []string{"accept-all"}, want: "accept-all",
			cats:     map[string]bool{"necessary": true, "statistics": true, "media": true},
			services: services(map[string]bool{"matomo": true, "osm": true, "youtube": true}),
			live:     []string{"site", "stats", "video"},
			granted:  []string{"ad_storage", "ad_user_data", "ad_personalization", "analytics_storage", "functionality_storage", "security_storage"},
		},
		{
			name: "banner reject-all button", method: "action", args: []string{"reject-all"}, want: "reject-all",
			cats:     map[string]bool{"necessary": true, "statistics": false, "media": false},
			services: services(nil),
			live:     []string{"nostats", "site"},
			granted:  []string{"functionality_storage", "security_storage"},
		},
		{
			name: "placeholder accepts its service", method: "acceptService", args: []string{"youtube"}, want: "custom",
			cats:     map[string]bool{"necessary": true, "statistics": false, "media": false},
			services: services(map[string]bool{"youtube": true}),
			live:     []string{"nostats", "site", "video"},
			granted:  []string{"functionality_storage", "security_storage"},
		},
		{
			name: "placeholder accepts a category", method: "acceptService", args: []string{"category:statistics"}, want: "custom",
			cats:     map[string]bool{"necessary": true, "statistics": true, "media": false},
			services: services(map[string]bool{"matomo": true}),
			live:     []string{"site", "stats"},
			granted:  []string{"analytics_storage", "functionality_storage", "security_storage"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := mannheimPage()
			pg := load(t, b, mannheim(t))
			for _, sw := range tc.dialog {
				if sw == tc.dialog[0] {
					pg.call("action", "customize")
				}
				kind, id, _ := strings.Cut(sw, " ")
				pg.call("action", "toggle", `{"kind":"`+kind+`","id":"`+id+`"}`)
			}
			b.clearLog()

			out := pg.call(tc.method, tc.args...)
			got := pg.call("get")
			equal(t, "result and get()", out, got)
			equal(t, "stored cookie and get()", pg.cookieRecord(), got)
			r := pg.get()
			equal(t, "method", r.Method, tc.want)
			equal(t, "categories", r.Categories, tc.cats)
			equal(t, "services", r.Services, tc.services)
			equal(t, "revision", r.Revision, 1)
			equal(t, "timestamp", r.Timestamp, clock.UnixMilli())
			if r.ID == "" {
				t.Error("the record has no consent id")
			}
			equal(t, "open gates", b.live(), tc.live)

			// The banner closes, and the change is announced.
			equal(t, "view after the choice", b.lastView(t).Show, "")
			equal(t, "events", b.eventNames(), []string{"consent:hide", "consent:change"})
			if tc.dialog != nil {
				equal(t, "consent:hide", b.events[0].detail, `{"view":"preferences"}`)
			} else {
				equal(t, "consent:hide", b.events[0].detail, `{"view":"banner"}`)
			}
			var ch change
			mustJSON(t, b.lastEvent(t, "consent:change"), &ch)
			equal(t, "consent:change record", ch.Record, *r)

			if len(b.dataLayer) != 1 {
				t.Fatalf("Consent Mode pushes: %v, want one", b.dataLayer)
			}
			var cm map[string]string
			mustJSON(t, b.dataLayer[0], &cm)
			want := map[string]string{}
			for _, ty := range policy.ConsentModeTypes {
				want[ty] = "denied"
			}
			for _, ty := range tc.granted {
				want[ty] = "granted"
			}
			equal(t, "Consent Mode update", cm, want)

			// The next page view keeps the choice and asks nothing.
			pg2 := pg.reload()
			equal(t, "init after reload", pg2.ready, got)
			equal(t, "get() after reload", pg2.call("get"), got)
			equal(t, "drawn after reload: the reopen button, no banner", b.drawn(t), []string{"reopen"})
			equal(t, "events after reload", b.eventNames(), []string{"consent:ready"})
			equal(t, "consent:ready after reload", b.events[0].detail, got)
			equal(t, "Consent Mode pushes after reload", b.dataLayer, []string{policy.ConsentModeJSON(cm)})
			equal(t, "open gates after reload", b.live(), tc.live)
		})
	}
}

func TestChoiceStartsFromThePreviousOne(t *testing.T) {
	pg := load(t, mannheimPage(), mannheim(t))
	pg.call("set", `{"categories":{"statistics":true}}`)
	pg.call("set", `{"categories":{"media":true},"services":{"youtube":false}}`)
	r := pg.get()
	equal(t, "categories", r.Categories, map[string]bool{"necessary": true, "statistics": true, "media": true})
	if !r.Services["matomo"] || r.Services["youtube"] {
		t.Errorf("services %v: matomo kept from the first call, youtube named off in the second", r.Services)
	}
	equal(t, "accepted(media)", pg.call("accepted", "media"), "true")
	equal(t, "accepted(media, youtube)", pg.call("accepted", "media", "youtube"), "false")
	equal(t, "the video stays shut", pg.b.gate("video").state, "blocked")
	equal(t, "stored", pg.cookieRecord(), pg.call("get"))
}

func TestRaisedRevisionAsksAgain(t *testing.T) {
	b := mannheimPage()
	pg := load(t, b, mannheim(t))
	pg.call("acceptAll")
	b.put(t, "_pk_id.1.abcd=x; Path=/")

	raised := strings.Replace(mannheim(t), `"revision": 1,`, `"revision": 2,`, 1)
	if raised == mannheim(t) {
		t.Fatal("could not raise the test policy's revision")
	}
	b.clearLog()
	for _, g := range b.gates {
		g.state = ""
	}
	pg2 := load(t, b, raised)
	equal(t, "init result", pg2.ready, "null")
	equal(t, "view", b.lastView(t).Show, "banner")
	equal(t, "events", b.eventNames(), []string{"consent:ready", "consent:show"})
	equal(t, "open gates", b.live(), []string{"site"})
	equal(t, "statistics cookie after the old consent expired", b.stored("_pk_id.1.abcd"), []string(nil))
	if !slices.ContainsFunc(b.logs, func(s string) bool { return strings.Contains(s, "revision") }) {
		t.Errorf("the console does not say why the stored choice was ignored: %q", b.logs)
	}
}

func TestGlobalPrivacyControl(t *testing.T) {
	t.Run("reject", func(t *testing.T) {
		b := mannheimPage()
		b.gpc = true
		b.put(t, "_pk_ses.1.abcd=x; Path=/")
		pg := load(t, b, mannheim(t))

		r := pg.get()
		if r == nil {
			t.Fatal("no record for a browser sending GPC")
		}
		equal(t, "method", r.Method, "gpc")
		equal(t, "categories", r.Categories, map[string]bool{"necessary": true, "statistics": false, "media": false})
		equal(t, "init result", pg.ready, pg.call("get"))
		equal(t, "stored", pg.cookieRecord(), pg.call("get"))
		equal(t, "drawn: the reopen button, no banner", b.drawn(t), []string{"reopen"})
		// The refusal is a new choice: announced as one (docs/api.md#events).
		equal(t, "events", b.eventNames(), []string{"consent:ready", "consent:change"})
		equal(t, "consent:ready", b.events[0].detail, pg.call("get"))
		var ch change
		mustJSON(t, b.events[1].detail, &ch)
		equal(t, "consent:change record", ch.Record, *r)
		equal(t, "open gates", b.live(), []string{"nostats", "site"})
		equal(t, "Consent Mode pushes", len(b.dataLayer), 1)
		equal(t, "statistics cookie", b.stored("_pk_ses.1.abcd"), []string(nil))

		// An explicit choice wins over the signal, now and on the next visit.
		pg.call("acceptAll")
		equal(t, "method after acceptAll", pg.get().Method, "accept-all")
		pg2 := pg.reload()
		equal(t, "method on the next visit", pg2.get().Method, "accept-all")
		equal(t, "open gates on the next visit", b.live(), []string{"site", "stats", "video"})
		equal(t, "drawn on the next visit: the reopen button", b.drawn(t), []string{"reopen"})
	})
	t.Run("ignore", func(t *testing.T) {
		b := mannheimPage()
		b.gpc = true
		text := strings.Replace(mannheim(t), `"gpc": "reject"`, `"gpc": "ignore"`, 1)
		pg := load(t, b, text)
		equal(t, "init result", pg.ready, "null")
		equal(t, "view", b.lastView(t).Show, "banner")
		equal(t, "stored", b.stored("cookies_preferences"), []string(nil))
	})
}

func TestRefusedCookieWriteKeepsChoiceForThisPageView(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func(b *fakeBrowser)
	}{
		{"dropped silently", func(b *fakeBrowser) { b.refuse["cookies_preferences"] = true }},
		{"write fails", func(b *fakeBrowser) { b.setErr = errors.New("SecurityError: cookies are disabled") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := mannheimPage()
			pg := load(t, b, mannheim(t))
			tc.setup(b)
			b.clearLog()

			out := pg.call("acceptAll")
			equal(t, "get()", pg.call("get"), out)
			equal(t, "method", pg.get().Method, "accept-all")
			equal(t, "accepted(statistics)", pg.call("accepted", "statistics"), "true")
			equal(t, "open gates", b.live(), []string{"site", "stats", "video"})
			equal(t, "stored", b.stored("cookies_preferences"), []string(nil))
			v := b.lastView(t)
			equal(t, "view", v.Show, "")
			equal(t, "notice", v.Notice, policy.UITexts(pg.p, "en")["storeFailed"])
			if v.Notice == "" {
				t.Fatal("no storeFailed text")
			}
			if !slices.Contains(b.eventNames(), "consent:change") {
				t.Errorf("events %v: the change still applies to this page view", b.eventNames())
			}

			// The visitor sees the notice when reopening the banner, in the
			// language of the moment.
			pg.call("show")
			v = b.lastView(t)
			equal(t, "view after show", v.Show, "banner")
			equal(t, "notice after show", v.Notice, policy.UITexts(pg.p, "en")["storeFailed"])
			pg.call("setLanguage", "de")
			v = b.lastView(t)
			equal(t, "notice in German", v.Notice, policy.UITexts(pg.p, "de")["storeFailed"])
			if v.Notice == policy.UITexts(pg.p, "en")["storeFailed"] {
				t.Error("the test needs different German and English storeFailed texts")
			}

			// A later stored choice ends the notice.
			b.refuse, b.setErr = map[string]bool{}, nil
			pg.call("rejectAll")
			equal(t, "stored after the browser allows it", pg.cookieRecord(), pg.call("get"))
			pg.call("show")
			equal(t, "notice after a stored choice", b.lastView(t).Notice, "")
			pg.call("hide")

			// Without a stored choice the next visit asks again.
			tc.setup(b)
			pg.call("acceptAll")
			b.refuse, b.setErr = map[string]bool{}, nil
			b.jar = nil
			pg2 := pg.reload()
			equal(t, "next visit", pg2.ready, "null")
		})
	}
}

func TestChangedIDs(t *testing.T) {
	pg := load(t, mannheimPage(), mannheim(t))
	steps := []struct {
		method       string
		args         []string
		cats, svcs   []string
		wantCategory map[string]bool
	}{
		// The first choice lists everything it accepts (the policy's
		// Changed counts no record as every id refused).
		{"acceptAll", nil, []string{"media", "necessary", "statistics"},
			[]string{"matomo", "opendatasoft-auth", "opendatasoft-consent", "opendatasoft-csrf", "opendatasoft-language", "osm", "youtube"}, nil},
		{"set", []string{`{"categories":{"statistics":false}}`}, []string{"statistics"}, []string{"matomo"}, nil},
		{"set", []string{`{"services":{"youtube":false}}`}, []string{}, []string{"youtube"}, nil},
		{"set", []string{`{"services":{"youtube":false}}`}, []string{}, []string{}, nil},
		{"rejectAll", nil, []string{"media"}, []string{"osm"}, nil},
		{"acceptService", []string{"youtube"}, []string{}, []string{"youtube"}, nil},
		{"dialog", []string{"category statistics", "service youtube"},
			[]string{"statistics"}, []string{"matomo", "youtube"}, nil},
	}
	for i, s := range steps {
		method, args := s.method, s.args
		if method == "dialog" {
			pg.call("showPreferences")
			for _, sw := range args {
				kind, id, _ := strings.Cut(sw, " ")
				pg.call("action", "toggle", `{"kind":"`+kind+`","id":"`+id+`"}`)
			}
			method, args = "action", []string{"save"}
		}
		pg.b.clearLog()
		out := pg.call(method, args...)
		var ch change
		mustJSON(t, pg.b.lastEvent(t, "consent:change"), &ch)
		equal(t, "step "+string(rune('1'+i))+" "+s.method+" changed categories", ch.Changed.Categories, s.cats)
		equal(t, "step "+string(rune('1'+i))+" "+s.method+" changed services", ch.Changed.Services, s.svcs)
		var r record
		mustJSON(t, out, &r)
		equal(t, "step "+string(rune('1'+i))+" record in the event", ch.Record, r)
		if n := strings.Count(strings.Join(pg.b.eventNames(), ","), "consent:change"); n != 1 {
			t.Errorf("step %d: %d consent:change events", i+1, n)
		}
	}
}

// deletionTargets returns the (Domain, Path) pairs of the deletions written
// for a cookie name, sorted.
func deletionTargets(b *fakeBrowser, name string) []string {
	var out []string
	for _, w := range b.deletions(name) {
		domain, path := "", ""
		for _, a := range strings.Split(w, ";")[1:] {
			k, v, _ := strings.Cut(strings.TrimSpace(a), "=")
			switch strings.ToLower(k) {
			case "domain":
				domain = v
			case "path":
				path = v
			}
		}
		out = append(out, domain+" "+path)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func TestRefusedCookiesAreDeletedEverywhere(t *testing.T) {
	b := mannheimPage()
	b.host, b.path = "www.example.org", "/a/b"
	pageCookies := func() {
		t.Helper()
		b.put(t, "_pk_id.1.abcd=1; Domain=example.org; Path=/")
		b.put(t, "_pk_ses.1.abcd=2; Path=/a")
		b.put(t, "_pk_id.2.abcd=3; Domain=.www.example.org; Path=/a/")
		b.put(t, "_pk_ses.2.abcd=4; Path=/a/b")
	}
	refused := []string{"_pk_id.1.abcd", "_pk_ses.1.abcd", "_pk_id.2.abcd", "_pk_ses.2.abcd"}
	kept := []string{"sessionid", "csrftoken", "django_language", "cookies_preferences", "other"}
	pageCookies()
	b.put(t, "sessionid=s; Path=/")
	b.put(t, "csrftoken=c; Domain=example.org; Path=/a")
	b.put(t, "django_language=en; Path=/a/b")
	b.put(t, "other=o; Path=/")

	checkGone := func(when string) {
		t.Helper()
		for _, n := range refused {
			if v := b.stored(n); v != nil {
				t.Errorf("%s: %s is still stored (%v)", when, n, v)
			}
		}
	}
	checkKept := func(when string) {
		t.Helper()
		for _, n := range kept {
			if d := b.deletions(n); d != nil {
				t.Errorf("%s: deletions written for %s: %q", when, n, d)
			}
		}
		for _, n := range []string{"sessionid", "csrftoken", "django_language", "other"} {
			if b.stored(n) == nil {
				t.Errorf("%s: %s was deleted", when, n)
			}
		}
	}

	// With no choice, optional cookies go on load.
	pg := load(t, b, mannheim(t))
	checkGone("first visit")
	checkKept("first visit")
	want := []string{}
	for _, d := range []string{"", "www.example.org", ".www.example.org", "example.org", ".example.org"} {
		for _, p := range []string{"/", "/a", "/a/", "/a/b"} {
			want = append(want, d+" "+p)
		}
	}
	sort.Strings(want)
	equal(t, "deletions of _pk_id.1.abcd (Domain Path)", deletionTargets(b, "_pk_id.1.abcd"), want)

	// Accepted: nothing is deleted.
	pg.call("acceptAll")
	b.clearLog()
	pageCookies()
	pg.call("set", `{"categories":{"media":false}}`)
	equal(t, "deletions while statistics is accepted", b.deletions("_pk_id.1.abcd"), []string(nil))
	if b.stored("_pk_id.1.abcd") == nil {
		t.Error("an accepted service's cookie was deleted")
	}

	// Refused: deleted again, and on every sweep while it stays refused.
	pg.call("rejectAll")
	checkGone("rejectAll")
	checkKept("rejectAll")
	b.clearLog()
	pageCookies()
	pg.call("sweep")
	checkGone("sweep")
	checkKept("sweep")

	// And on the next page view.
	b.clearLog()
	pageCookies()
	pg.reload()
	checkGone("reload")
	checkKept("reload")
}

func TestRefusedStorageKeysAreRemoved(t *testing.T) {
	b := newFake()
	b.storage["localStorage"] = []string{"cart", "mtm_visits", "theme"}
	b.storage["sessionStorage"] = []string{"mtm_tab", "draft"}
	pg := load(t, b, smallPolicy)
	equal(t, "localStorage with no choice", b.storage["localStorage"], []string{"cart", "theme"})
	equal(t, "sessionStorage with no choice", b.storage["sessionStorage"], []string{"draft"})

	pg.call("acceptAll")
	b.storage["localStorage"] = append(b.storage["localStorage"], "mtm_visits")
	pg.call("sweep")
	equal(t, "localStorage while accepted", b.storage["localStorage"], []string{"cart", "theme", "mtm_visits"})

	pg.call("set", `{"categories":{"statistics":false}}`)
	equal(t, "localStorage after withdrawal", b.storage["localStorage"], []string{"cart", "theme"})
}

func TestBadCallsChangeNothing(t *testing.T) {
	tests := []struct {
		method string
		args   []string
		want   []string // substrings of the error
	}{
		{"set", []string{`{"categories":{"nope":true}}`}, []string{`unknown category "nope"`}},
		{"set", []string{`{"services":{"nada":true,"matomo":true},"categories":{"zilch":false}}`}, []string{`unknown service "nada"`, `unknown category "zilch"`}},
		{"set", []string{`{"categories":{"necessary":false}}`}, []string{`"necessary"`, "required"}},
		{"set", []string{`{"services":{"opendatasoft-auth":false}}`}, []string{`"opendatasoft-auth"`, "required"}},
		{"set", []string{`{`}, []string{"not JSON"}},
		{"set", []string{``}, []string{"not JSON"}},
		{"set", []string{`[]`}, []string{"expected an object", "got an array"}},
		{"set", []string{`{"categoriez":{}}`}, []string{`unknown key "categoriez"`}},
		{"set", []string{`{"categories":{"statistics":"yes"}}`}, []string{"categories.statistics", "true or false"}},
		{"set", []string{`{"categories":[]}`}, []string{"categories must be an object"}},
		{"action", []string{"toggle", `{"kind":"category","id":"statistics"}`}, []string{"not open"}},
		{"action", []string{"bogus"}, []string{`unknown action "bogus"`}},
		{"acceptService", []string{"nope"}, []string{`unknown service "nope"`}},
		{"acceptService", []string{"category:nope"}, []string{`unknown category "nope"`}},
		{"accepted", []string{"nope"}, []string{`unknown category "nope"`}},
		{"accepted", []string{"statistics", "nada"}, []string{`unknown service "nada"`}},
		{"accepted", []string{"statistics", "youtube"}, []string{`"youtube" is not in category "statistics"`}},
		{"setLanguage", []string{"xx"}, []string{`"xx"`, "de, en"}},
		{"bogus", nil, []string{`unknown method "bogus"`}},
	}
	for _, tc := range tests {
		t.Run(tc.method+"/"+strings.Join(tc.args, ","), func(t *testing.T) {
			b := mannheimPage()
			pg := load(t, b, mannheim(t))
			pg.call("rejectAll")
			before, stored, live := pg.call("get"), pg.cookieRecord(), b.live()
			b.clearLog()

			err := pg.fail(tc.method, tc.args...)
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			equal(t, "get()", pg.call("get"), before)
			equal(t, "stored", pg.cookieRecord(), stored)
			equal(t, "open gates", b.live(), live)
			equal(t, "cookie writes", b.writes, []string(nil))
			equal(t, "events", b.eventNames(), []string(nil))
			equal(t, "renders", len(b.renders), 0)
			equal(t, "Consent Mode pushes", len(b.dataLayer), 0)
			equal(t, "language", pg.call("language"), `"en"`)
		})
	}
}

func TestShowAndHide(t *testing.T) {
	b := mannheimPage()
	pg := load(t, b, mannheim(t))
	pg.call("rejectAll")

	steps := []struct {
		method string
		args   []string
		view   string   // the view drawn after the call; "-" for no render
		events []string // "name detail"
	}{
		{"show", nil, "banner", []string{`consent:show {"view":"banner"}`}},
		{"show", nil, "banner", nil},
		{"action", []string{"customize"}, "preferences", []string{`consent:hide {"view":"banner"}`, `consent:show {"view":"preferences"}`}},
		{"hide", nil, "", []string{`consent:hide {"view":"preferences"}`}},
		{"hide", nil, "-", nil},
		{"showPreferences", nil, "preferences", []string{`consent:show {"view":"preferences"}`}},
		{"action", []string{"close"}, "", []string{`consent:hide {"view":"preferences"}`}},
	}
	for i, s := range steps {
		b.clearLog()
		equal(t, "result of "+s.method, pg.call(s.method, s.args...), "null")
		var evs []string
		for _, e := range b.events {
			evs = append(evs, e.name+" "+e.detail)
		}
		equal(t, "step "+string(rune('1'+i))+" "+s.method+" events", evs, s.events)
		if s.view == "-" {
			equal(t, "step "+string(rune('1'+i))+" renders", len(b.renders), 0)
			continue
		}
		v := b.lastView(t)
		equal(t, "step "+string(rune('1'+i))+" "+s.method+" view", v.Show, s.view)
		if s.view == "preferences" {
			for _, c := range v.Categories {
				if c.Checked != (c.ID == "necessary") {
					t.Errorf("the dialog shows %s checked=%v after rejectAll", c.ID, c.Checked)
				}
			}
		}
	}
	equal(t, "record untouched by showing and hiding", pg.get().Method, "reject-all")
}

func TestClosingTheDialogWithoutAChoiceReturnsToTheBanner(t *testing.T) {
	b := mannheimPage()
	pg := load(t, b, mannheim(t))
	pg.call("action", "customize")
	equal(t, "view", b.lastView(t).Show, "preferences")
	pg.call("action", "close")
	equal(t, "view after close", b.lastView(t).Show, "banner")
	equal(t, "no choice", pg.call("get"), "null")
}

func TestReset(t *testing.T) {
	b := mannheimPage()
	b.host, b.path = "shop.example.org", "/de/"
	pg := load(t, b, mannheim(t))
	pg.call("acceptAll")
	b.put(t, "_pk_id.1.abcd=1; Domain=example.org; Path=/")
	b.clearLog()

	equal(t, "reset", pg.call("reset"), "null")
	equal(t, "get()", pg.call("get"), "null")
	equal(t, "stored consent cookies", b.stored("cookies_preferences"), []string(nil))
	equal(t, "statistics cookie", b.stored("_pk_id.1.abcd"), []string(nil))
	equal(t, "view", b.lastView(t).Show, "banner")
	// Forgetting the choice is a change, with a null record (docs/api.md#events).
	equal(t, "events", b.eventNames(), []string{"consent:show", "consent:change"})
	var ch struct {
		Record  *record `json:"record"`
		Changed struct {
			Categories []string `json:"categories"`
			Services   []string `json:"services"`
		} `json:"changed"`
	}
	mustJSON(t, b.lastEvent(t, "consent:change"), &ch)
	if ch.Record != nil {
		t.Errorf("consent:change after reset carries a record: %+v", ch.Record)
	}
	equal(t, "changed categories", ch.Changed.Categories, []string{"media", "necessary", "statistics"})
	equal(t, "the video is shut again", b.gate("video").state, "blocked")
	equal(t, "accepted(statistics)", pg.call("accepted", "statistics"), "false")
	if len(b.dataLayer) != 1 || !strings.Contains(b.dataLayer[0], `"analytics_storage":"denied"`) {
		t.Errorf("Consent Mode after reset: %v", b.dataLayer)
	}
	if !slices.Contains(deletionTargets(b, "cookies_preferences"), " /") {
		t.Errorf("the consent cookie (host-only, Path=/) was not deleted: %v", deletionTargets(b, "cookies_preferences"))
	}
	pg2 := pg.reload()
	equal(t, "next visit", pg2.ready, "null")
}

func TestLanguage(t *testing.T) {
	t.Run("browser", func(t *testing.T) {
		b := mannheimPage()
		b.langs = []string{"fr-FR", "de-AT", "en"}
		pg := load(t, b, mannheim(t))
		equal(t, "language", pg.call("language"), `"de"`)
		equal(t, "view", b.lastView(t).Lang, "de")
	})
	t.Run("page before browser", func(t *testing.T) {
		b := mannheimPage()
		b.pageLang = "de"
		pg := load(t, b, mannheim(t))
		equal(t, "language", pg.call("language"), `"de"`)
	})
	t.Run("language cookie before page", func(t *testing.T) {
		b := mannheimPage()
		b.pageLang = "de"
		b.put(t, "django_language=en; Path=/")
		pg := load(t, b, mannheim(t))
		equal(t, "language", pg.call("language"), `"en"`)
	})
	t.Run("setLanguage", func(t *testing.T) {
		b := mannheimPage()
		pg := load(t, b, mannheim(t))
		b.clearLog()
		equal(t, "setLanguage", pg.call("setLanguage", "DE"), "null")
		equal(t, "language", pg.call("language"), `"de"`)
		v := b.lastView(t)
		equal(t, "view language", v.Lang, "de")
		equal(t, "view still the banner", v.Show, "banner")
		equal(t, "label", v.Categories[1].Label, "Statistik")
		var decl struct {
			Lang string `json:"lang"`
		}
		mustJSON(t, b.decls[len(b.decls)-1], &decl)
		equal(t, "declaration language", decl.Lang, "de")
		ph := b.gate("video").placeholders
		if !strings.Contains(ph[len(ph)-1], `"lang":"de"`) {
			t.Errorf("the video's placeholder was not redrawn in German: %s", ph[len(ph)-1])
		}
		equal(t, "no events", b.eventNames(), []string(nil))

		// The explicit choice outlives a re-render triggered by a choice.
		pg.call("acceptAll")
		pg.call("show")
		equal(t, "view language after a choice", b.lastView(t).Lang, "de")
	})
	// setLanguage matches as the page's language does: before, "pt" was
	// refused where a page with lang="pt" got pt-BR.
	t.Run("setLanguage matches like the page language", func(t *testing.T) {
		const text = `{"languages": ["en", "pt-BR"], "categories": [{"id": "n", "required": true, "label": "N"}]}`
		b := newFake()
		b.pageLang = "pt"
		equal(t, "page lang=pt", load(t, b, text).call("language"), `"pt-BR"`)
		pg := load(t, newFake(), text)
		for tag, want := range map[string]string{"pt": `"pt-BR"`, "PT_br": `"pt-BR"`, "en-GB": `"en"`} {
			equal(t, "setLanguage("+tag+")", pg.call("setLanguage", tag), "null")
			equal(t, "language after setLanguage("+tag+")", pg.call("language"), want)
		}
		if _, err := pg.a.Handle("setLanguage", []string{"de"}); err == nil {
			t.Error(`setLanguage("de") accepted: the policy has no German`)
		}
	})
}

func TestReloadOnWithdraw(t *testing.T) {
	withScripts := func() *fakeBrowser {
		b := newFake()
		b.addGate("stats", "script", "statistics", "")
		b.addGate("matomo", "script", "statistics", "matomo")
		b.addGate("nostats", "script", "!statistics", "")
		b.addGate("video", "iframe", "media", "video")
		return b
	}
	onlyMatomoScript := func() *fakeBrowser {
		b := newFake()
		b.addGate("matomo", "script", "statistics", "matomo")
		return b
	}
	tests := []struct {
		name    string
		page    func() *fakeBrowser
		policy  string
		stored  string // a choice made on an earlier page view
		calls   [][]string
		reloads int
	}{
		{"withdrawing a category whose script ran", withScripts, smallPolicy, "",
			[][]string{{"acceptAll"}, {"set", `{"categories":{"statistics":false}}`}}, 1},
		{"withdrawing a service whose script ran", onlyMatomoScript, smallPolicy, "",
			[][]string{{"acceptAll"}, {"set", `{"services":{"matomo":false}}`}}, 1},
		{"withdrawing a category with only an iframe", withScripts, smallPolicy, "",
			[][]string{{"acceptAll"}, {"set", `{"categories":{"media":false}}`}}, 0},
		{"withdrawing what never ran", withScripts, smallPolicy, "",
			[][]string{{"set", `{"categories":{"media":true}}`}, {"rejectAll"}}, 0},
		{"accepting after a !category script ran", withScripts, smallPolicy, "",
			[][]string{{"rejectAll"}, {"acceptAll"}}, 0},
		{"reset after a script ran", withScripts, smallPolicy, "",
			[][]string{{"acceptAll"}, {"reset"}}, 1},
		{"reset after nothing optional ran", withScripts, smallPolicy, "",
			[][]string{{"rejectAll"}, {"reset"}}, 0},
		{"withdrawing a choice stored on an earlier visit", withScripts, smallPolicy, "acceptAll",
			[][]string{{"rejectAll"}}, 1},
		{"policy without reloadOnWithdraw", withScripts, strings.Replace(smallPolicy, `"reloadOnWithdraw": true`, `"reloadOnWithdraw": false`, 1), "",
			[][]string{{"acceptAll"}, {"rejectAll"}}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.page()
			pg := load(t, b, tc.policy)
			if tc.stored != "" {
				pg.call(tc.stored)
				pg = pg.reload()
			}
			for _, c := range tc.calls {
				pg.call(c[0], c[1:]...)
			}
			equal(t, "reloads", b.reloads, tc.reloads)
		})
	}
}

func TestStoredChoiceOnLoad(t *testing.T) {
	b := newFake()
	b.addGate("stats", "script", "statistics", "")
	b.addGate("video", "iframe", "media", "video")
	pg := load(t, b, smallPolicy)
	pg.call("set", `{"categories":{"statistics":true}}`)
	want := pg.call("get")

	pg2 := pg.reload()
	equal(t, "init result", pg2.ready, want)
	equal(t, "events", b.eventNames(), []string{"consent:ready"})
	equal(t, "the statistics script ran once", b.gate("stats").opens, 1)
	equal(t, "video", b.gate("video").state, "blocked")
	var cm map[string]string
	if len(b.dataLayer) != 1 {
		t.Fatalf("Consent Mode pushes on load: %v", b.dataLayer)
	}
	mustJSON(t, b.dataLayer[0], &cm)
	equal(t, "analytics_storage", cm["analytics_storage"], "granted")
	equal(t, "ad_storage", cm["ad_storage"], "denied")

	// A later scan (elements added by a single-page app) opens new gates
	// without running the old ones again.
	b.addGate("stats2", "script", "statistics", "")
	pg2.call("scan")
	equal(t, "new script", b.gate("stats2").state, "live")
	equal(t, "old script runs", b.gate("stats").opens, 1)
}

func TestDetailsAreJSON(t *testing.T) {
	// Every string Go hands to the page must parse in JSON.parse.
	b := mannheimPage()
	pg := load(t, b, mannheim(t))
	pg.call("acceptAll")
	pg.call("setLanguage", "de")
	pg.call("showPreferences")
	pg.call("reset")
	for _, e := range b.events {
		if !json.Valid([]byte(e.detail)) {
			t.Errorf("%s detail is not JSON: %s", e.name, e.detail)
		}
	}
	for _, lists := range [][]string{b.renders, b.decls, b.dataLayer} {
		for _, s := range lists {
			if !json.Valid([]byte(s)) {
				t.Errorf("not JSON: %s", s)
			}
		}
	}
	for _, g := range b.gates {
		for _, ph := range g.placeholders {
			if ph != "" && !json.Valid([]byte(ph)) {
				t.Errorf("placeholder of %s is not JSON: %s", g.id, ph)
			}
		}
	}
}

func TestPlaceholders(t *testing.T) {
	b := mannheimPage()
	b.addGate("map", "iframe", "media", "")
	b.addGate("ad", "iframe", "!media", "")
	b.addGate("pixel", "img", "statistics", "")
	pg := load(t, b, mannheim(t))

	var ph struct {
		Provider  string            `json:"provider"`
		Service   string            `json:"service"`
		ServiceID string            `json:"serviceId"`
		Lang      string            `json:"lang"`
		Texts     map[string]string `json:"texts"`
	}
	mustJSON(t, b.gate("video").placeholders[0], &ph)
	equal(t, "video provider", ph.Provider, "Google Ireland Limited")
	equal(t, "video service", ph.Service, "YouTube")
	equal(t, "video service id", ph.ServiceID, "youtube")
	if ph.Texts["placeholderButton"] == "" {
		t.Error("the placeholder has no button text")
	}
	mustJSON(t, b.gate("map").placeholders[0], &ph)
	equal(t, "a category's iframe offers the category", ph.ServiceID, "category:media")
	equal(t, "placeholder of a !media iframe", b.gate("ad").placeholders, []string{""})
	equal(t, "placeholder of an image", b.gate("pixel").placeholders, []string{""})

	// The map's button accepts the category in place.
	pg.call("acceptService", ph.ServiceID)
	equal(t, "open gates", b.live(), []string{"map", "nostats", "site", "video"})
	equal(t, "method", pg.get().Method, "custom")
}

func TestConsentCookieAttributes(t *testing.T) {
	text := strings.Replace(mannheim(t), `"path": "/",`, `"path": "/", "domain": "example.org",`, 1)
	for _, secure := range []bool{false, true} {
		b := mannheimPage()
		b.host, b.path, b.secure = "www.example.org", "/a/b", secure
		pg := load(t, b, text)
		pg.call("acceptAll")
		var write string
		for _, w := range b.writes {
			if strings.HasPrefix(w, "cookies_preferences=1.") {
				write = w
			}
		}
		for _, attr := range []string{"; Path=/", "; Domain=example.org", "; Max-Age=15724800", "; SameSite=Lax"} {
			if !strings.Contains(write, attr) {
				t.Errorf("secure=%v: consent cookie %q lacks %q", secure, write, attr)
			}
		}
		if strings.Contains(write, "; Secure") != secure {
			t.Errorf("secure=%v: consent cookie %q", secure, write)
		}
		equal(t, "stored", pg.cookieRecord(), pg.call("get"))

		// reset finds it on the parent domain.
		pg.call("reset")
		equal(t, "after reset", b.stored("cookies_preferences"), []string(nil))
	}
}
