package importer

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/consentwasm/consent/policy"
)

// klaroKind is Klaro's configuration: the object assigned to klaroConfig
// (or to the name the script tag's data-klaro-config gives), or passed to
// klaro.setup, render or show; it has services (apps before Klaro 0.7).
var klaroKind = kind{
	name:  "Klaro",
	cmd:   "klaro",
	where: "klaroConfig = {…}, klaro.setup({…}), or an object with services or apps",
	hooks: []*regexp.Regexp{
		regexp.MustCompile(`klaroConfig\s*=\s*`),
		regexp.MustCompile(`\.\s*(?:setup|render|show)\s*\(`),
	},
	fits: func(o *Object) bool { return asList(o.Get("services")) != nil || asList(o.Get("apps")) != nil },
}

// klaroTexts maps Klaro's translation strings to the policy's text keys.
var klaroTexts = []struct {
	path []string
	key  string
}{
	{[]string{"consentNotice", "title"}, "bannerTitle"},
	{[]string{"consentNotice", "description"}, "bannerText"},
	{[]string{"consentNotice", "learnMore"}, "customize"},
	{[]string{"consentModal", "title"}, "prefsTitle"},
	{[]string{"consentModal", "description"}, "prefsText"},
	{[]string{"acceptAll"}, "acceptAll"},
	{[]string{"decline"}, "rejectAll"},
	{[]string{"save"}, "save"},
	{[]string{"close"}, "close"},
}

// Klaro imports a Klaro configuration (the object assigned to
// klaroConfig).
func Klaro(src []byte) (*Result, error) {
	cfg, err := findConfig(string(src), klaroKind, vccKind)
	if err != nil {
		return nil, err
	}
	var ns notes
	out := &outPolicy{}
	ns.ignored(cfg, "", map[string]string{
		"version": "", "translations": "", "services": "", "apps": "", "lang": "", "languages": "",
		"cookieExpiresAfterDays": "", "cookieDomain": "", "cookiePath": "", "privacyPolicy": "", "purposeOrder": "",
		"cookieName":    "the consent cookie keeps the policy's default name and its own format: visitors are asked once more",
		"storageMethod": "the choice is always kept in a cookie",
		"storageName":   "the consent cookie keeps the policy's default name",
		"styling":       "the look is the policy's layout and theme and consent.css; not imported",
		"default":       "consent before a choice has no equivalent: optional services wait for the visitor's consent",
		"mustConsent":   "the banner is always shown until a choice",
		"acceptAll":     "", "hideDeclineAll": "the banner always offers Reject all, as prominent as Accept all",
		"hideLearnMore": "", "noticeAsModal": "the policy's layout \"center\" shows the banner as a dialog",
		"htmlTexts": "texts are shown as plain text; markup was removed",
		"elementID": "", "embedded": "", "groupByPurpose": "", "autoFocus": "", "showNoticeTitle": "",
		"showDescriptionEmptyStore": "", "noAutoLoad": "", "disablePoweredBy": "", "additionalClass": "",
		"callback": "callbacks are not run: listen to consent:change",
		"testing":  "",
	})
	if v := cfg.Get("version"); v != nil {
		if n, ok := asInt(v); ok {
			out.Revision = n
			ns.add("version", "became the policy's revision %d: raising it asks every visitor again", n)
		}
	}
	cc := &outConsentCookie{MaxAgeDays: maxAge(cfg.Get("cookieExpiresAfterDays"), "cookieExpiresAfterDays", &ns)}
	if d := asString(cfg.Get("cookieDomain")); d != "" && policy.ValidDomain(d) {
		cc.Domain = d
	}
	if p := asString(cfg.Get("cookiePath")); p != "" && policy.ValidCookiePath(p) {
		cc.Path = p
	}
	if *cc != (outConsentCookie{}) {
		out.ConsentCookie = cc
	}

	// Languages: klaroConfig.lang (else English, else the first), then
	// the other translations; "zz" holds the fallback for every language.
	trans := asObject(cfg.Get("translations"))
	var codes []string
	if l := asString(cfg.Get("lang")); l != "" {
		codes = append(codes, l)
	}
	var transCodes []string
	for _, k := range keysOf(trans) {
		if k != "zz" {
			transCodes = append(transCodes, k)
		}
	}
	if len(codes) == 0 {
		for _, k := range transCodes {
			if k == "en" {
				codes = append(codes, k)
			}
		}
	}
	codes = append(codes, transCodes...)
	langs := validLanguages(codes, &ns, "translations")
	if len(langs) == 0 {
		langs = []string{"en"}
	}
	out.Languages = langs
	zz := asObject(trans.Get("zz"))
	tr := func(lang string, path ...string) any {
		for _, o := range []*Object{asObject(trans.Get(lang)), zz} {
			v := any(o)
			for _, k := range path {
				v = asObject(v).Get(k)
			}
			if v != nil {
				return v
			}
		}
		return nil
	}
	for _, l := range langs {
		for _, m := range klaroTexts {
			if s := plain(asString(tr(l, m.path...))); s != "" {
				if out.Texts == nil {
					out.Texts = map[string]map[string]string{}
				}
				if out.Texts[l] == nil {
					out.Texts[l] = map[string]string{}
				}
				out.Texts[l][m.key] = s
			}
		}
	}
	// policyUrl: privacyPolicy (a string or one per language), or the
	// translations' privacyPolicyUrl, in the default language.
	pp := cfg.Get("privacyPolicy")
	if o := asObject(pp); o != nil {
		pp = o.Get(langs[0])
		if pp == nil {
			pp = o.Get("default")
		}
	}
	url := asString(pp)
	if url == "" {
		url = asString(tr(langs[0], "privacyPolicyUrl"))
	}
	if url != "" {
		out.PolicyURL = url
	}

	services := asList(cfg.Get("services"))
	if services == nil {
		services = asList(cfg.Get("apps")) // Klaro before 0.7
	}
	// Categories are the purposes, in purposeOrder and then in order of use.
	var purposes []string
	for _, p := range asList(cfg.Get("purposeOrder")) {
		if s := asString(p); s != "" {
			purposes = append(purposes, s)
		}
	}
	anyRequired := false
	for _, sv := range services {
		s := asObject(sv)
		if asBool(s.Get("required")) {
			anyRequired = true
			continue
		}
		if ps := asList(s.Get("purposes")); len(ps) > 0 {
			purposes = append(purposes, asString(ps[0]))
		}
	}
	purposes = dedupe(purposes)
	catIDs, svcIDs := map[string]bool{}, map[string]bool{}
	catOf := map[string]string{}
	necessary := ""
	if anyRequired {
		necessary = uniqueID("necessary", catIDs)
		out.Categories = append(out.Categories, outCategory{ID: necessary, Required: true, Label: "Necessary",
			GoogleConsentMode: []string{"functionality_storage", "security_storage"}})
		ns.add("services", "the required services are in the category %q (the policy requires categories, not services)", necessary)
	}
	for _, p := range purposes {
		if p == "" {
			continue
		}
		id := uniqueID(toID(p), catIDs)
		catOf[p] = id
		label, desc := text{}, text{}
		for _, l := range langs {
			switch v := tr(l, "purposes", p).(type) {
			case string:
				label.set(l, v)
			case *Object:
				label.set(l, asString(v.Get("title")))
				desc.set(l, asString(v.Get("description")))
			}
		}
		oc := outCategory{ID: id, Label: label.value(langs), Description: desc.value(langs), GoogleConsentMode: consentModeFor(id, false)}
		if oc.Label == nil {
			oc.Label = title(p)
		}
		if oc.GoogleConsentMode != nil {
			ns.add("purposes."+p, "Google Consent Mode types %v guessed from the name: check them", oc.GoogleConsentMode)
		}
		out.Categories = append(out.Categories, oc)
	}
	if !anyRequired {
		necessary = uniqueID("necessary", catIDs)
		out.Categories = append([]outCategory{{ID: necessary, Required: true, Label: "Necessary",
			GoogleConsentMode: []string{"functionality_storage", "security_storage"}}}, out.Categories...)
		ns.add("services", "no service is required; a required \"necessary\" category was added (the policy needs one)")
	}

	for i, sv := range services {
		where := "services." + strconv.Itoa(i)
		s := asObject(sv)
		if s == nil {
			ns.add(where, "is not an object; not imported")
			continue
		}
		name := asString(s.Get("name"))
		if name == "" {
			ns.add(where, "has no name; not imported")
			continue
		}
		where = "services." + name
		svc := outService{ID: uniqueID(toID(name), svcIDs), Provider: name}
		ps := asList(s.Get("purposes"))
		switch {
		case asBool(s.Get("required")):
			svc.Category = necessary
		case len(ps) > 0:
			svc.Category = catOf[asString(ps[0])]
			if len(ps) > 1 {
				ns.add(where+".purposes", "a service has one category in the policy: %q (not the others)", svc.Category)
			}
		default:
			svc.Category = uniqueIDFor("other", catIDs, out)
			ns.add(where, "has no purpose; put in the category %q", svc.Category)
		}
		label, purpose := text{}, text{}
		for _, l := range langs {
			label.set(l, asString(s.Get("title")))
			purpose.set(l, asString(s.Get("description")))
			if t := asString(tr(l, name, "title")); t != "" {
				label.set(l, t)
			}
			if d := asString(tr(l, name, "description")); d != "" {
				purpose.set(l, d)
			}
		}
		svc.Label, svc.Purpose = label.value(langs), purpose.value(langs)
		if t := plain(asString(s.Get("title"))); t != "" {
			svc.Provider = t
		}
		ns.ignored(s, where, map[string]string{"name": "", "title": "", "description": "", "purposes": "", "cookies": "", "required": "", "translations": "",
			"default":               "consent before a choice has no equivalent",
			"optOut":                "opt-out has no equivalent: the service waits for consent",
			"onlyOnce":              "",
			"callback":              "callbacks are not run: gate the service's scripts with type=\"text/plain\" data-category=\"…\" data-service=\"…\"",
			"onAccept":              "callbacks are not run: gate the service's scripts with type=\"text/plain\" data-category=\"…\" data-service=\"…\"",
			"onDecline":             "callbacks are not run",
			"onInit":                "callbacks are not run",
			"contextualConsentOnly": "blocked embeds always show a placeholder to accept them in place",
			"vars":                  "",
		})
		for j, cv := range asList(s.Get("cookies")) {
			cw := where + ".cookies." + strconv.Itoa(j)
			path, domain := "", ""
			if l := asList(cv); l != nil { // [name or regexp, path, domain]
				if len(l) == 0 {
					continue
				}
				cv = l[0]
				if len(l) > 1 {
					path = asString(l[1])
				}
				if len(l) > 2 {
					domain = asString(l[2])
				}
			} else if o := asObject(cv); o != nil { // {pattern, path, domain}
				cv, path, domain = o.Get("pattern"), asString(o.Get("path")), asString(o.Get("domain"))
			}
			if str, ok := cv.(string); ok && strings.HasPrefix(str, "^") {
				cv = RegExp{Source: str} // Klaro takes a string starting with ^ as a regular expression
			}
			c, ok := cookieEntry(cv, cw, &ns)
			if !ok {
				continue
			}
			cookieAttrs(&c, path, domain, cw, &ns)
			addCookie(&svc, c)
		}
		out.Services = append(out.Services, svc)
	}
	ns.code(cfg, "")
	return finish(out, ns)
}

// uniqueIDFor returns the id of a catch-all category, adding it once.
func uniqueIDFor(id string, taken map[string]bool, out *outPolicy) string {
	for _, c := range out.Categories {
		if c.ID == id {
			return id
		}
	}
	id = uniqueID(id, taken)
	out.Categories = append(out.Categories, outCategory{ID: id, Label: title(id)})
	return id
}
