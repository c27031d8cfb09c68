package app

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
)

// lifeBrowser is a fake page that also implements Lifecycle.
type lifeBrowser struct {
	*fakeBrowser
	channel, cookieName string
	announces           int
	cookiesOff          bool
}

func (l *lifeBrowser) Follow(channel, cookieName string) error {
	l.channel, l.cookieName = channel, cookieName
	return nil
}
func (l *lifeBrowser) Announce() error      { l.announces++; return nil }
func (l *lifeBrowser) CookiesEnabled() bool { return !l.cookiesOff }

func loadLife(t *testing.T, b *fakeBrowser, text string) (*page, *lifeBrowser) {
	t.Helper()
	lb := &lifeBrowser{fakeBrowser: b}
	p, err := policy.Parse([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	pg := &page{t: t, b: b, a: New(lb, func() time.Time { return clock }), p: p, text: text}
	pg.ready = pg.call("init", text)
	return pg, lb
}

// elsewhere stores a choice as another tab would: straight into the jar.
func elsewhere(t *testing.T, pg *page, ch policy.Choice, method string, at time.Time) *policy.Record {
	t.Helper()
	r := policy.NewRecord(pg.p, nil, ch, method, "other-tab-id", at)
	pg.b.put(t, pg.p.ConsentCookie.Name+"="+policy.EncodeRecord(pg.p, r)+"; Path=/; Max-Age=3600")
	return r
}

func TestSyncFollowsAnAcceptanceElsewhere(t *testing.T) {
	pg, lb := loadLife(t, mannheimPage(), mannheim(t))
	if lb.channel != "consentwasm:cookies_preferences" || lb.cookieName != "cookies_preferences" {
		t.Fatalf("Follow(%q, %q): the page does not listen to the other tabs", lb.channel, lb.cookieName)
	}
	if pg.b.lastView(t).Show != policy.ViewBanner {
		t.Fatal("no banner on a first visit")
	}
	pg.b.clearLog()
	pg.call("sync")
	if len(pg.b.events) != 0 || len(pg.b.renders) != 0 {
		t.Fatalf("sync without a change did something: events %v, %d renders", pg.b.eventNames(), len(pg.b.renders))
	}

	elsewhere(t, pg, policy.AcceptAllChoice(pg.p), policy.MethodAcceptAll, clock)
	pg.call("sync")
	if got := pg.call("accepted", "statistics"); got != "true" {
		t.Errorf("accepted(statistics) = %s after an acceptance in another tab", got)
	}
	if g := pg.b.gate("stats"); g.state != "live" {
		t.Errorf("the statistics script is %q, want live", g.state)
	}
	if v := pg.b.lastView(t); v.Show != "" && v.Show != policy.ViewNone {
		t.Errorf("the banner is still shown (%q) after a choice elsewhere", v.Show)
	}
	change := pg.b.lastEvent(t, "consent:change")
	if !strings.Contains(change, `"statistics"`) || !strings.Contains(change, `"method":"accept-all"`) {
		t.Errorf("consent:change = %s", change)
	}
	if len(pg.b.dataLayer) == 0 || !strings.Contains(pg.b.dataLayer[len(pg.b.dataLayer)-1], `"analytics_storage":"granted"`) {
		t.Errorf("no Consent Mode update granting analytics_storage: %v", pg.b.dataLayer)
	}
	if lb.announces != 0 {
		t.Errorf("a tab that followed announced it again (%d): tabs would echo each other", lb.announces)
	}
	pg.b.clearLog()
	pg.call("sync")
	if len(pg.b.events) != 0 {
		t.Errorf("a second sync fired %v", pg.b.eventNames())
	}
}

func TestSyncFollowsAWithdrawalElsewhere(t *testing.T) {
	b := newFake()
	b.addGate("stats", "script", "statistics", "matomo")
	b.addGate("video", "iframe", "media", "video")
	pg, _ := loadLife(t, b, smallPolicy)
	pg.call("acceptAll")
	b.put(t, "_pk_id=1; Path=/")
	if b.gate("stats").state != "live" || b.gate("video").state != "live" {
		t.Fatal("acceptAll opened nothing")
	}
	b.clearLog()
	elsewhere(t, pg, policy.RejectAllChoice(pg.p), policy.MethodRejectAll, clock.Add(time.Minute))
	pg.call("sync")
	if got := pg.call("accepted", "statistics"); got != "false" {
		t.Errorf("accepted(statistics) = %s after a withdrawal in another tab", got)
	}
	if b.gate("video").state != "blocked" {
		t.Errorf("the video iframe is %q, want blocked again", b.gate("video").state)
	}
	if len(b.stored("_pk_id")) != 0 {
		t.Errorf("the refused _pk_id cookie survived the withdrawal")
	}
	if b.reloads != 1 {
		t.Errorf("reloads = %d: reloadOnWithdraw and the statistics script ran, so the tab reloads", b.reloads)
	}
	if !strings.Contains(b.lastEvent(t, "consent:change"), `"method":"reject-all"`) {
		t.Errorf("no consent:change for the withdrawal")
	}
}

func TestSyncAfterAResetElsewhereAsksAgain(t *testing.T) {
	pg, _ := loadLife(t, mannheimPage(), mannheim(t))
	pg.call("acceptAll")
	for _, d := range policy.DeletionsFor("cookies_preferences", "www.example.org", "/") {
		pg.b.put(t, d.String())
	}
	pg.call("sync")
	if pg.call("get") != "null" || pg.b.lastView(t).Show != policy.ViewBanner {
		t.Errorf("after a reset elsewhere: get() = %s, view %q; want null and the banner", pg.call("get"), pg.b.lastView(t).Show)
	}
}

func TestChoicesAreAnnounced(t *testing.T) {
	pg, lb := loadLife(t, mannheimPage(), mannheim(t))
	pg.call("acceptAll")
	pg.call("reset")
	if lb.announces != 2 {
		t.Errorf("announces = %d, want one per choice and one per reset", lb.announces)
	}
}

// Each visit writes the stored record again, unchanged, with what is left
// of its lifetime: Safari keeps a script's cookie 7 days at most.
func TestSettleRenewsTheStoredChoice(t *testing.T) {
	b := mannheimPage()
	p, _ := policy.Parse([]byte(mannheim(t)))
	r := policy.NewRecord(p, nil, policy.AcceptAllChoice(p), policy.MethodAcceptAll, "old-id", clock.Add(-10*24*time.Hour))
	value := policy.EncodeRecord(p, r)
	b.put(t, "cookies_preferences="+value+"; Path=/; Max-Age=604800")
	pg, _ := loadLife(t, b, mannheim(t))
	want := "cookies_preferences=" + value + "; Path=/; Max-Age=" + strconv.Itoa(172*24*60*60) + "; SameSite=Lax"
	found := false
	for _, w := range b.writes {
		if w == want {
			found = true
		}
	}
	if !found {
		t.Errorf("no renewal %q among the writes %v", want, b.writes)
	}
	if got := b.stored("cookies_preferences"); len(got) != 1 || got[0] != value {
		t.Errorf("stored consent cookie = %v, want the same value %q", got, value)
	}
	if pg.call("get") != policy.RecordJSON(p, r) {
		t.Errorf("the renewed record changed: %s", pg.call("get"))
	}
}

func TestNoRenewalWithoutAStoredChoice(t *testing.T) {
	b := mannheimPage()
	loadLife(t, b, mannheim(t))
	for _, w := range b.writes {
		if strings.HasPrefix(w, "cookies_preferences=") {
			t.Errorf("a first visit wrote the consent cookie: %q", w)
		}
	}
}

func TestStoreFailureSaysWhy(t *testing.T) {
	withDomain := strings.Replace(mannheim(t), `"consentCookie": {`, `"consentCookie": {"domain": "other.test",`, 1)
	for _, tc := range []struct {
		name   string
		policy string
		setup  func(*lifeBrowser)
		cause  string
	}{
		{"a cookie of that name the script cannot overwrite", mannheim(t),
			func(l *lifeBrowser) { l.refuse["cookies_preferences"] = true }, policy.StoreShadowed},
		{"cookies disabled", mannheim(t), func(l *lifeBrowser) {
			l.cookiesOff = true
			l.refuse["cookies_preferences"] = true
		}, policy.StoreBlocked},
		{"the jar refuses everything", mannheim(t), func(l *lifeBrowser) {
			l.refuse["cookies_preferences"], l.refuse["cookies_preferences_probe"] = true, true
		}, policy.StoreBlocked},
		{"a domain the host is not under", withDomain, nil, policy.StoreDomain},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pg, lb := loadLife(t, mannheimPage(), tc.policy)
			if tc.setup != nil {
				tc.setup(lb)
			}
			pg.call("acceptAll")
			e := pg.b.lastEvent(t, "consent:error")
			if !strings.Contains(e, `"cause":"`+tc.cause+`"`) || !strings.Contains(e, "applies to this page view only") {
				t.Errorf("consent:error = %s, want cause %q", e, tc.cause)
			}
			if pg.call("accepted", "statistics") != "true" {
				t.Errorf("the choice does not hold for the page view")
			}
			if len(pg.b.stored("cookies_preferences_probe")) != 0 {
				t.Errorf("the probe cookie was left behind")
			}
			// A choice kept for the page view is not undone by a sync.
			pg.call("sync")
			if pg.call("accepted", "statistics") != "true" {
				t.Errorf("a sync dropped the choice kept for this page view")
			}
		})
	}
}

// A choice made in another tab while this page was starting (after its
// first read of the cookie, before it listened) is not missed.
func TestSettleCatchesAChoiceMadeWhileStarting(t *testing.T) {
	b := mannheimPage()
	lb := &lifeBrowser{fakeBrowser: b}
	text := mannheim(t)
	p, _ := policy.Parse([]byte(text))
	pg := &page{t: t, b: b, a: New(lb, func() time.Time { return clock }), p: p, text: text}
	pg.call("start", text)
	elsewhere(t, pg, policy.AcceptAllChoice(p), policy.MethodAcceptAll, clock)
	pg.call("settle")
	if pg.call("accepted", "statistics") != "true" {
		t.Errorf("a choice made while the page started was missed")
	}
}
