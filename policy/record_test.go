package policy

import (
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recNow is the fixed clock of the record, cookie and decision tests.
var recNow = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// recTestPolicy is a policy shaped like a cookie policy's tables: a required
// category and two optional ones, services with exact and pattern cookies,
// a cookie name shared by two services, and Web Storage keys.
func recTestPolicy() *Policy {
	return &Policy{
		Revision:      4,
		Languages:     []string{"en"},
		ConsentCookie: ConsentCookie{Name: "cookies_preferences", Path: "/", SameSite: "Lax", MaxAgeDays: 182},
		GPC:           GPCReject,
		Categories: []Category{
			{ID: "necessary", Required: true, GoogleConsentMode: []string{"security_storage", "functionality_storage"}},
			{ID: "statistics", GoogleConsentMode: []string{"analytics_storage"}},
			{ID: "marketing", GoogleConsentMode: []string{"ad_storage", "ad_user_data", "ad_personalization"}},
		},
		Services: []Service{
			{ID: "session", Category: "necessary", Provider: "Opendatasoft", Cookies: []Cookie{
				{Name: "sessionid"}, {Name: "csrftoken"}, {Name: "django_language"}, {Name: "cookies_preferences"},
				{Name: "ods-lang", Storage: StorageLocal},
			}},
			{ID: "matomo", Category: "statistics", Provider: "Matomo", Cookies: []Cookie{
				{Pattern: `_pk_id\..*`}, {Pattern: `_pk_ses\..*`},
			}},
			{ID: "google-analytics", Category: "statistics", Provider: "Google", Cookies: []Cookie{
				{Name: "_ga"}, {Pattern: `_ga_.*`},
			}},
			{ID: "google-ads", Category: "marketing", Provider: "Google", Cookies: []Cookie{
				{Name: "_gcl_au"}, {Name: "_ga"},
			}},
			{ID: "youtube", Category: "marketing", Provider: "Google", Cookies: []Cookie{
				{Name: "VISITOR_INFO1_LIVE"},
				{Name: "yt-remote-device-id", Storage: StorageLocal},
				{Pattern: `yt-player-.*`, Storage: StorageSession},
			}},
		},
	}
}

// recMap builds a choice map from "id" (true) and "-id" (false) words.
func recMap(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		if id, refused := strings.CutPrefix(w, "-"); refused {
			m[id] = false
		} else {
			m[w] = true
		}
	}
	return m
}

// recRec builds a record of recTestPolicy with the accepted ids given.
func recRec(method, cats, svcs string) *Record {
	p := recTestPolicy()
	r := &Record{ID: "AAECAwQFBgcICQoLDA0ODw", Revision: p.Revision, Timestamp: recNow.UnixMilli(), Method: method, Source: InferSource(method),
		Categories: map[string]bool{}, Services: map[string]bool{}}
	for _, c := range p.Categories {
		r.Categories[c.ID] = false
	}
	for _, s := range p.Services {
		r.Services[s.ID] = false
	}
	for id := range recMap(cats) {
		r.Categories[id] = true
	}
	for id := range recMap(svcs) {
		r.Services[id] = true
	}
	return r
}

func TestAcceptAllRejectAllChoice(t *testing.T) {
	p := recTestPolicy()
	acc := NewRecord(p, nil, AcceptAllChoice(p), MethodAcceptAll, "id", recNow)
	assert.Equal(t, recMap("necessary statistics marketing"), acc.Categories)
	assert.Equal(t, recMap("session matomo google-analytics google-ads youtube"), acc.Services)
	assert.NoError(t, p.CheckChoice(AcceptAllChoice(p)))

	// Reject-all after accept-all refuses everything optional.
	rej := NewRecord(p, acc, RejectAllChoice(p), MethodRejectAll, "", recNow)
	assert.Equal(t, recMap("necessary -statistics -marketing"), rej.Categories)
	assert.Equal(t, recMap("session -matomo -google-analytics -google-ads -youtube"), rej.Services)
	assert.Equal(t, "id", rej.ID, "an empty id keeps the previous consent id")
	assert.NoError(t, p.CheckChoice(RejectAllChoice(p)))
}

func TestNewRecord(t *testing.T) {
	p := recTestPolicy()
	for _, tc := range []struct {
		name       string
		prev       *Record
		categories string // recMap words
		services   string
		wantCats   string
		wantSvcs   string
	}{{
		name:     "empty choice without prev refuses all optional",
		wantCats: "necessary -statistics -marketing",
		wantSvcs: "session -matomo -google-analytics -google-ads -youtube",
	}, {
		name:       "category applies to its services",
		categories: "statistics",
		wantCats:   "necessary statistics -marketing",
		wantSvcs:   "session matomo google-analytics -google-ads -youtube",
	}, {
		name:       "a named service overrides its category",
		categories: "statistics",
		services:   "-google-analytics",
		wantCats:   "necessary statistics -marketing",
		wantSvcs:   "session matomo -google-analytics -google-ads -youtube",
	}, {
		name:     "a service accepted alone leaves its category refused",
		services: "youtube",
		wantCats: "necessary -statistics -marketing",
		wantSvcs: "session -matomo -google-analytics -google-ads youtube",
	}, {
		name:       "required category cannot be refused",
		categories: "-necessary",
		services:   "-session",
		wantCats:   "necessary -statistics -marketing",
		wantSvcs:   "session -matomo -google-analytics -google-ads -youtube",
	}, {
		name:       "ids left out keep prev's choice",
		prev:       recRec(MethodCustom, "necessary statistics", "session matomo youtube"),
		categories: "-statistics",
		wantCats:   "necessary -statistics -marketing",
		wantSvcs:   "session -matomo -google-analytics -google-ads youtube",
	}, {
		name:     "a service named against prev",
		prev:     recRec(MethodAcceptAll, "necessary statistics marketing", "session matomo google-analytics google-ads youtube"),
		services: "-youtube",
		wantCats: "necessary statistics marketing",
		wantSvcs: "session matomo google-analytics google-ads -youtube",
	}, {
		name:       "unknown ids are ignored",
		categories: "nope marketing",
		services:   "ghost",
		wantCats:   "necessary -statistics marketing",
		wantSvcs:   "session -matomo -google-analytics google-ads youtube",
	}} {
		t.Run(tc.name, func(t *testing.T) {
			ch := Choice{Categories: recMap(tc.categories), Services: recMap(tc.services)}
			later := recNow.Add(time.Hour)
			r := NewRecord(p, tc.prev, ch, MethodAPI, "new-id", later)
			assert.Equal(t, recMap(tc.wantCats), r.Categories)
			assert.Equal(t, recMap(tc.wantSvcs), r.Services)
			assert.Equal(t, 4, r.Revision)
			assert.Equal(t, later.UnixMilli(), r.Timestamp)
			assert.Equal(t, MethodAPI, r.Method)
			if tc.prev != nil {
				assert.Equal(t, tc.prev.ID, r.ID, "a later choice keeps the visitor's consent id")
			} else {
				assert.Equal(t, "new-id", r.ID)
			}
		})
	}
}

func TestCheckChoice(t *testing.T) {
	p := recTestPolicy()
	for _, tc := range []struct {
		categories, services string
		want                 string // "" for no error
	}{
		{"statistics -marketing", "youtube -matomo", ""},
		{"necessary", "session", ""},
		{"", "", ""},
		{"stats", "", `unknown category "stats"`},
		{"x statistics", "y", `unknown category "x", unknown service "y"`},
		{"b a", "d c", `unknown category "a", unknown category "b", unknown service "c", unknown service "d"`},
		{"-necessary", "", `category "necessary" is required and cannot be refused`},
		{"", "-session", `service "session" belongs to required category "necessary" and cannot be refused`},
		{"-necessary x", "", `unknown category "x"`},
	} {
		err := p.CheckChoice(Choice{Categories: recMap(tc.categories), Services: recMap(tc.services)})
		if tc.want == "" {
			assert.NoError(t, err, "%q %q", tc.categories, tc.services)
		} else if assert.Error(t, err, "%q %q", tc.categories, tc.services) {
			assert.Contains(t, err.Error(), tc.want)
		}
	}
}

func TestAccepted(t *testing.T) {
	p := recTestPolicy()
	r := recRec(MethodCustom, "necessary statistics", "session matomo youtube")
	for _, tc := range []struct {
		r                 *Record
		category, service string
		want              bool
	}{
		{r, "necessary", "", true},
		{r, "statistics", "", true},
		{r, "marketing", "", false},
		{r, "statistics", "matomo", true},
		{r, "statistics", "google-analytics", false},
		{r, "marketing", "youtube", true},
		{r, "statistics", "youtube", false}, // not its category
		{r, "nope", "", false},
		{r, "statistics", "nope", false},
		{nil, "necessary", "", true},
		{nil, "necessary", "session", true},
		{nil, "statistics", "", false},
		{nil, "statistics", "matomo", false},
	} {
		assert.Equal(t, tc.want, tc.r.Accepted(p, tc.category, tc.service), "%v %q %q", tc.r != nil, tc.category, tc.service)
	}
}

func TestChanged(t *testing.T) {
	all := recRec(MethodAcceptAll, "necessary statistics marketing", "session matomo google-analytics google-ads youtube")
	rej := recRec(MethodRejectAll, "necessary", "session")
	some := recRec(MethodCustom, "necessary statistics", "session matomo youtube")
	for _, tc := range []struct {
		name       string
		old, new   *Record
		cats, svcs []string
	}{
		{"first choice: every accepted id", nil, some, []string{"necessary", "statistics"}, []string{"matomo", "session", "youtube"}},
		{"reset: every id accepted before", some, nil, []string{"necessary", "statistics"}, []string{"matomo", "session", "youtube"}},
		{"nothing", some, some, []string{}, []string{}},
		{"accept all to reject all", all, rej, []string{"marketing", "statistics"},
			[]string{"google-ads", "google-analytics", "matomo", "youtube"}},
		{"some to all", some, all, []string{"marketing"}, []string{"google-ads", "google-analytics"}},
	} {
		cats, svcs := Changed(tc.old, tc.new)
		assert.Equal(t, tc.cats, cats, tc.name)
		assert.Equal(t, tc.svcs, svcs, tc.name)
	}
}

var cookieValueRE = regexp.MustCompile(`^1\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]+\.[arcgp][bs]\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$`)

func TestRecordRoundTrip(t *testing.T) {
	p := recTestPolicy()
	for _, r := range []*Record{
		recRec(MethodAcceptAll, "necessary statistics marketing", "session matomo google-analytics google-ads youtube"),
		recRec(MethodRejectAll, "necessary", "session"),
		recRec(MethodCustom, "necessary statistics", "session matomo youtube"),
		recRec(MethodGPC, "necessary", "session"),
		recRec(MethodAPI, "necessary marketing", "session google-ads"),
	} {
		v := EncodeRecord(p, r)
		assert.Regexp(t, cookieValueRE, v)
		got, err := DecodeRecord(p, v, recNow)
		require.NoError(t, err, v)
		assert.Equal(t, r, got, v)
	}
}

func TestEncodeRecordFormat(t *testing.T) {
	p := recTestPolicy()
	r := recRec(MethodCustom, "necessary statistics", "session matomo")
	r.Timestamp = 1700000000000
	r.Revision = 4
	want := "1.4." + strconv.FormatInt(1700000000000, 36) + ".AAECAwQFBgcICQoLDA0ODw.cb." +
		Tag("necessary") + Tag("statistics") + "." + Tag("session") + Tag("matomo")
	assert.Equal(t, want, EncodeRecord(p, r))
	// An id unfit for a cookie value loses its stray characters.
	r.ID = "a.b c;d"
	assert.Contains(t, EncodeRecord(p, r), ".abcd.cb.")
}

// TestRecordSource: the record says whether the visitor (banner) or the
// site's code (api) made the choice; a cookie written before the source
// was stored (a one-letter method) still decodes, its source inferred.
func TestRecordSource(t *testing.T) {
	p := recTestPolicy()
	r := recRec(MethodAcceptAll, "necessary statistics", "session matomo")
	r.Source = SourceAPI
	v := EncodeRecord(p, r)
	assert.Contains(t, v, ".as.")
	got, err := DecodeRecord(p, v, recNow)
	require.NoError(t, err)
	assert.Equal(t, SourceAPI, got.Source)
	assert.Contains(t, RecordJSON(p, got), `"method":"accept-all","source":"api"`)

	r.Source = SourceBanner
	got, err = DecodeRecord(p, EncodeRecord(p, r), recNow)
	require.NoError(t, err)
	assert.Equal(t, SourceBanner, got.Source)

	for method, source := range map[string]string{MethodAcceptAll: SourceBanner, MethodAPI: SourceAPI} {
		r := recRec(method, "necessary", "session")
		f := strings.Split(EncodeRecord(p, r), ".")
		f[4] = f[4][:1]
		legacy := strings.Join(f, ".")
		got, err := DecodeRecord(p, legacy, recNow)
		require.NoError(t, err, legacy)
		assert.Equal(t, source, got.Source, "the source of an old %s cookie", method)
	}
	f := strings.Split(v, ".")
	f[4] = "ax"
	_, err = DecodeRecord(p, strings.Join(f, "."), recNow)
	assert.Error(t, err, "an unknown source letter")
}

func TestDecodeRecordFailures(t *testing.T) {
	p := recTestPolicy()
	ok := recRec(MethodCustom, "necessary statistics", "session matomo")
	okValue := EncodeRecord(p, ok)
	f := strings.Split(okValue, ".")
	with := func(i int, s string) string {
		g := append([]string(nil), f...)
		g[i] = s
		return strings.Join(g, ".")
	}
	at := func(ts time.Time) string { return with(2, strconv.FormatInt(ts.UnixMilli(), 36)) }
	for _, tc := range []struct {
		name, value, want string
	}{
		{"empty", "", "empty value"},
		{"garbage", "hello world", "not a consent record of version 1"},
		{"older format json", `{"statistics":true}`, "older format"},
		{"older format word", "all", "older format"},
		{"other version", "2." + okValue[2:], `unsupported version "2"`},
		{"bad characters", okValue + "%20", `unexpected character "%"`},
		{"truncated fields", strings.Join(f[:5], "."), "truncated: 5 of 7 fields"},
		{"truncated tag", okValue[:len(okValue)-2], "truncated service list"},
		{"too many fields", okValue + ".x", "8 fields instead of 7"},
		{"bad base36 revision", with(1, "4!"), `unexpected character "!"`},
		{"uppercase base36", with(1, "A"), `bad base36 revision "A"`},
		{"missing timestamp", with(2, ""), "missing timestamp"},
		{"overflowing timestamp", with(2, "zzzzzzzzzzzzz"), "bad base36 timestamp"},
		{"other revision", with(1, "3"), "revision 3 is not the policy's 4"},
		{"expired", at(recNow.Add(-183 * 24 * time.Hour)), "expired"},
		{"in the future", at(recNow.Add(25 * time.Hour)), "more than a day in the future"},
		{"empty id", with(3, ""), "bad consent id"},
		{"long id", with(3, strings.Repeat("a", 65)), "bad consent id"},
		{"unknown method", with(4, "x"), `unknown method "x"`},
		{"long method", with(4, "ac"), `unknown method "ac"`},
		{"unknown category", with(5, f[5]+Tag("stats")), "unknown category id"},
		{"unknown service", with(6, f[6]+Tag("hotjar")), "unknown service id"},
		{"category twice", with(5, f[5]+Tag("statistics")), `category "statistics" is listed twice`},
		{"required category missing", with(5, Tag("statistics")), `required category "necessary" is missing`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := DecodeRecord(p, tc.value, recNow)
			assert.Nil(t, r)
			if assert.Error(t, err) {
				assert.Contains(t, err.Error(), tc.want)
			}
		})
	}
	// The edges of the validity window still decode.
	for _, ts := range []time.Time{recNow.Add(-182 * 24 * time.Hour), recNow.Add(24 * time.Hour)} {
		_, err := DecodeRecord(p, at(ts), recNow)
		assert.NoError(t, err, ts)
	}
	// maxAgeDays of the policy decides expiry.
	short := recTestPolicy()
	short.ConsentCookie.MaxAgeDays = 30
	_, err := DecodeRecord(short, at(recNow.Add(-31*24*time.Hour)), recNow)
	assert.ErrorContains(t, err, "more than 30 days ago")
}

func TestEncodedRecordSize(t *testing.T) {
	p := recTestPolicy()
	for i := range 300 {
		id := "service-" + strings.Repeat("x", 28) + strconv.Itoa(1000+i)
		require.Len(t, id, 40)
		p.Services = append(p.Services, Service{ID: id, Category: []string{"statistics", "marketing"}[i%2]})
	}
	require.NoError(t, p.CheckTags())
	all := NewRecord(p, nil, AcceptAllChoice(p), MethodAcceptAll, NewConsentID(make([]byte, 16)), recNow)
	half := Choice{Categories: map[string]bool{"statistics": true}}
	halfRec := NewRecord(p, nil, half, MethodCustom, NewConsentID(make([]byte, 16)), recNow)
	for name, r := range map[string]*Record{"all accepted": all, "half accepted": halfRec} {
		v := EncodeRecord(p, r)
		set := SetConsentCookie(p, v, true)
		assert.Less(t, len(set), 4096, "%s: %d bytes", name, len(set))
		got, err := DecodeRecord(p, v, recNow)
		require.NoError(t, err, name)
		assert.Equal(t, r, got, name)
	}
}

func TestServicesAddedAfterChoiceAreRefused(t *testing.T) {
	p := recTestPolicy()
	v := EncodeRecord(p, NewRecord(p, nil, AcceptAllChoice(p), MethodAcceptAll, "id", recNow))

	later := recTestPolicy()
	later.Services = append(later.Services[:2:2], append([]Service{
		{ID: "hotjar", Category: "statistics"},
		{ID: "cdn-cache", Category: "necessary"},
	}, later.Services[2:]...)...)
	r, err := DecodeRecord(later, v, recNow)
	require.NoError(t, err)
	assert.False(t, r.Services["hotjar"], "a service added after the choice is refused")
	assert.True(t, r.Services["cdn-cache"], "a service added to a required category is accepted")
	assert.True(t, r.Services["google-analytics"] && r.Services["matomo"] && r.Services["youtube"])
	assert.True(t, r.Categories["statistics"])
}

func TestReorderingKeepsChoices(t *testing.T) {
	p := recTestPolicy()
	r := NewRecord(p, nil, Choice{Services: recMap("google-analytics youtube")}, MethodCustom, "id", recNow)
	v := EncodeRecord(p, r)

	shuffled := recTestPolicy()
	s := shuffled.Services
	shuffled.Services = []Service{s[4], s[2], s[0], s[3], s[1]}
	c := shuffled.Categories
	shuffled.Categories = []Category{c[2], c[0], c[1]}
	got, err := DecodeRecord(shuffled, v, recNow)
	require.NoError(t, err)
	assert.Equal(t, r, got)

	// Removing a refused service keeps every other choice; removing an
	// accepted one makes the value no choice (its tag is unknown).
	fewer := recTestPolicy()
	fewer.Services = append(fewer.Services[:1:1], fewer.Services[2:]...) // drop matomo (refused)
	got, err = DecodeRecord(fewer, v, recNow)
	require.NoError(t, err)
	assert.True(t, got.Services["google-analytics"] && got.Services["youtube"])
	fewer.Services = fewer.Services[:3] // drop youtube (accepted)
	_, err = DecodeRecord(fewer, v, recNow)
	assert.ErrorContains(t, err, "unknown service id")
}

func TestNewConsentID(t *testing.T) {
	for _, b := range [][]byte{
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
		{0xff, 0xfe, 0xfd, 0xfc, 0xfb, 0xfa, 0xf9, 0xf8, 0xf7, 0xf6, 0xf5, 0xf4, 0xf3, 0xf2, 0xf1, 0xf0},
		{0xfb, 0xff},
		{},
	} {
		assert.Equal(t, base64.RawURLEncoding.EncodeToString(b), NewConsentID(b))
	}
	assert.Len(t, NewConsentID(make([]byte, 16)), 22)
	assert.Len(t, NewConsentID(make([]byte, 100)), 64)
}

func TestTagAndCheckTags(t *testing.T) {
	assert.Len(t, Tag("statistics"), 6)
	assert.NotEqual(t, Tag("statistics"), Tag("statistic"))
	assert.Equal(t, Tag("statistics"), Tag("statistics"))
	require.NoError(t, recTestPolicy().CheckTags())

	// Find two ids with the same 36-bit tag (a birthday search over a few
	// hundred thousand ids) and check that CheckTags names them.
	seen := map[string]string{}
	var a, b string
	for i := 0; a == ""; i++ {
		id := "s" + strconv.Itoa(i)
		if other, dup := seen[Tag(id)]; dup {
			a, b = other, id
		}
		seen[Tag(id)] = id
	}
	p := recTestPolicy()
	p.Services = append(p.Services, Service{ID: a, Category: "statistics"}, Service{ID: b, Category: "statistics"})
	err := p.CheckTags()
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), `service ids "`+a+`" and "`+b+`" have the same consent cookie tag`)
	}
	// The same ids as a category and a service do not collide.
	p = recTestPolicy()
	p.Categories = append(p.Categories, Category{ID: a})
	p.Services = append(p.Services, Service{ID: b, Category: a})
	assert.NoError(t, p.CheckTags())
}
