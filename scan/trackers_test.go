package scan

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/scan/scantest"
)

// scanTrackers scans the real-tracker site with every host but the test
// sites unreachable.
func scanTrackers(t *testing.T) *Result {
	t.Helper()
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (make test installs it)")
		}
		t.Skip("chromium is not on PATH; `make test` installs it")
	}
	if err := scantest.NeedTrackers(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	port := startSites(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	res, err := Scan(ctx, Options{
		URL:               scantest.URL("www.trackers.test", port),
		MaxPages:          5,
		HostResolverRules: scantest.ClosedHostRules,
		ChoiceWait:        time.Second,
	})
	if err != nil {
		t.Fatalf("scan: %v", err)
	}
	return res
}

// (d) A site with six real analytics and session SDKs from npm, each
// setting its own cookies and storage keys before any choice.
func TestScanRealTrackers(t *testing.T) {
	t.Parallel()
	res := scanTrackers(t)
	rep := Analyze(res, nil, "")
	md := rep.Markdown()

	// What each SDK sets by itself (names with the test's keys), and the
	// service the scanner names for it.
	want := []struct {
		storage, name, service, source string
	}{
		{policy.StorageCookie, "_dd_s_v2", "datadog", SourceScanner},
		{policy.StorageSession, "_dd_tab_id", "datadog", SourceScanner},
		{policy.StorageCookie, "ph_phc_sdkshoptest_posthog", "posthog", SourceScanner},
		{policy.StorageLocal, "ph_phc_sdkshoptest_posthog", "posthog", SourceScanner},
		{policy.StorageCookie, "AMP_0123456789", "amplitude", SourceDatabase},
		{policy.StorageCookie, "ajs_anonymous_id", "segment", SourceScanner},
		{policy.StorageLocal, "ajs_anonymous_id", "segment", SourceScanner},
		{policy.StorageCookie, "mp_mptoken0123456789_mixpanel", "mixpanel", SourceDatabase},
		{policy.StorageLocal, "snowplowOutQueue_sp", "snowplow", SourceScanner},
	}
	before := rep.FindingsOf(BeforeChoice)
	flagged := func(storage, name string) bool {
		for _, f := range before {
			if f.Storage == storage && f.Name == name {
				return true
			}
		}
		return false
	}
	for _, w := range want {
		it := item(rep, w.storage, w.name)
		if it == nil {
			t.Errorf("%s %s not found", w.storage, w.name)
			continue
		}
		if it.Service != w.service || it.Category != Statistics || it.Source != w.source || it.ThirdParty {
			t.Errorf("%s %s: service %q category %q from %q third-party %v; want %q statistics from %q, first-party",
				w.storage, w.name, it.Service, it.Category, it.Source, it.ThirdParty, w.service, w.source)
		}
		if !flagged(w.storage, w.name) {
			t.Errorf("%s %s: no before-choice finding", w.storage, w.name)
		}
	}
	// Snowplow's cookies carry a hash of the domain in their names.
	for _, prefix := range []string{"_sp_id.", "_sp_ses."} {
		found := false
		for _, it := range rep.Items {
			if it.Storage == policy.StorageCookie && strings.HasPrefix(it.Name, prefix) {
				found = true
				if it.Service != "snowplow" || it.Source != SourceDatabase || !flagged(it.Storage, it.Name) {
					t.Errorf("%s: service %q from %q", it.Name, it.Service, it.Source)
				}
			}
		}
		if !found {
			t.Errorf("no %s* cookie of Snowplow", prefix)
		}
	}
	// Every SDK is known: nothing is left unclassified.
	for _, it := range rep.Items {
		if it.Category == Unclassified {
			t.Errorf("%s %s is unclassified", it.Storage, it.Name)
		}
	}
	// Nothing left the machine: no request to another host was even
	// tried, and the server saw each SDK's calls.
	for _, v := range res.Visits {
		if len(v.ThirdPartyHosts) > 0 {
			t.Errorf("%s visit contacted %v", v.Mode, v.ThirdPartyHosts)
		}
	}
	var paths []string
	for _, r := range scantest.Requests() {
		if strings.HasPrefix(r.Host, "www.trackers.test:") {
			paths = append(paths, r.Path)
		} else if strings.HasSuffix(strings.Split(r.Host, ":")[0], "trackers.test") {
			t.Errorf("a request to %s%s: the SDKs must call the site's own host", r.Host, r.Path)
		}
	}
	for _, api := range []string{"/collect/datadog", "/collect/mixpanel/track/", "/collect/segment/v1/p", "/collect/snowplow/com.snowplowanalytics.snowplow/tp2"} {
		if !slices.Contains(paths, api) {
			t.Errorf("the server saw no call to %s: %v", api, paths)
		}
	}
	// The 404 and the 500 are errors of their URLs, not visited pages.
	for _, v := range res.Visits {
		if len(v.Pages) != 2 || len(v.Errors) != 2 {
			t.Errorf("%s visit: pages %v, errors %v; want the two good pages and two errors", v.Mode, v.Pages, v.Errors)
		}
	}
	for _, e := range []string{"/gone.html: HTTP 404", "/broken.html: HTTP 500"} {
		if !strings.Contains(md, e) || !strings.Contains(rep.HTML(), e) {
			t.Errorf("reports do not list the error %q", e)
		}
	}
	draft, err := Draft(rep, nil)
	if err != nil {
		t.Fatalf("draft: %v\n%s", err, draft)
	}
	// The draft declares everything, once: a rescan finds nothing
	// missing or undeclared.
	p, err := policy.Parse(draft)
	if err != nil {
		t.Fatalf("draft: %v\n%s", err, draft)
	}
	again := Analyze(res, p, "draft.json")
	for _, kind := range []string{NeverSeen, Undeclared} {
		if fs := again.FindingsOf(kind); len(fs) != 0 {
			t.Errorf("%s findings on a rescan with the draft: %+v", kind, fs)
		}
	}
	if t.Failed() {
		t.Logf("report:\n%s", md)
	}
	if os.Getenv("CONSENT_SCAN_EXAMPLE") != "" {
		os.WriteFile(os.Getenv("CONSENT_SCAN_EXAMPLE"), []byte(md), 0o644)
	}
}
