package policy

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recPageCookies are the cookies a page of the test policy shows, one per
// declaration plus an undeclared one.
func recPageCookies(consent string) []CookiePair {
	pairs := []CookiePair{
		{"sessionid", "s"}, {"csrftoken", "t"}, {"django_language", "de"},
		{"_pk_id.1.abcd", "x"}, {"_pk_ses.1.abcd", "1"},
		{"_ga", "GA1"}, {"_ga_XYZ", "GS1"}, {"_gcl_au", "1.1"},
		{"VISITOR_INFO1_LIVE", "v"}, {"undeclared", "u"},
	}
	if consent != "" {
		pairs = append(pairs, CookiePair{"cookies_preferences", consent})
	}
	return pairs
}

// recDeletedNames lists the cookie names of deletions, once each.
func recDeletedNames(ds []Deletion) []string {
	var out []string
	for _, d := range ds {
		if !slices.Contains(out, d.Name) {
			out = append(out, d.Name)
		}
	}
	return out
}

func TestDecide(t *testing.T) {
	p := recTestPolicy()
	ignoring := recTestPolicy()
	ignoring.GPC = GPCIgnore
	valid := EncodeRecord(p, recRec(MethodCustom, "necessary statistics", "session matomo google-analytics"))
	expiredRec := recRec(MethodAcceptAll, "necessary statistics marketing", "session matomo google-analytics google-ads youtube")
	expiredRec.Timestamp = recNow.Add(-365 * 24 * time.Hour).UnixMilli()
	expired := EncodeRecord(p, expiredRec)
	gpcRecord := NewRecord(p, nil, RejectAllChoice(p), MethodGPC, "fresh-id", recNow)
	// The visitor of the expired choice keeps its consent id (docs/api.md#windowconsent).
	gpcKeptID := NewRecord(p, nil, RejectAllChoice(p), MethodGPC, expiredRec.ID, recNow)

	allOptional := "_pk_id.1.abcd _pk_ses.1.abcd _ga _ga_XYZ _gcl_au VISITOR_INFO1_LIVE"
	for _, tc := range []struct {
		name        string
		p           *Policy
		consent     string
		gpc         bool
		wantAsk     bool
		wantRecord  *Record
		wantReason  string
		wantStore   bool
		wantDeleted string // cookie names
		wantLocal   []string
		wantSession []string
	}{{
		name: "first visit", p: p,
		wantAsk: true, wantDeleted: allOptional,
		wantLocal: []string{"yt-remote-device-id"}, wantSession: []string{"yt-player-volume"},
	}, {
		name: "valid choice", p: p, consent: valid,
		wantRecord:  recRec(MethodCustom, "necessary statistics", "session matomo google-analytics"),
		wantDeleted: "_gcl_au VISITOR_INFO1_LIVE", // _ga stays: google-analytics is accepted
		wantLocal:   []string{"yt-remote-device-id"}, wantSession: []string{"yt-player-volume"},
	}, {
		name: "expired choice", p: p, consent: expired,
		wantAsk: true, wantReason: "consent cookie cookies_preferences: expired", wantDeleted: allOptional,
		wantLocal: []string{"yt-remote-device-id"}, wantSession: []string{"yt-player-volume"},
	}, {
		name: "GPC without choice", p: p, gpc: true,
		wantRecord: gpcRecord, wantStore: true, wantDeleted: allOptional,
		wantLocal: []string{"yt-remote-device-id"}, wantSession: []string{"yt-player-volume"},
	}, {
		name: "GPC with an expired choice", p: p, gpc: true, consent: expired,
		wantRecord: gpcKeptID, wantStore: true, wantReason: "expired", wantDeleted: allOptional,
		wantLocal: []string{"yt-remote-device-id"}, wantSession: []string{"yt-player-volume"},
	}, {
		name: "GPC does not override a stored choice", p: p, gpc: true, consent: valid,
		wantRecord:  recRec(MethodCustom, "necessary statistics", "session matomo google-analytics"),
		wantDeleted: "_gcl_au VISITOR_INFO1_LIVE",
		wantLocal:   []string{"yt-remote-device-id"}, wantSession: []string{"yt-player-volume"},
	}, {
		name: "GPC ignored", p: ignoring, gpc: true,
		wantAsk: true, wantDeleted: allOptional,
		wantLocal: []string{"yt-remote-device-id"}, wantSession: []string{"yt-player-volume"},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			env := Env{
				Host: "www.example.org", Path: "/a/page.html", Secure: true, Now: recNow, GPC: tc.gpc,
				Cookies:     recPageCookies(tc.consent),
				LocalKeys:   []string{"ods-lang", "yt-remote-device-id", "other"},
				SessionKeys: []string{"yt-player-volume", "ods-lang"},
			}
			plan := Decide(tc.p, env, func() string { return "fresh-id" })
			assert.Equal(t, tc.wantAsk, plan.Ask, "Ask")
			assert.Equal(t, tc.wantRecord, plan.Record, "Record")
			if tc.wantReason == "" {
				assert.Empty(t, plan.Reason)
			} else {
				assert.Contains(t, plan.Reason, tc.wantReason)
			}
			assert.Equal(t, tc.wantStore, plan.Store, "Store")
			assert.Equal(t, strings.Fields(tc.wantDeleted), recDeletedNames(plan.DeleteCookies))
			assert.Equal(t, tc.wantLocal, plan.DeleteLocal)
			assert.Equal(t, tc.wantSession, plan.DeleteSession)
			for _, d := range plan.DeleteCookies {
				assert.NotEqual(t, "cookies_preferences", d.Name, "the consent cookie is never deleted")
				assert.False(t, slices.Contains([]string{"sessionid", "csrftoken", "django_language"}, d.Name),
					"a required cookie is never deleted: %s", d.Name)
			}
			// Every name is deleted on every domain and path it can live on,
			// on https with Secure and once more Partitioned.
			assert.Len(t, plan.DeleteCookies, len(recDeletedNames(plan.DeleteCookies))*
				len(DeletionsOn("x", env.Host, env.Path, true)))
			for _, d := range plan.DeleteCookies {
				assert.True(t, d.Secure, "an https page's deletion carries Secure: %s", d)
			}
			assert.Len(t, plan.ConsentMode, len(ConsentModeTypes))
			assert.Equal(t, ConsentModeStartJSON(tc.p, plan.Record), plan.DataLayer, "the dataLayer entries of the start")
			if tc.wantStore {
				cats, svcs := Changed(nil, plan.Record)
				assert.Equal(t, cats, plan.Categories, "a new record announces what it accepts")
				assert.Equal(t, svcs, plan.Services)
			} else {
				assert.Empty(t, plan.Categories)
			}
		})
	}
}

func TestDecideGPCRecordStores(t *testing.T) {
	p := recTestPolicy()
	plan := Decide(p, Env{Host: "example.org", Path: "/", Now: recNow, GPC: true}, func() string { return "gpc-id" })
	require.NotNil(t, plan.Record)
	assert.Equal(t, MethodGPC, plan.Record.Method)
	assert.Equal(t, "gpc-id", plan.Record.ID)
	assert.False(t, plan.Ask)
	// What Decide asks to store is read back as the same choice.
	again := Decide(p, Env{Host: "example.org", Path: "/", Now: recNow.Add(time.Minute), GPC: true,
		Cookies: []CookiePair{{"cookies_preferences", EncodeRecord(p, plan.Record)}}}, nil)
	assert.Equal(t, plan.Record, again.Record)
	assert.False(t, again.Store)
	assert.Equal(t, "denied", plan.ConsentMode["analytics_storage"])
	assert.Equal(t, "granted", plan.ConsentMode["security_storage"])
}

func TestDecideWithoutPolicyOrIDMaker(t *testing.T) {
	plan := Decide(nil, Env{Now: recNow, GPC: true}, nil)
	assert.True(t, plan.Ask)
	assert.Nil(t, plan.Record)
	plan = Decide(recTestPolicy(), Env{Now: recNow, GPC: true}, nil)
	require.NotNil(t, plan.Record)
	assert.Equal(t, "", plan.Record.ID)
}

func TestRefusedCookies(t *testing.T) {
	p := recTestPolicy()
	names := []string{"sessionid", "cookies_preferences", "_ga", "_ga", "_ga_A1", "_gcl_au", "_pk_id.1.x", "_pk_idx", "other"}
	for _, tc := range []struct {
		name string
		r    *Record
		want []string
	}{
		{"no choice: every optional service's", nil, []string{"_ga", "_ga_A1", "_gcl_au", "_pk_id.1.x"}},
		{"reject all", recRec(MethodRejectAll, "necessary", "session"), []string{"_ga", "_ga_A1", "_gcl_au", "_pk_id.1.x"}},
		{"accept all", recRec(MethodAcceptAll, "necessary statistics marketing",
			"session matomo google-analytics google-ads youtube"), nil},
		{"shared _ga kept for accepted ads", recRec(MethodCustom, "necessary marketing", "session google-ads youtube"),
			[]string{"_ga_A1", "_pk_id.1.x"}},
		{"service accepted without its category", recRec(MethodCustom, "necessary", "session matomo"),
			[]string{"_ga", "_ga_A1", "_gcl_au"}},
	} {
		assert.Equal(t, tc.want, RefusedCookies(p, tc.r, names), tc.name)
	}

	// Even when an optional service declares them, the consent cookie and a
	// required service's cookie stay.
	greedy := recTestPolicy()
	greedy.Services[3].Cookies = append(greedy.Services[3].Cookies, Cookie{Pattern: ".*"})
	assert.Equal(t, []string{"_ga", "_ga_A1", "_gcl_au", "_pk_id.1.x", "_pk_idx", "other"},
		RefusedCookies(greedy, nil, names))
}

func TestGateOpen(t *testing.T) {
	p := recTestPolicy()
	some := recRec(MethodCustom, "necessary statistics", "session matomo youtube")
	gpc := NewRecord(p, nil, RejectAllChoice(p), MethodGPC, "id", recNow)
	for _, tc := range []struct {
		r                 *Record
		category, service string
		want              bool
	}{
		{some, "statistics", "", true},
		{some, "statistics", "matomo", true},
		{some, "statistics", "google-analytics", false},
		{some, "marketing", "", false},
		{some, "marketing", "youtube", true}, // accepted in place
		{some, "!marketing", "", true},
		{some, "!statistics", "", false},
		{some, "!statistics", "google-analytics", true},
		{some, "!marketing", "youtube", false},
		{some, "necessary", "", true},
		{some, "!necessary", "", false},
		{some, "statistics", "youtube", false}, // wrong category
		{some, "nope", "", false},
		{some, "!nope", "", false},
		{some, "statistics", "nope", false},
		{some, "", "", false},
		{some, "!", "", false},
		{nil, "necessary", "", true},
		{nil, "necessary", "session", true},
		{nil, "statistics", "", false},
		{nil, "!statistics", "", false}, // no choice: nothing optional runs
		{nil, "!necessary", "", false},
		{gpc, "!statistics", "", true},
		{gpc, "statistics", "", false},
	} {
		assert.Equal(t, tc.want, GateOpen(p, tc.r, tc.category, tc.service), "record %v, %q %q", tc.r != nil, tc.category, tc.service)
	}
}

func TestConsentModeState(t *testing.T) {
	p := recTestPolicy()
	// The same type granted by two categories.
	p.Categories[1].GoogleConsentMode = append(p.Categories[1].GoogleConsentMode, "ad_user_data")
	for _, tc := range []struct {
		name    string
		r       *Record
		granted string
	}{
		{"no choice", nil, "security_storage functionality_storage"},
		{"reject all", recRec(MethodRejectAll, "necessary", "session"), "security_storage functionality_storage"},
		{"statistics", recRec(MethodCustom, "necessary statistics", "session"),
			"security_storage functionality_storage analytics_storage ad_user_data"},
		{"marketing", recRec(MethodCustom, "necessary marketing", "session"),
			"security_storage functionality_storage ad_storage ad_user_data ad_personalization"},
		{"a service alone grants nothing", recRec(MethodCustom, "necessary", "session google-ads"),
			"security_storage functionality_storage"},
	} {
		want := map[string]string{}
		for _, typ := range ConsentModeTypes {
			want[typ] = "denied"
		}
		for _, typ := range strings.Fields(tc.granted) {
			want[typ] = "granted"
		}
		assert.Equal(t, want, ConsentModeState(p, tc.r), tc.name)
	}
}
