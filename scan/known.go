package scan

import (
	"regexp"
	"sync"

	"github.com/consentwasm/consent/policy"
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

// KnownService is a well-known service of the built-in table: who sets
// which cookies or storage keys, and why.
type KnownService struct {
	ID       string
	Provider string
	Label    string
	Category string
	// Function is the seeds' "function" column.
	Function string
	Purpose  string
	// FirstParty is true for services run by the site itself (framework
	// session cookies, the consent cookie): their provider is the site.
	FirstParty bool
	Cookies    []KnownCookie
}

// KnownCookie is one cookie or storage key of a known service, named
// exactly or by an RE2 pattern matched against the whole name.
type KnownCookie struct {
	Name, Pattern string
	// Storage is "" for a cookie, or policy.StorageLocal/StorageSession.
	Storage  string
	Purpose  string
	Duration string

	once sync.Once
	re   *regexp.Regexp
}

// Matches reports whether a cookie or storage key of the given kind
// (policy.StorageCookie, StorageLocal or StorageSession) is this entry's.
func (k *KnownCookie) Matches(name, storage string) bool {
	want := k.Storage
	if want == "" {
		want = policy.StorageCookie
	}
	if want != storage {
		return false
	}
	if k.Pattern == "" {
		return k.Name == name
	}
	k.once.Do(func() { k.re = regexp.MustCompile(`^(?:` + k.Pattern + `)$`) })
	return k.re.MatchString(name)
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

// Known is the built-in table of well-known cookies and storage keys,
// written from the providers' public documentation. Durations are the
// typical ones; a site can configure others.
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
		Purpose: "Keeps the visitor's session (sign-in, forms) from one page to the next",
		Cookies: []KnownCookie{
			{Name: "sessionid", Purpose: "Django session", Duration: "2 weeks"},
			{Name: "PHPSESSID", Purpose: "PHP session", Duration: "Session"},
			{Name: "JSESSIONID", Purpose: "Java servlet session", Duration: "Session"},
			{Name: "laravel_session", Purpose: "Laravel session", Duration: "2 hours"},
			{Name: "ASP.NET_SessionId", Purpose: "ASP.NET session", Duration: "Session"},
			{Name: "connect.sid", Purpose: "Express (Node.js) session", Duration: "Session"},
		},
	},
	{
		ID: "csrf", Category: Necessary, FirstParty: true,
		Label: "Security (CSRF)", Function: "Protection against cross-site request forgery",
		Purpose: "Checks that forms and API calls come from the site itself",
		Cookies: []KnownCookie{
			{Name: "csrftoken", Purpose: "Django CSRF token", Duration: "1 year"},
			{Name: "XSRF-TOKEN", Purpose: "CSRF token (Laravel, Angular)", Duration: "2 hours"},
		},
	},
	{
		ID: "language", Category: Necessary, FirstParty: true,
		Label: "Language", Function: "Language selection",
		Purpose: "Remembers the visitor's language",
		Cookies: []KnownCookie{
			{Name: "django_language", Duration: "Session"},
		},
	},
	{
		ID: "google-analytics", Category: Statistics, Provider: "Google Ireland Limited",
		Label: "Google Analytics", Function: "Audience measurement",
		Purpose: "Counts visits and measures how the site is used",
		Cookies: []KnownCookie{
			{Name: "_ga", Purpose: "Distinguishes visitors", Duration: "2 years"},
			{Pattern: `_ga_[A-Za-z0-9]+`, Purpose: "Keeps the session state of a Google Analytics 4 property", Duration: "2 years"},
			{Name: "_gid", Purpose: "Distinguishes visitors", Duration: "24 hours"},
			{Name: "_gat", Purpose: "Throttles the request rate", Duration: "1 minute"},
			{Pattern: `_gat_.+`, Purpose: "Throttles the request rate", Duration: "1 minute"},
		},
	},
	{
		ID: "google-ads", Category: Marketing, Provider: "Google Ireland Limited",
		Label: "Google Ads", Function: "Advertising conversion tracking",
		Purpose: "Links visits to ad clicks",
		Cookies: []KnownCookie{
			{Pattern: `_gac_.+`, Purpose: "Campaign information of an ad click", Duration: "90 days"},
			{Name: "_gcl_au", Purpose: "Conversion measurement", Duration: "90 days"},
		},
	},
	{
		ID: "matomo", Category: Statistics, Provider: "Matomo",
		Label: "Matomo", Function: "Audience measurement",
		Purpose: "Counts visits and measures how the site is used",
		Cookies: []KnownCookie{
			{Pattern: `_pk_id\..+`, Purpose: "Visitor identifier", Duration: "13 months"},
			{Pattern: `_pk_ses\..+`, Purpose: "Visit (session) in progress", Duration: "30 minutes"},
			{Pattern: `_pk_ref\..+`, Purpose: "Where the visitor came from", Duration: "6 months"},
			{Pattern: `_pk_(cvar|hsr)\..+`, Purpose: "Data of the current visit", Duration: "30 minutes"},
		},
	},
	{
		ID: "matomo-consent", Category: Necessary, Provider: "Matomo",
		Label: "Matomo consent", Function: "Matomo's own consent and opt-out",
		Purpose: "Remembers whether the visitor agreed to or refused Matomo tracking",
		Cookies: []KnownCookie{
			{Pattern: `mtm_.+`, Purpose: "Consent or opt-out state", Duration: "30 years"},
		},
	},
	{
		ID: "meta-pixel", Category: Marketing, Provider: "Meta Platforms Ireland Limited",
		Label: "Meta Pixel", Function: "Advertising and conversion tracking (Facebook, Instagram)",
		Purpose: "Measures ads and shows ads to visitors on Meta's platforms",
		Cookies: []KnownCookie{
			{Name: "_fbp", Purpose: "Browser identifier for ad delivery", Duration: "3 months"},
			{Name: "_fbc", Purpose: "Last click on a Facebook ad", Duration: "3 months"},
			{Name: "fr", Purpose: "Ad delivery and measurement (on facebook.com)", Duration: "3 months"},
		},
	},
	{
		ID: "hotjar", Category: Statistics, Provider: "Hotjar Ltd",
		Label: "Hotjar", Function: "Heatmaps and session recordings",
		Purpose: "Shows how visitors use the pages",
		Cookies: []KnownCookie{
			{Pattern: `_hj.*`, Purpose: "Visitor and session identifiers", Duration: "Up to 1 year"},
			{Pattern: `_hj.*`, Storage: policy.StorageLocal, Purpose: "Visitor and session identifiers", Duration: "Persistent"},
			{Pattern: `_hj.*`, Storage: policy.StorageSession, Purpose: "Session data", Duration: "Session"},
		},
	},
	{
		ID: "hubspot", Category: Marketing, Provider: "HubSpot, Inc.",
		Label: "HubSpot", Function: "Marketing automation and visitor tracking",
		Purpose: "Tracks visitors and links them to contacts",
		Cookies: []KnownCookie{
			{Name: "__hstc", Purpose: "Main visitor tracking cookie", Duration: "6 months"},
			{Name: "hubspotutk", Purpose: "Visitor identity, passed on form submission", Duration: "6 months"},
			{Name: "__hssc", Purpose: "Counts page views in a session", Duration: "30 minutes"},
			{Name: "__hssrc", Purpose: "Tells whether the browser restarted", Duration: "Session"},
		},
	},
	{
		ID: "youtube", Category: Media, Provider: "Google Ireland Limited",
		Label: "YouTube", Function: "Embedded videos",
		Purpose: "Plays videos and measures their use",
		Cookies: []KnownCookie{
			{Name: "VISITOR_INFO1_LIVE", Purpose: "Estimates bandwidth, personalises recommendations", Duration: "6 months"},
			{Name: "YSC", Purpose: "Counts views of embedded videos", Duration: "Session"},
			{Name: "PREF", Purpose: "Player preferences", Duration: "8 months"},
			{Pattern: `yt-remote-.+`, Storage: policy.StorageLocal, Purpose: "Player preferences", Duration: "Persistent"},
			{Pattern: `ytidb::.+`, Storage: policy.StorageLocal, Purpose: "Player state", Duration: "Persistent"},
		},
	},
	{
		ID: "vimeo", Category: Media, Provider: "Vimeo.com, Inc.",
		Label: "Vimeo", Function: "Embedded videos",
		Purpose: "Plays videos and measures their use",
		Cookies: []KnownCookie{
			{Name: "vuid", Purpose: "Visitor identifier for Vimeo's analytics", Duration: "2 years"},
		},
	},
	{
		ID: "google-maps", Category: Media, Provider: "Google Ireland Limited",
		Label: "Google Maps", Function: "Embedded maps",
		Purpose: "Shows maps and remembers preferences",
		Cookies: []KnownCookie{
			{Name: "NID", Purpose: "Preferences and ad personalisation (on google.com)", Duration: "6 months"},
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
		ID: "linkedin", Category: Marketing, Provider: "LinkedIn Ireland Unlimited Company",
		Label: "LinkedIn Insight Tag", Function: "Advertising and conversion tracking",
		Purpose: "Measures ads and shows ads to visitors on LinkedIn",
		Cookies: []KnownCookie{
			{Pattern: `li_.+`, Purpose: "Identifies visitors and their consent on LinkedIn", Duration: "Up to 6 months"},
			{Name: "bcookie", Purpose: "Browser identifier", Duration: "1 year"},
			{Name: "bscookie", Purpose: "Secure browser identifier", Duration: "1 year"},
			{Name: "lidc", Purpose: "Data-centre routing", Duration: "24 hours"},
			{Name: "UserMatchHistory", Purpose: "Ad matching", Duration: "30 days"},
			{Name: "AnalyticsSyncHistory", Purpose: "Ad synchronisation", Duration: "30 days"},
		},
	},
	{
		ID: "microsoft-clarity", Category: Statistics, Provider: "Microsoft Corporation",
		Label: "Microsoft Clarity", Function: "Heatmaps and session recordings",
		Purpose: "Shows how visitors use the pages",
		Cookies: []KnownCookie{
			{Name: "_clck", Purpose: "Visitor identifier and preferences", Duration: "1 year"},
			{Name: "_clsk", Purpose: "Joins page views into one recording", Duration: "1 day"},
			{Name: "CLID", Purpose: "Visitor identifier (on clarity.ms)", Duration: "1 year"},
			{Name: "MUID", Purpose: "Browser identifier (on clarity.ms, bing.com)", Duration: "1 year"},
		},
	},
	{
		ID: "tiktok-pixel", Category: Marketing, Provider: "TikTok Technology Limited",
		Label: "TikTok Pixel", Function: "Advertising and conversion tracking",
		Purpose: "Measures ads and shows ads to visitors on TikTok",
		Cookies: []KnownCookie{
			{Name: "_ttp", Purpose: "Visitor identifier", Duration: "13 months"},
			{Name: "_tt_enable_cookie", Purpose: "Checks that cookies can be set", Duration: "13 months"},
			{Pattern: `tt_.+`, Purpose: "Session and ad data", Duration: "Up to 13 months"},
			{Pattern: `tt_.+`, Storage: policy.StorageSession, Purpose: "Session data", Duration: "Session"},
		},
	},
}

// Lookup returns the known service and entry of a cookie (storage
// policy.StorageCookie) or storage key, or nils. consentCookie is the
// site's consent cookie name ("" for the default).
func Lookup(name, storage, consentCookie string) (*KnownService, *KnownCookie) {
	if storage == policy.StorageCookie && consentCookie != "" && name == consentCookie {
		return Known[0], &Known[0].Cookies[0]
	}
	for _, s := range Known {
		for i := range s.Cookies {
			if s.Cookies[i].Matches(name, storage) {
				return s, &s.Cookies[i]
			}
		}
	}
	return nil, nil
}

// knownService returns the table's service with the given id, or nil.
func knownService(id string) *KnownService {
	for _, s := range Known {
		if s.ID == id {
			return s
		}
	}
	return nil
}
