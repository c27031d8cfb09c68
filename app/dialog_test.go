package app

import (
	"testing"
)

// dialogView is the preferences view with every switch as Go draws it.
type dialogView struct {
	Show       string `json:"show"`
	Categories []struct {
		ID        string `json:"id"`
		Checked   bool   `json:"checked"`
		Partly    bool   `json:"partly"`
		Required  bool   `json:"required"`
		StateText string `json:"stateText"`
		Services  []struct {
			ID        string `json:"id"`
			Checked   bool   `json:"checked"`
			StateText string `json:"stateText"`
		} `json:"services"`
	} `json:"categories"`
}

// switches returns "id=on|off|partly" for every category and service of
// the last view drawn.
func switches(t *testing.T, b *fakeBrowser) map[string]string {
	t.Helper()
	var v dialogView
	mustJSON(t, b.renders[len(b.renders)-1], &v)
	out := map[string]string{}
	for _, c := range v.Categories {
		st := "off"
		switch {
		case c.Partly:
			st = "partly"
		case c.Checked:
			st = "on"
		}
		out[c.ID] = st
		for _, s := range c.Services {
			out[s.ID] = map[bool]string{true: "on", false: "off"}[s.Checked]
		}
	}
	return out
}

// Saving the dialog without touching it records exactly the choice it
// opened with: one accepted service of a two-service category does not
// become the whole category (which would open category gates and grant
// its Consent Mode types).
func TestSaveWithoutTouchingKeepsTheChoice(t *testing.T) {
	b := mannheimPage()
	b.addGate("media-all", "script", "media", "")
	pg := load(t, b, mannheim(t))
	before := pg.call("set", `{"services":{"youtube":true}}`)
	live, cm := b.live(), b.dataLayer[len(b.dataLayer)-1]

	pg.call("action", "customize")
	sw := switches(t, b)
	equal(t, "media's switch", sw["media"], "partly")
	equal(t, "youtube's switch", sw["youtube"], "on")
	equal(t, "osm's switch", sw["osm"], "off")
	equal(t, "statistics' switch", sw["statistics"], "off")

	b.clearLog()
	out := pg.call("action", "save")
	r := pg.get()
	var was record
	mustJSON(t, before, &was)
	equal(t, "method", r.Method, "custom")
	equal(t, "categories", r.Categories, was.Categories)
	equal(t, "services", r.Services, was.Services)
	equal(t, "result", out, pg.call("get"))
	equal(t, "open gates", b.live(), live)
	equal(t, "Consent Mode", b.dataLayer[len(b.dataLayer)-1], cm)
}

// Every touch is reported to Go, which draws the next state; Save records
// what was drawn.
func TestDialogToggles(t *testing.T) {
	type step struct {
		kind, id string
		want     map[string]string // switches after the touch
	}
	tests := []struct {
		name  string
		set   string // consent.set before opening; "" for no choice
		steps []step
		cats  map[string]bool
		svcs  map[string]bool
	}{
		{
			name: "no choice: nothing optional is on",
			steps: []step{
				{"", "", map[string]string{"necessary": "on", "statistics": "off", "media": "off", "osm": "off", "youtube": "off"}},
			},
			cats: map[string]bool{"necessary": true, "statistics": false, "media": false},
			svcs: map[string]bool{"matomo": false, "osm": false, "youtube": false},
		},
		{
			name: "a category turns all its services on",
			steps: []step{
				{"category", "media", map[string]string{"media": "on", "osm": "on", "youtube": "on"}},
			},
			cats: map[string]bool{"necessary": true, "statistics": false, "media": true},
			svcs: map[string]bool{"matomo": false, "osm": true, "youtube": true},
		},
		{
			name: "one service of two: the category is partly on and not accepted",
			steps: []step{
				{"service", "osm", map[string]string{"media": "partly", "osm": "on", "youtube": "off"}},
			},
			cats: map[string]bool{"necessary": true, "statistics": false, "media": false},
			svcs: map[string]bool{"matomo": false, "osm": true, "youtube": false},
		},
		{
			name: "all services of a category accept it",
			steps: []step{
				{"service", "osm", map[string]string{"media": "partly"}},
				{"service", "youtube", map[string]string{"media": "on", "osm": "on", "youtube": "on"}},
			},
			cats: map[string]bool{"necessary": true, "statistics": false, "media": true},
			svcs: map[string]bool{"matomo": false, "osm": true, "youtube": true},
		},
		{
			name: "a service off in an accepted category refuses the category",
			set:  `{"categories":{"media":true}}`,
			steps: []step{
				{"service", "youtube", map[string]string{"media": "partly", "osm": "on", "youtube": "off"}},
			},
			cats: map[string]bool{"necessary": true, "statistics": false, "media": false},
			svcs: map[string]bool{"matomo": false, "osm": true, "youtube": false},
		},
		{
			name: "a partly-on category switch turns everything on, then off",
			set:  `{"services":{"youtube":true}}`,
			steps: []step{
				{"category", "media", map[string]string{"media": "on", "osm": "on", "youtube": "on"}},
				{"category", "media", map[string]string{"media": "off", "osm": "off", "youtube": "off"}},
			},
			cats: map[string]bool{"necessary": true, "statistics": false, "media": false},
			svcs: map[string]bool{"matomo": false, "osm": false, "youtube": false},
		},
		{
			name: "a required category does not move",
			steps: []step{
				{"category", "necessary", map[string]string{"necessary": "on", "opendatasoft-auth": "on"}},
				{"service", "opendatasoft-auth", map[string]string{"necessary": "on", "opendatasoft-auth": "on"}},
			},
			cats: map[string]bool{"necessary": true, "statistics": false, "media": false},
			svcs: map[string]bool{"matomo": false, "osm": false, "youtube": false, "opendatasoft-auth": true},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := mannheimPage()
			pg := load(t, b, mannheim(t))
			if tc.set != "" {
				pg.call("set", tc.set)
			}
			pg.call("showPreferences")
			for _, s := range tc.steps {
				if s.kind != "" {
					pg.call("action", "toggle", `{"kind":"`+s.kind+`","id":"`+s.id+`"}`)
				}
				sw := switches(t, b)
				for id, want := range s.want {
					equal(t, "after "+s.kind+" "+s.id+": "+id, sw[id], want)
				}
			}
			pg.call("action", "save")
			r := pg.get()
			equal(t, "method", r.Method, "custom")
			for id, want := range tc.cats {
				equal(t, "category "+id, r.Categories[id], want)
			}
			for id, want := range tc.svcs {
				equal(t, "service "+id, r.Services[id], want)
			}
		})
	}
}

// The switches' state in words comes from Go too.
func TestDialogStateTexts(t *testing.T) {
	b := mannheimPage()
	pg := load(t, b, mannheim(t))
	pg.call("set", `{"services":{"youtube":true}}`)
	pg.call("showPreferences")
	var v dialogView
	mustJSON(t, b.renders[len(b.renders)-1], &v)
	texts := b.lastView(t).Texts
	for _, c := range v.Categories {
		want := map[string]string{"necessary": texts["alwaysOn"], "statistics": texts["switchOff"], "media": texts["partly"]}[c.ID]
		equal(t, c.ID+" state text", c.StateText, want)
		for _, s := range c.Services {
			if c.ID == "media" {
				want = map[string]string{"youtube": texts["switchOn"], "osm": texts["switchOff"]}[s.ID]
			}
			equal(t, s.ID+" state text", s.StateText, want)
		}
	}
}

func TestBadToggles(t *testing.T) {
	b := mannheimPage()
	pg := load(t, b, mannheim(t))
	if err := pg.fail("action", "toggle", `{"kind":"category","id":"media"}`); err == nil {
		t.Error("a toggle with the dialog closed was accepted")
	}
	pg.call("showPreferences")
	for _, data := range []string{`{"kind":"category","id":"nope"}`, `{"kind":"service","id":"nope"}`, `{"kind":"colour","id":"media"}`, `[]`, ``} {
		pg.fail("action", "toggle", data)
	}
	pg.call("action", "save")
	equal(t, "media after bad toggles", pg.get().Categories["media"], false)
}
