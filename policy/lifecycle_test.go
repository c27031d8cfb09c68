package policy

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func lcCookie(p *Policy, r *Record) []CookiePair {
	return []CookiePair{{Name: "sessionid", Value: "s"}, {Name: "cookies_preferences", Value: EncodeRecord(p, r)}}
}

func TestFollow(t *testing.T) {
	p := recTestPolicy()
	reload := recTestPolicy()
	reload.ReloadOnWithdraw = true
	accepted := NewRecord(p, nil, AcceptAllChoice(p), MethodAcceptAll, "id1", recNow.Add(-time.Hour))
	refused := NewRecord(p, accepted, RejectAllChoice(p), MethodRejectAll, "", recNow.Add(-time.Minute))
	again := NewRecord(p, accepted, AcceptAllChoice(p), MethodAcceptAll, "", recNow.Add(-time.Minute))
	stats := NewRecord(p, nil, Choice{Categories: map[string]bool{"statistics": true}}, MethodCustom, "id2", recNow.Add(-time.Minute))
	expired := NewRecord(p, nil, AcceptAllChoice(p), MethodAcceptAll, "id3", recNow.Add(-183*24*time.Hour))
	for _, tc := range []struct {
		name    string
		p       *Policy
		current *Record
		kept    bool
		cookies []CookiePair
		shown   string
		ran     []string

		changed    bool
		want       *Record
		cats, svcs string
		view       string
		reload     bool
		reason     string
	}{
		// With no choice on one side, the required ids count as changed too,
		// as for a first choice in this tab (see Changed).
		{name: "nothing changed", p: p, current: accepted, cookies: lcCookie(p, accepted), shown: ViewNone,
			want: accepted, view: ViewNone},
		{name: "no choice anywhere", p: p, cookies: nil, shown: ViewBanner, view: ViewBanner},
		{name: "accepted in another tab: the banner closes", p: p, cookies: lcCookie(p, accepted), shown: ViewBanner,
			changed: true, want: accepted, cats: "marketing necessary statistics",
			svcs: "google-ads google-analytics matomo session youtube", view: ViewNone},
		{name: "refused elsewhere after an acceptance", p: p, current: accepted, cookies: lcCookie(p, refused), shown: ViewNone,
			changed: true, want: refused, cats: "marketing statistics", svcs: "google-ads google-analytics matomo youtube", view: ViewNone},
		{name: "refused elsewhere, a script ran, no reloadOnWithdraw", p: p, current: accepted, cookies: lcCookie(p, refused),
			ran: []string{"statistics/matomo"}, changed: true, want: refused,
			cats: "marketing statistics", svcs: "google-ads google-analytics matomo youtube", view: ViewNone},
		{name: "refused elsewhere, a script ran, reloadOnWithdraw", p: reload, current: accepted, cookies: lcCookie(reload, refused),
			ran: []string{"statistics/matomo"}, changed: true, want: refused,
			cats: "marketing statistics", svcs: "google-ads google-analytics matomo youtube", view: ViewNone, reload: true},
		{name: "narrowed elsewhere, what ran is still accepted", p: reload, current: accepted, cookies: lcCookie(reload, stats),
			ran: []string{"statistics", "statistics/matomo"}, changed: true, want: stats,
			cats: "marketing", svcs: "google-ads youtube", view: ViewNone},
		{name: "narrowed elsewhere, a marketing script ran", p: reload, current: accepted, cookies: lcCookie(reload, stats),
			ran: []string{"marketing/youtube"}, changed: true, want: stats,
			cats: "marketing", svcs: "google-ads youtube", view: ViewNone, reload: true},
		{name: "the same switches chosen again elsewhere: a new choice, no id changed", p: p, current: accepted,
			cookies: lcCookie(p, again), shown: ViewNone, changed: true, want: again, view: ViewNone},
		{name: "reset elsewhere: the banner asks again", p: reload, current: accepted, cookies: nil, shown: ViewNone,
			ran: []string{"statistics/matomo"}, changed: true, cats: "marketing necessary statistics",
			svcs: "google-ads google-analytics matomo session youtube", view: ViewBanner, reload: true},
		{name: "a required script that ran is never withdrawn", p: reload, current: accepted, cookies: nil,
			ran: []string{"necessary", "necessary/session"}, changed: true, cats: "marketing necessary statistics",
			svcs: "google-ads google-analytics matomo session youtube", view: ViewBanner},
		{name: "the dialog stays open and is redrawn", p: p, current: nil, cookies: lcCookie(p, stats), shown: ViewPreferences,
			changed: true, want: stats, cats: "necessary statistics", svcs: "google-analytics matomo session", view: ViewPreferences},
		{name: "the choice expired while the page was open", p: p, current: expired, cookies: lcCookie(p, expired), shown: ViewNone,
			changed: true, cats: "marketing necessary statistics", svcs: "google-ads google-analytics matomo session youtube",
			view: ViewBanner, reason: "expired"},
		{name: "a choice the browser did not store holds for the page view", p: p, current: accepted, kept: true,
			cookies: nil, shown: ViewNone, want: nil, view: ViewNone},
		{name: "a choice kept for the page view yields to one stored elsewhere", p: p, current: accepted, kept: true,
			cookies: lcCookie(p, stats), shown: ViewNone, changed: true, want: stats, cats: "marketing",
			svcs: "google-ads youtube", view: ViewNone},
		{name: "a tampered cookie is no choice", p: p, current: accepted,
			cookies: []CookiePair{{Name: "cookies_preferences", Value: "garbage"}}, shown: ViewNone, changed: true,
			cats: "marketing necessary statistics", svcs: "google-ads google-analytics matomo session youtube", view: ViewBanner,
			reason: "not a consent record"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := Follow(tc.p, tc.current, tc.kept, tc.cookies, recNow, tc.shown, tc.ran)
			if f.Changed != tc.changed {
				t.Fatalf("Changed = %v, want %v", f.Changed, tc.changed)
			}
			if f.View != tc.view {
				t.Errorf("View = %q, want %q", f.View, tc.view)
			}
			if !tc.changed {
				if tc.want != nil && EncodeRecord(p, f.Record) != EncodeRecord(p, tc.want) {
					t.Errorf("Record = %+v, want %+v", f.Record, tc.want)
				}
				return
			}
			if EncodeRecord(p, f.Record) != EncodeRecord(p, tc.want) || (f.Record == nil) != (tc.want == nil) {
				t.Errorf("Record = %+v, want %+v", f.Record, tc.want)
			}
			if got := strings.Join(f.Categories, " "); got != tc.cats {
				t.Errorf("Categories = %q, want %q", got, tc.cats)
			}
			if got := strings.Join(f.Services, " "); got != tc.svcs {
				t.Errorf("Services = %q, want %q", got, tc.svcs)
			}
			if f.Reload != tc.reload {
				t.Errorf("Reload = %v, want %v", f.Reload, tc.reload)
			}
			if !strings.Contains(f.Reason, tc.reason) || (tc.reason == "") != (f.Reason == "") {
				t.Errorf("Reason = %q, want one containing %q", f.Reason, tc.reason)
			}
		})
	}
	if f := Follow(nil, nil, false, nil, recNow, ViewBanner, nil); f.Changed || f.View != ViewBanner {
		t.Errorf("Follow without a policy = %+v, want no change", f)
	}
}

func TestFollowView(t *testing.T) {
	r := &Record{}
	for _, tc := range []struct {
		shown string
		r     *Record
		want  string
	}{
		{ViewNone, nil, ViewBanner}, {ViewBanner, nil, ViewBanner}, {ViewPreferences, nil, ViewPreferences},
		{ViewNone, r, ViewNone}, {ViewBanner, r, ViewNone}, {ViewPreferences, r, ViewPreferences},
	} {
		if got := FollowView(tc.shown, tc.r); got != tc.want {
			t.Errorf("FollowView(%q, record %v) = %q, want %q", tc.shown, tc.r != nil, got, tc.want)
		}
	}
}

func TestRenewal(t *testing.T) {
	p := recTestPolicy()
	day := int64(24 * 60 * 60)
	for _, tc := range []struct {
		name   string
		age    time.Duration
		secure bool
		maxAge int64 // 0: no renewal
	}{
		{"made just now", 0, false, 182 * day},
		{"made 10 days ago", 10 * 24 * time.Hour, false, 172 * day},
		{"made 10 days and 1.5 seconds ago", 10*24*time.Hour + 1500*time.Millisecond, true, 172*day - 1},
		{"made 181 days ago", 181 * 24 * time.Hour, false, day},
		{"dated an hour ahead", -time.Hour, false, 182 * day},
		{"expired", 183 * 24 * time.Hour, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := NewRecord(p, nil, AcceptAllChoice(p), MethodAcceptAll, "renew-id", recNow.Add(-tc.age))
			got := Renewal(p, r, recNow, tc.secure)
			if tc.maxAge == 0 {
				if got != "" {
					t.Errorf("Renewal = %q, want none", got)
				}
				return
			}
			want := strings.Replace(SetConsentCookie(p, EncodeRecord(p, r), tc.secure),
				"; Max-Age=15724800", "; Max-Age="+strconv.FormatInt(tc.maxAge, 10), 1)
			if got != want {
				t.Errorf("Renewal =\n%s\nwant\n%s", got, want)
			}
			// The same record: the value decodes to exactly r.
			v, _, _ := strings.Cut(strings.TrimPrefix(got, "cookies_preferences="), ";")
			back, err := DecodeRecord(p, v, recNow)
			if err != nil || EncodeRecord(p, back) != EncodeRecord(p, r) || back.Timestamp != r.Timestamp || back.ID != r.ID {
				t.Errorf("renewed value %q decodes to %+v, %v; want the record unchanged", v, back, err)
			}
		})
	}
	if Renewal(p, nil, recNow, false) != "" || Renewal(nil, &Record{}, recNow, false) != "" {
		t.Errorf("Renewal without a record or policy wrote a cookie")
	}
}

func TestRenewalKeepsTheAttributes(t *testing.T) {
	p := recTestPolicy()
	p.ConsentCookie = ConsentCookie{Name: "consent", Domain: ".example.org", Path: "/shop", SameSite: "None", MaxAgeDays: 30}
	r := NewRecord(p, nil, RejectAllChoice(p), MethodRejectAll, "x", recNow.Add(-24*time.Hour))
	want := "consent=" + EncodeRecord(p, r) + "; Path=/shop; Domain=.example.org; Max-Age=2505600; SameSite=None; Secure"
	if got := Renewal(p, r, recNow, true); got != want {
		t.Errorf("Renewal = %q, want %q", got, want)
	}
}

// A choice withdrawn elsewhere by consent.reset() reaches the other tabs
// as consent:change with record null; this panicked before.
func TestChangeJSONWithoutARecord(t *testing.T) {
	p := recTestPolicy()
	got := ChangeJSON(p, nil, []string{"statistics"}, nil)
	if want := `{"record":null,"changed":{"categories":["statistics"],"services":[]}}`; got != want {
		t.Errorf("ChangeJSON(nil) = %s, want %s", got, want)
	}
}
