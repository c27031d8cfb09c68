package importer

import (
	"regexp"
	"strconv"

	"github.com/consentwasm/consent/policy"
)

// vccKind is vanilla-cookieconsent v3's configuration: the object passed
// to CookieConsent.run(…), which always has categories.
var vccKind = kind{
	name:  "vanilla-cookieconsent v3",
	cmd:   "vcc",
	where: "CookieConsent.run({…}), or an object with categories",
	hooks: []*regexp.Regexp{
		regexp.MustCompile(`CookieConsent\s*\.\s*run\s*\(`),
		regexp.MustCompile(`\.\s*run\s*\(`),
	},
	fits: func(o *Object) bool { return asObject(o.Get("categories")) != nil },
}

// vccTexts maps vanilla-cookieconsent's modal strings to the policy's
// text keys (texts.Keys).
var vccTexts = []struct{ modal, key, text string }{
	{"consentModal", "title", "bannerTitle"},
	{"consentModal", "description", "bannerText"},
	{"consentModal", "acceptAllBtn", "acceptAll"},
	{"consentModal", "acceptNecessaryBtn", "rejectAll"},
	{"consentModal", "showPreferencesBtn", "customize"},
	{"preferencesModal", "title", "prefsTitle"},
	{"preferencesModal", "savePreferencesBtn", "save"},
	{"preferencesModal", "closeIconLabel", "close"},
}

// VCC imports a vanilla-cookieconsent v3 configuration (the object passed
// to CookieConsent.run).
func VCC(src []byte) (*Result, error) {
	cfg, err := findConfig(string(src), vccKind, klaroKind)
	if err != nil {
		return nil, err
	}
	var ns notes
	out := &outPolicy{}
	ns.ignored(cfg, "", map[string]string{
		"revision": "", "categories": "", "language": "", "cookie": "",
		"mode":             "",
		"guiOptions":       "the look is the policy's layout and theme and consent.css; not imported",
		"onFirstConsent":   "callbacks are not run: gate scripts with type=\"text/plain\" data-category=\"…\", or listen to consent:change",
		"onConsent":        "callbacks are not run: gate scripts with type=\"text/plain\" data-category=\"…\", or listen to consent:change",
		"onChange":         "callbacks are not run: gate scripts with type=\"text/plain\" data-category=\"…\", or listen to consent:change",
		"onModalShow":      "callbacks are not run",
		"onModalHide":      "callbacks are not run",
		"onModalReady":     "callbacks are not run",
		"autoClearCookies": "", "manageScriptTags": "", "autoShow": "", "root": "", "hideFromBots": "",
		"disablePageInteraction": "", "lazyHtmlGeneration": "",
	})
	if asString(cfg.Get("mode")) == "opt-out" {
		ns.add("mode", "opt-out has no equivalent: every optional category waits for the visitor's consent")
	}
	if r := cfg.Get("revision"); r != nil {
		if n, ok := asInt(r); ok {
			out.Revision = n
		} else {
			ns.add("revision", "not a whole number ≥ 0; left at 0")
		}
	}
	vccCookie(asObject(cfg.Get("cookie")), out, &ns)

	// Languages: the default first, then the other translations.
	lang := asObject(cfg.Get("language"))
	def := asString(lang.Get("default"))
	trans := asObject(lang.Get("translations"))
	codes := []string{}
	if def != "" {
		codes = append(codes, def)
	}
	if trans != nil {
		codes = append(codes, trans.Keys...)
	}
	langs := validLanguages(codes, &ns, "language.translations")
	if len(langs) == 0 {
		langs = []string{"en"}
	}
	out.Languages = langs
	if rtl := lang.Get("rtl"); rtl != nil {
		ns.add("language.rtl", "the writing direction follows each language; not imported")
	}
	if lang.Get("autoDetect") != nil {
		ns.add("language.autoDetect", "the language is chosen from the page's lang and the browser's languages anyway")
	}
	// sections[category] are the preferences' texts for a category.
	labels, descs := map[string]text{}, map[string]text{}
	tables := map[string][]*Object{}
	for _, l := range langs {
		var tr *Object
		switch v := trans.Get(l).(type) {
		case *Object:
			tr = v
		case string:
			ns.add("language.translations."+l, "is loaded from %q at run time; import that JSON file's texts by hand", v)
			continue
		case Code:
			ns.add("language.translations."+l, "is code, which is not run; not imported")
			continue
		default:
			continue
		}
		for _, m := range vccTexts {
			if s := asString(asObject(tr.Get(m.modal)).Get(m.key)); s != "" {
				if s = plain(s); s != "" {
					if out.Texts == nil {
						out.Texts = map[string]map[string]string{}
					}
					if out.Texts[l] == nil {
						out.Texts[l] = map[string]string{}
					}
					out.Texts[l][m.text] = s
				}
			}
		}
		for i, sv := range asList(asObject(tr.Get("preferencesModal")).Get("sections")) {
			sec := asObject(sv)
			cat := asString(sec.Get("linkedCategory"))
			if cat == "" {
				if i == 0 {
					if s := plain(asString(sec.Get("description"))); s != "" {
						if out.Texts == nil {
							out.Texts = map[string]map[string]string{}
						}
						if out.Texts[l] == nil {
							out.Texts[l] = map[string]string{}
						}
						out.Texts[l]["prefsText"] = s
					}
				}
				continue
			}
			if labels[cat] == nil {
				labels[cat], descs[cat] = text{}, text{}
			}
			labels[cat].set(l, asString(sec.Get("title")))
			descs[cat].set(l, asString(sec.Get("description")))
			if t := asObject(sec.Get("cookieTable")); t != nil && l == langs[0] {
				for _, row := range asList(t.Get("body")) {
					if r := asObject(row); r != nil {
						tables[cat] = append(tables[cat], r)
					}
				}
			}
		}
	}

	cats := asObject(cfg.Get("categories"))
	if cats == nil || len(cats.Keys) == 0 {
		ns.add("categories", "no categories; the policy has only a necessary one")
	}
	catIDs, svcIDs := map[string]bool{}, map[string]bool{}
	anyRequired := false
	for _, key := range keysOf(cats) {
		where := "categories." + key
		c := asObject(cats.Get(key))
		id := uniqueID(toID(key), catIDs)
		required := asBool(c.Get("readOnly"))
		anyRequired = anyRequired || required
		oc := outCategory{ID: id, Required: required, Label: labels[key].value(langs), Description: descs[key].value(langs)}
		if oc.Label == nil {
			oc.Label = title(key)
		}
		oc.GoogleConsentMode = consentModeFor(id, required)
		if oc.GoogleConsentMode != nil {
			ns.add(where, "Google Consent Mode types %v guessed from the name: check them", oc.GoogleConsentMode)
		}
		if asBool(c.Get("enabled")) && !required {
			ns.add(where+".enabled", "enabled before a choice has no equivalent: an optional category waits for the visitor's consent")
		}
		ns.ignored(c, where, map[string]string{"readOnly": "", "enabled": "", "services": "", "autoClear": ""})
		out.Categories = append(out.Categories, oc)

		ac := asObject(c.Get("autoClear"))
		ns.ignored(ac, where+".autoClear", map[string]string{"cookies": "", "reloadPage": "the policy's reloadOnWithdraw reloads on a withdrawal; set it if needed"})
		svcs := asObject(c.Get("services"))
		for _, sk := range keysOf(svcs) {
			sw := where + ".services." + sk
			s := asObject(svcs.Get(sk))
			label := plain(asString(s.Get("label")))
			svc := outService{ID: uniqueID(toID(sk), svcIDs), Category: id, Provider: sk}
			if label != "" {
				svc.Provider, svc.Label = label, label
			}
			ns.ignored(s, sw, map[string]string{"label": "", "cookies": "",
				"onAccept": "callbacks are not run: gate the service's scripts with type=\"text/plain\" data-category=\"…\" data-service=\"…\"",
				"onReject": "callbacks are not run"})
			for j, cv := range asList(s.Get("cookies")) {
				addVCCCookie(&svc, cv, join(sw, "cookies")+"."+strconv.Itoa(j), &ns)
			}
			out.Services = append(out.Services, svc)
		}
		// The category's own cookies to clear make one service.
		if list := asList(ac.Get("cookies")); len(list) > 0 {
			svc := outService{ID: uniqueID(id+"-cookies", svcIDs), Category: id, Provider: "unknown", Label: oc.Label}
			ns.add(where+".autoClear", "its cookies make the service %q, whose provider the configuration does not say: fill it in", svc.ID)
			for j, cv := range list {
				addVCCCookie(&svc, cv, where+".autoClear.cookies."+strconv.Itoa(j), &ns)
			}
			describeFromTable(&svc, tables[key])
			out.Services = append(out.Services, svc)
		}
	}
	if !anyRequired {
		out.Categories = append([]outCategory{{ID: uniqueID("necessary", catIDs), Required: true, Label: "Necessary",
			GoogleConsentMode: []string{"functionality_storage", "security_storage"}}}, out.Categories...)
		ns.add("categories", "no category is readOnly; a required \"necessary\" category was added (the policy needs one)")
	}
	ns.code(cfg, "")
	return finish(out, ns)
}

// vccCookie maps the cookie options to the policy's consentCookie.
func vccCookie(c *Object, out *outPolicy, ns *notes) {
	if c == nil {
		return
	}
	cc := &outConsentCookie{}
	ns.ignored(c, "cookie", map[string]string{
		"name":   "the consent cookie keeps the policy's default name and its own format: visitors are asked once more",
		"domain": "", "path": "", "sameSite": "", "expiresAfterDays": "",
		"secure":          "the consent cookie is Secure on https pages",
		"useLocalStorage": "the choice is always kept in a cookie",
	})
	if d := asString(c.Get("domain")); d != "" {
		if policy.ValidDomain(d) {
			cc.Domain = d
		} else {
			ns.add("cookie.domain", "%q is not a host name; left out", d)
		}
	}
	if p := asString(c.Get("path")); p != "" && policy.ValidCookiePath(p) {
		cc.Path = p
	}
	if s := asString(c.Get("sameSite")); s != "" {
		cc.SameSite = s
	}
	cc.MaxAgeDays = maxAge(c.Get("expiresAfterDays"), "cookie.expiresAfterDays", ns)
	if *cc != (outConsentCookie{}) {
		out.ConsentCookie = cc
	}
}

// maxAge converts a number of days, at most policy.MaxMaxAgeDays.
func maxAge(v any, where string, ns *notes) int {
	switch x := v.(type) {
	case nil:
		return 0
	case float64:
		n := int(x)
		if n < 1 {
			ns.add(where, "not a number of days ≥ 1; left at the default")
			return 0
		}
		if n > policy.MaxMaxAgeDays {
			ns.add(where, "%d days is longer than the policy allows; %d", n, policy.MaxMaxAgeDays)
			n = policy.MaxMaxAgeDays
		}
		return n
	default:
		ns.add(where, "is not a number (a function of the choice has no equivalent); left at the default")
		return 0
	}
}

// addVCCCookie adds {name, path, domain} to a service, once.
func addVCCCookie(s *outService, v any, where string, ns *notes) {
	o := asObject(v)
	if o == nil {
		ns.add(where, "is not a {name, path, domain} object; not imported")
		return
	}
	c, ok := cookieEntry(o.Get("name"), where+".name", ns)
	if !ok {
		return
	}
	cookieAttrs(&c, asString(o.Get("path")), asString(o.Get("domain")), where, ns)
	addCookie(s, c)
}

// addCookie adds c unless the service has it already.
func addCookie(s *outService, c outCookie) {
	for _, have := range s.Cookies {
		if have.Name == c.Name && have.Pattern == c.Pattern {
			return
		}
	}
	s.Cookies = append(s.Cookies, c)
}

// describeFromTable takes purposes and durations from a section's
// cookieTable rows whose first column names a cookie of the service.
func describeFromTable(s *outService, rows []*Object) {
	for _, r := range rows {
		if len(r.Keys) == 0 {
			continue
		}
		name := plain(asString(r.Get(r.Keys[0])))
		for i := range s.Cookies {
			c := &s.Cookies[i]
			if c.Name != name && c.Pattern != name {
				continue
			}
			for _, k := range r.Keys[1:] {
				v := plain(asString(r.Get(k)))
				if v == "" {
					continue
				}
				switch k {
				case "description", "desc", "purpose":
					c.Purpose = v
				case "expiration", "duration", "expires", "exp":
					c.Duration = v
				}
			}
		}
	}
}

// keysOf returns an object's keys in their order of appearance.
func keysOf(o *Object) []string {
	if o == nil {
		return nil
	}
	return o.Keys
}
