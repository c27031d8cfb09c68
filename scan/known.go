package scan

import (
	"sync"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/pattern"
)

// Categories a known service or a finding can belong to, in the order
// reports and drafts list them. Unclassified holds what the built-in table
// does not know, for the site owner to decide.
const (
	Necessary    = "necessary"
	Preferences  = "preferences"
	Statistics   = "statistics"
	Marketing    = "marketing"
	Media        = "media"
	Unclassified = "unclassified"
)

// CategoryOrder is the order of the categories in drafts and reports.
var CategoryOrder = []string{Necessary, Preferences, Statistics, Marketing, Media, Unclassified}

// KnownService is a service of a table of known cookies: who sets which
// cookies or storage keys, and why.
type KnownService struct {
	ID       string
	Provider string
	Label    string
	Category string
	// Function is the "function" column of a cookie policy's table.
	Function string
	Purpose  string
	// FirstParty is true for services run by the site itself (framework
	// session cookies, the consent cookie): their provider is the site.
	FirstParty bool
	// ConsentMode lists the Google Consent Mode types the table's
	// category stands for.
	ConsentMode []string
	// Source is the table: SourceDatabase, SourceScanner or a site
	// owner's file.
	Source string
	// Override, in the scanner's table, says why the entry is consulted
	// before the Open Cookie Database: what the database gets wrong of
	// it. Entries without one only fill its gaps.
	Override string
	Cookies  []KnownCookie
}

// anyStorage is the Storage of an entry for a cookie or a storage key of
// that name alike (the database does not tell them apart).
const anyStorage = "any"

// KnownCookie is one cookie or storage key of a known service, named
// exactly or by a pattern (policy/pattern) matched against the whole name.
type KnownCookie struct {
	Name, Pattern string
	// Prefix is the database's wildcard name, which Pattern matches.
	Prefix string
	// Storage is "" for a cookie, policy.StorageLocal/StorageSession, or
	// anyStorage.
	Storage  string
	Purpose  string
	Duration string

	once sync.Once
	m    *pattern.Matcher
}

// Matches reports whether a cookie or storage key of the given kind
// (policy.StorageCookie, StorageLocal or StorageSession) is this entry's.
func (k *KnownCookie) Matches(name, storage string) bool {
	want := k.Storage
	if want == "" {
		want = policy.StorageCookie
	}
	if want != storage && want != anyStorage {
		return false
	}
	if k.Pattern == "" {
		return k.Name == name
	}
	// The policy's own matcher: a name matches here as in the browser.
	// The table's patterns are all in the dialect (TestTablePatternsPassTheDialect).
	k.once.Do(func() { k.m, _ = pattern.Compile(k.Pattern) })
	return k.m != nil && k.m.Match(name)
}

// DisplayName is the exact name or the pattern.
func (k *KnownCookie) DisplayName() string {
	if k.Name != "" {
		return k.Name
	}
	return k.Pattern
}

// ConsentServiceID is the id of this project's own consent cookie's
// service in the table.
const ConsentServiceID = "consent"

// Known is the scanner's own table, written from the providers' public
// documentation, for what the Open Cookie Database (OpenCookieDatabase)
// lacks or gets wrong. Entries with an Override are consulted before the
// database, the others after it, so they never hide what it knows.
// Durations are the typical ones; a site can configure others.
//
// The gaps were found by checking the most used analytics and session
// SDKs on npm (by monthly downloads: @sentry/browser, @datadog/browser-rum,
// posthog-js, @vercel/analytics, launchdarkly-js-client-sdk,
// @amplitude/analytics-browser, mixpanel-browser, @statsig/js-client,
// @segment/analytics-next, @fullstory/browser, @snowplow/browser-tracker,
// logrocket, …) against it: Amplitude's AMP_, Mixpanel's mp_, Snowplow's
// _sp_id. and _sp_ses. and RudderStack's rl_ are in the database; the
// others are below. The real-tracker test (scan/testdata/trackers) checks
// the entries of Datadog, PostHog, Segment, Mixpanel and Snowplow against
// the SDKs themselves.
var Known = []*KnownService{
	{
		ID: ConsentServiceID, Category: Necessary, FirstParty: true,
		Label: "Cookie preferences", Function: "Cookie consent manager",
		Purpose: "Remembers the visitor's cookie choices",
		Cookies: []KnownCookie{
			{Name: policy.DefaultConsentCookieName, Purpose: "Stores the visitor's consent choice", Duration: "6 months"},
		},
	},
	{
		ID: "session", Category: Necessary, FirstParty: true,
		Label: "Session", Function: "Session of the site's web framework",
		Purpose:  "Keeps the visitor's session (sign-in, forms) from one page to the next",
		Override: "the database knows sessionid only as Instagram's (on instagram.com) and connect.sid as Zendesk's (on zendesk.com): on a site's own domain they are Django's and Express's session cookies",
		Cookies: []KnownCookie{
			{Name: "sessionid", Purpose: "Django session", Duration: "2 weeks"},
			{Name: "connect.sid", Purpose: "Express (Node.js) session", Duration: "Session"},
		},
	},
	{
		ID: "csrf", Category: Necessary, FirstParty: true,
		Label: "Security (CSRF)", Function: "Protection against cross-site request forgery",
		Purpose:  "Checks that forms and API calls come from the site itself",
		Override: "the database lacks Django's csrftoken, and its XSRF-TOKEN row names no platform",
		Cookies: []KnownCookie{
			{Name: "csrftoken", Purpose: "Django CSRF token", Duration: "1 year"},
			{Name: "XSRF-TOKEN", Purpose: "CSRF token (Laravel, Angular)", Duration: "2 hours"},
		},
	},
	{
		ID: "matomo-consent", Category: Necessary, Provider: "Matomo",
		Label: "Matomo consent", Function: "Matomo's own consent and opt-out",
		Purpose:  "Remembers whether the visitor agreed to or refused Matomo tracking",
		Override: "the database files mtm_consent and mtm_consent_removed under Analytics, but remembering a refusal needs no consent",
		Cookies: []KnownCookie{
			{Pattern: `mtm_.+`, Purpose: "Consent or opt-out state", Duration: "30 years"},
		},
	},
	{
		ID: "segment", Category: Statistics, Provider: "Twilio Inc. (Segment)",
		Label: "Segment", Function: "Customer data platform: collects analytics events for other tools",
		Purpose:  "Identifies the visitor across visits and sends what they do to the site's analytics tools",
		Override: "the database knows ajs_anonymous_id and ajs_user_id only as Trustpilot's (on trustpilot.com); they are Segment's analytics.js cookies on any site that uses it",
		Cookies: []KnownCookie{
			{Pattern: `ajs_(anonymous_id|user_id|group_id)`, Storage: anyStorage, Purpose: "Anonymous or signed-in visitor identifier", Duration: "1 year"},
			{Pattern: `ajs_(user_traits|group_properties)`, Storage: anyStorage, Purpose: "What is known of the visitor", Duration: "Persistent"},
		},
	},
	{
		ID: "datadog", Category: Statistics, Provider: "Datadog, Inc.",
		Label: "Datadog RUM", Function: "Real user monitoring",
		Purpose: "Groups the visitor's page views, errors and timings into a session sent to Datadog",
		Cookies: []KnownCookie{
			{Pattern: `_dd_s(_v[0-9]+)?`, Storage: anyStorage, Purpose: "Session identifier and state (a session ends after 15 minutes idle, 4 hours at most)", Duration: "1 year"},
			{Name: "_dd_tab_id", Storage: policy.StorageSession, Purpose: "Tells the browser's tabs apart", Duration: "Session"},
			{Pattern: `dd_cookie_test_.+`, Purpose: "Checks that cookies can be set", Duration: "1 second"},
		},
	},
	{
		ID: "posthog", Category: Statistics, Provider: "PostHog Inc.",
		Label: "PostHog", Function: "Product analytics and session recordings",
		Purpose: "Identifies the visitor and their session, and sends what they do to PostHog",
		Cookies: []KnownCookie{
			{Pattern: `ph_.+_posthog`, Storage: anyStorage, Purpose: "Visitor and session identifiers, properties", Duration: "1 year"},
			{Pattern: `ph_.+`, Storage: policy.StorageSession, Purpose: "Session state", Duration: "Session"},
			{Pattern: `__ph_opt_in_out_.+`, Storage: anyStorage, Purpose: "The visitor's opt-in or opt-out of PostHog", Duration: "1 year"},
		},
	},
	{
		ID: "mixpanel", Category: Statistics, Provider: "Mixpanel, Inc.",
		Label: "Mixpanel", Function: "Analytics",
		Purpose: "Queues the events Mixpanel's SDK sends",
		Cookies: []KnownCookie{
			{Pattern: `__mp[a-z]*_.+`, Storage: policy.StorageLocal, Purpose: "Events waiting to be sent to Mixpanel", Duration: "Persistent"},
		},
	},
	{
		ID: "snowplow", Category: Statistics, Provider: "Snowplow Analytics Ltd",
		Label: "Snowplow", Function: "Analytics",
		Purpose: "Queues the events Snowplow's tracker sends",
		Cookies: []KnownCookie{
			{Pattern: `snowplowOutQueue_.+`, Storage: policy.StorageLocal, Purpose: "Events waiting to be sent to the collector", Duration: "Persistent"},
		},
	},
	{
		ID: "heap", Category: Statistics, Provider: "Heap Inc.",
		Label: "Heap", Function: "Analytics",
		Purpose: "Identifies the visitor and their session",
		Cookies: []KnownCookie{
			// The database has _hp2_id and _hp2_ses_props as exact names;
			// Heap appends the app's id.
			{Pattern: `_hp2_(id|ses_props|props)\..+`, Purpose: "Visitor, session and event properties", Duration: "13 months"},
		},
	},
	{
		ID: "fullstory", Category: Statistics, Provider: "FullStory, Inc.",
		Label: "FullStory", Function: "Session recordings",
		Purpose: "Identifies the visitor for FullStory's recordings",
		Cookies: []KnownCookie{
			{Name: "fs_uid", Purpose: "Visitor identifier", Duration: "1 year"},
			{Name: "fs_lua", Purpose: "Time of the last activity", Duration: "30 minutes"},
			{Name: "fs_cid", Purpose: "The visitor's consent for FullStory", Duration: "1 year"},
		},
	},
	{
		ID: "logrocket", Category: Statistics, Provider: "LogRocket, Inc.",
		Label: "LogRocket", Function: "Session recordings",
		Purpose: "Identifies the visitor and their session for LogRocket's recordings",
		Cookies: []KnownCookie{
			{Pattern: `_lr_.+`, Storage: anyStorage, Purpose: "Visitor and session identifiers", Duration: "1 year"},
		},
	},
	{
		ID: "statsig", Category: Statistics, Provider: "Statsig, Inc.",
		Label: "Statsig", Function: "Feature flags and experiments",
		Purpose: "Keeps the visitor in the same experiment groups",
		Cookies: []KnownCookie{
			{Pattern: `statsig\..+`, Storage: policy.StorageLocal, Purpose: "Stable visitor identifier and cached evaluations", Duration: "Persistent"},
		},
	},
	{
		ID: "launchdarkly", Category: Preferences, Provider: "Catamorphic Co. (LaunchDarkly)",
		Label: "LaunchDarkly", Function: "Feature flags",
		Purpose: "Keeps the visitor's feature flags the same from one visit to the next",
		Cookies: []KnownCookie{
			{Pattern: `ld:.+`, Storage: policy.StorageLocal, Purpose: "Anonymous visitor key and cached flags", Duration: "Persistent"},
		},
	},
	{
		ID: "newrelic", Category: Statistics, Provider: "New Relic, Inc.",
		Label: "New Relic Browser", Function: "Real user monitoring",
		Purpose: "Groups the visitor's page views into a session sent to New Relic",
		Cookies: []KnownCookie{
			{Name: "NRBA_SESSION", Storage: policy.StorageLocal, Purpose: "Session identifier and state", Duration: "Persistent"},
		},
	},
	{
		ID: "sentry", Category: Statistics, Provider: "Functional Software, Inc. (Sentry)",
		Label: "Sentry Session Replay", Function: "Error monitoring and session replays",
		Purpose: "Keeps a session replay going from one page to the next",
		Cookies: []KnownCookie{
			{Name: "sentryReplaySession", Storage: policy.StorageSession, Purpose: "Replay session identifier", Duration: "Session"},
		},
	},
	{
		ID: "hotjar", Category: Statistics, Provider: "Hotjar",
		Label: "Hotjar", Function: "Heatmaps and session recordings",
		Purpose: "Shows how visitors use the pages",
		Cookies: []KnownCookie{
			// The database names Hotjar's keys one by one: the ones it
			// does not list yet.
			{Pattern: `_hj.+`, Storage: anyStorage, Purpose: "Visitor and session identifiers", Duration: "Up to 1 year"},
		},
	},
	{
		ID: "youtube", Category: Media, Provider: "Youtube",
		Label: "Youtube", Function: "Embedded videos",
		Purpose: "Plays videos and remembers the player's state",
		Cookies: []KnownCookie{
			{Pattern: `yt-remote-.+`, Storage: policy.StorageLocal, Purpose: "Player preferences", Duration: "Persistent"},
			{Pattern: `ytidb::.+`, Storage: policy.StorageLocal, Purpose: "Player state", Duration: "Persistent"},
		},
	},
	{
		ID: "mapbox", Category: Media, Provider: "Mapbox, Inc.",
		Label: "Mapbox", Function: "Embedded maps",
		Purpose: "Shows maps and sends usage telemetry to Mapbox",
		Cookies: []KnownCookie{
			{Pattern: `mapbox\.eventData.*`, Storage: policy.StorageLocal, Purpose: "Telemetry identifier and state", Duration: "Persistent"},
			{Pattern: `[Mm][Aa][Pp][Bb][Oo][Xx].*`, Purpose: "Map session and telemetry", Duration: "Up to 1 year"},
		},
	},
	{
		ID: "linkedin", Category: Marketing, Provider: "LinkedIn",
		Label: "LinkedIn", Function: "Advertising and conversion tracking",
		Purpose: "Measures ads and shows ads to visitors on LinkedIn",
		Cookies: []KnownCookie{
			{Pattern: `li_.+`, Purpose: "Identifies visitors and their consent on LinkedIn", Duration: "Up to 6 months"},
		},
	},
	{
		ID: "tiktok", Category: Marketing, Provider: "TikTok",
		Label: "TikTok", Function: "Advertising and conversion tracking",
		Purpose: "Measures ads and shows ads to visitors on TikTok",
		Cookies: []KnownCookie{
			{Pattern: `tt_.+`, Storage: anyStorage, Purpose: "Session and ad data", Duration: "Up to 13 months"},
		},
	},
}

func init() {
	for _, s := range Known {
		s.Source = SourceScanner
		if m, ok := categoryDrafts[s.Category]; ok {
			s.ConsentMode = m.modes
		}
	}
}

// Lookup returns the known service and entry of a cookie (storage
// policy.StorageCookie) or storage key seen on domain, or nils: the
// site's consent cookie (consentCookie, "" for the default), then the
// scanner's overrides, the Open Cookie Database, and the scanner's gaps.
func Lookup(name, storage, domain, consentCookie string) (*KnownService, *KnownCookie) {
	if storage == policy.StorageCookie && (name == consentCookie || name == policy.DefaultConsentCookieName) {
		return Known[0], &Known[0].Cookies[0]
	}
	own := func(overrides bool) (*KnownService, *KnownCookie) {
		for _, s := range Known[1:] {
			if (s.Override != "") != overrides {
				continue
			}
			for i := range s.Cookies {
				if s.Cookies[i].Matches(name, storage) {
					return s, &s.Cookies[i]
				}
			}
		}
		return nil, nil
	}
	if s, c := own(true); s != nil {
		return s, c
	}
	if s, c := OpenCookieDatabase().Lookup(name, domain); s != nil {
		return s, c
	}
	return own(false)
}
