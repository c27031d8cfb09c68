package policy

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// drawn returns "on", "off" or "partly" for every switch of the draft.
func drawn(p *Policy, d *Draft) map[string]string {
	out := map[string]string{}
	for i := range p.Categories {
		c := &p.Categories[i]
		sw := d.CategorySwitch(p, c)
		switch {
		case sw.Partly:
			out[c.ID] = "partly"
		case sw.Checked:
			out[c.ID] = "on"
		default:
			out[c.ID] = "off"
		}
		for _, s := range p.ServicesOf(c.ID) {
			out[s.ID] = map[bool]string{true: "on", false: "off"}[d.ServiceSwitch(c, s).Checked]
		}
	}
	return out
}

func TestDraft(t *testing.T) {
	p := recTestPolicy()
	for _, tc := range []struct {
		name    string
		from    *Record
		touches []string // "category id" or "service id"
		want    string   // "id=state" words
		cats    string   // accepted categories of the saved record
		svcs    string
	}{
		{name: "no choice", want: "necessary=on session=on statistics=off matomo=off marketing=off",
			cats: "necessary", svcs: "session"},
		{name: "a record is drawn as it is",
			from: recRec(MethodAPI, "necessary", "session matomo"),
			want: "statistics=partly matomo=on google-analytics=off marketing=off",
			cats: "necessary", svcs: "session matomo"},
		{name: "an accepted category with a refused service is drawn partly on",
			from: recRec(MethodAPI, "necessary statistics", "session matomo"),
			want: "statistics=partly matomo=on google-analytics=off",
			cats: "necessary statistics", svcs: "session matomo"},
		{name: "a category turns its services on", touches: []string{"category statistics"},
			want: "statistics=on matomo=on google-analytics=on",
			cats: "necessary statistics", svcs: "session matomo google-analytics"},
		{name: "and off again", touches: []string{"category statistics", "category statistics"},
			want: "statistics=off matomo=off google-analytics=off", cats: "necessary", svcs: "session"},
		{name: "a partly-on category turns all on",
			from: recRec(MethodAPI, "necessary", "session matomo"), touches: []string{"category statistics"},
			want: "statistics=on google-analytics=on", cats: "necessary statistics", svcs: "session matomo google-analytics"},
		{name: "some services do not accept the category", touches: []string{"service matomo"},
			want: "statistics=partly matomo=on", cats: "necessary", svcs: "session matomo"},
		{name: "all services accept it", touches: []string{"service matomo", "service google-analytics"},
			want: "statistics=on", cats: "necessary statistics", svcs: "session matomo google-analytics"},
		{name: "one service off refuses the category",
			from:    recRec(MethodAcceptAll, "necessary statistics marketing", "session matomo google-analytics google-ads youtube"),
			touches: []string{"service youtube"}, want: "marketing=partly google-ads=on youtube=off",
			cats: "necessary statistics", svcs: "session matomo google-analytics google-ads"},
		{name: "required switches do not move", touches: []string{"category necessary", "service session"},
			want: "necessary=on session=on", cats: "necessary", svcs: "session"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := NewDraft(p, tc.from)
			for _, touch := range tc.touches {
				kind, id, _ := strings.Cut(touch, " ")
				require.NoError(t, d.Toggle(p, kind, id))
			}
			got := drawn(p, d)
			for _, w := range strings.Fields(tc.want) {
				id, state, _ := strings.Cut(w, "=")
				assert.Equal(t, state, got[id], id)
			}
			r := NewRecord(p, tc.from, d.Choice(), MethodCustom, "id", recNow)
			want := recRec(MethodCustom, tc.cats, tc.svcs)
			assert.Equal(t, want.Categories, r.Categories, "saved categories")
			assert.Equal(t, want.Services, r.Services, "saved services")
		})
	}
	d := NewDraft(p, nil)
	assert.Error(t, d.Toggle(p, "category", "nope"))
	assert.Error(t, d.Toggle(p, "service", "nope"))
	assert.Error(t, d.Toggle(p, "colour", "statistics"))
	assert.Equal(t, NewDraft(p, nil), d, "bad touches change nothing")
	c := p.Category("necessary")
	assert.Equal(t, Switch{Checked: true, Disabled: true, Text: "alwaysOn"}, d.CategorySwitch(p, c))
	assert.Equal(t, "switchOff", d.CategorySwitch(p, p.Category("statistics")).Text)
	require.NoError(t, d.Toggle(p, "service", "matomo"))
	assert.Equal(t, "partly", d.CategorySwitch(p, p.Category("statistics")).Text, "partly on says so")
}

func TestPlanChoice(t *testing.T) {
	p := recTestPolicy()
	p.ReloadOnWithdraw = true
	env := Env{Host: "www.example.org", Path: "/", Now: recNow,
		Cookies:   []CookiePair{{"_pk_id.1", "x"}, {"_ga", "1"}, {"_gcl_au", "1"}, {"sessionid", "s"}, {"cookies_preferences", "v"}},
		LocalKeys: []string{"yt-remote-device-id", "ods-lang"}}
	all := recRec(MethodAcceptAll, "necessary statistics marketing", "session matomo google-analytics google-ads youtube")
	stats := recRec(MethodAPI, "necessary statistics", "session matomo google-analytics")
	none := recRec(MethodRejectAll, "necessary", "session")
	for _, tc := range []struct {
		name       string
		old, rec   *Record
		ran        []string
		cats, svcs []string
		view       string
		deleted    string // cookie names
		local      []string
		reload     bool
		forget     bool
	}{
		{name: "first choice", rec: all, cats: []string{"marketing", "necessary", "statistics"},
			svcs: []string{"google-ads", "google-analytics", "matomo", "session", "youtube"}, view: ViewNone},
		{name: "withdrawing a script that ran reloads", old: all, rec: stats, ran: []string{"marketing/youtube"},
			cats: []string{"marketing"}, svcs: []string{"google-ads", "youtube"}, view: ViewNone,
			deleted: "_gcl_au", local: []string{"yt-remote-device-id"}, reload: true},
		{name: "withdrawing what did not run does not", old: all, rec: stats, ran: []string{"statistics"},
			cats: []string{"marketing"}, svcs: []string{"google-ads", "youtube"}, view: ViewNone,
			deleted: "_gcl_au", local: []string{"yt-remote-device-id"}},
		{name: "required scripts are never withdrawn", old: all, rec: none, ran: []string{"necessary", "necessary/session"},
			cats: []string{"marketing", "statistics"}, svcs: []string{"google-ads", "google-analytics", "matomo", "youtube"},
			view: ViewNone, deleted: "_pk_id.1 _ga _gcl_au", local: []string{"yt-remote-device-id"}},
		{name: "reset asks again and forgets the cookie", old: stats, ran: []string{"statistics/matomo"},
			cats: []string{"necessary", "statistics"}, svcs: []string{"google-analytics", "matomo", "session"},
			view: ViewBanner, deleted: "_pk_id.1 _ga _gcl_au", local: []string{"yt-remote-device-id"}, reload: true, forget: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			plan := PlanChoice(p, tc.old, tc.rec, env, tc.ran)
			assert.Equal(t, tc.rec, plan.Record)
			assert.Equal(t, tc.cats, plan.Categories, "changed categories")
			assert.Equal(t, tc.svcs, plan.Services, "changed services")
			assert.Equal(t, tc.view, plan.View)
			assert.Equal(t, strings.Fields(tc.deleted), append([]string{}, recDeletedNames(plan.DeleteCookies)...))
			assert.Equal(t, tc.local, plan.DeleteLocal)
			assert.Equal(t, tc.reload, plan.Reload, "reload")
			assert.Equal(t, tc.forget, len(plan.ForgetConsent) > 0, "forget the consent cookie")
			for _, d := range plan.ForgetConsent {
				assert.Equal(t, "cookies_preferences", d.Name)
			}
			assert.Equal(t, ConsentModeUpdateJSON(p, tc.rec), plan.DataLayer)
		})
	}
	p.ReloadOnWithdraw = false
	assert.False(t, PlanChoice(p, all, none, env, []string{"marketing"}).Reload, "no reload without reloadOnWithdraw")
}

func TestViewAfterClose(t *testing.T) {
	assert.Equal(t, ViewBanner, ViewAfterClose(nil), "no choice yet: the visitor must still be asked")
	assert.Equal(t, ViewNone, ViewAfterClose(recRec(MethodRejectAll, "necessary", "session")))
}

func TestGateStep(t *testing.T) {
	p := recTestPolicy()
	stats := recRec(MethodAPI, "necessary statistics", "session matomo google-analytics")
	for _, tc := range []struct {
		r                             *Record
		tag, category, service, state string
		want                          GateAction
	}{
		{nil, "script", "necessary", "", "", GateMakeLive},
		{nil, "script", "statistics", "", "", GateShut},
		{nil, "script", "!statistics", "", "", GateShut},
		{stats, "script", "statistics", "matomo", "", GateMakeLive},
		{stats, "script", "statistics", "matomo", GateLive, GateKeep},
		{stats, "script", "!statistics", "", GateLive, GateKeep},
		{stats, "script", "marketing", "", GateBlocked, GateKeep},
		{stats, "iframe", "marketing", "youtube", GateLive, GateShut},
		{stats, "iframe", "marketing", "youtube", GateBlocked, GateKeep},
		{stats, "iframe", "statistics", "youtube", "", GateShut},
		{stats, "img", "nope", "", "", GateShut},
	} {
		assert.Equal(t, tc.want, GateStep(p, tc.r, tc.tag, tc.category, tc.service, tc.state),
			"%s %s/%s %q", tc.tag, tc.category, tc.service, tc.state)
	}
	assert.Equal(t, "statistics/matomo", RanKey("script", "statistics", "matomo"))
	assert.Equal(t, "statistics", RanKey("script", "statistics", ""))
	assert.Equal(t, "", RanKey("script", "!statistics", ""), "a refusal cannot be withdrawn")
	assert.Equal(t, "", RanKey("iframe", "statistics", ""), "only scripts run")
}

func TestCheckAccepted(t *testing.T) {
	p := recTestPolicy()
	assert.NoError(t, p.CheckAccepted("statistics", ""))
	assert.NoError(t, p.CheckAccepted("statistics", "matomo"))
	assert.ErrorContains(t, p.CheckAccepted("nope", ""), `unknown category "nope"`)
	assert.ErrorContains(t, p.CheckAccepted("statistics", "nada"), `unknown service "nada"`)
	assert.ErrorContains(t, p.CheckAccepted("statistics", "youtube"), `"youtube" is not in category "statistics"`)
}

func TestPlaceholderJSON(t *testing.T) {
	p := recTestPolicy()
	p.Categories[2].Label = Text{AnyLanguage: "Marketing"}
	p.Services[4].Label = Text{AnyLanguage: "YouTube"}
	for _, tag := range []string{"iframe", "embed", "object", "video", "audio"} {
		ph := PlaceholderJSON(p, "en", tag, "marketing", "youtube")
		assert.Contains(t, ph, `"serviceId":"youtube"`, tag)
		assert.Contains(t, ph, `"service":"YouTube"`, tag)
		assert.Contains(t, ph, `"provider":"Google"`, tag)
	}
	for _, tag := range []string{"img", "source", "script"} {
		assert.Empty(t, PlaceholderJSON(p, "en", tag, "marketing", "youtube"), "%s gets no placeholder", tag)
	}
	assert.Empty(t, PlaceholderJSON(p, "en", "iframe", "!marketing", ""), "a ! element gets none")
	assert.Empty(t, PlaceholderJSON(p, "en", "iframe", "nope", ""), "nor an unknown category")
	ph := PlaceholderJSON(p, "en", "iframe", "marketing", "")
	assert.Contains(t, ph, `"serviceId":"category:marketing"`, "without a service the button accepts the category")
	assert.Contains(t, ph, `"provider":"Marketing"`)

	assert.Equal(t, Choice{Categories: map[string]bool{"marketing": true}, Services: map[string]bool{}}, InPlaceChoice("category:marketing"))
	assert.Equal(t, Choice{Categories: map[string]bool{}, Services: map[string]bool{"youtube": true}}, InPlaceChoice("youtube"))
}
