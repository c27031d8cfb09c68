package policy

import "github.com/consentwasm/consent/policy/texts"

// UITexts returns every key of texts.Keys resolved for lang: the policy's
// override in lang (or in its base language, "de" for "de-AT"), the
// built-in string in lang (or its base language), the policy's override and
// the built-in string in the policy's default language, and finally the
// built-in English string (see texts.Resolve). p may be nil.
func UITexts(p *Policy, lang string) map[string]string {
	if p == nil {
		return texts.Resolve(nil, "en", lang)
	}
	return texts.Resolve(p.Texts, p.DefaultLanguage(), lang)
}

// LanguageSignals are what a page tells about the visitor's language, each
// empty when unknown.
type LanguageSignals struct {
	// Explicit is a language chosen through consent.setLanguage.
	Explicit string
	// Cookie is the value of the policy's languageCookie.
	Cookie string
	// Page is the lang attribute of the page's <html> element.
	Page string
	// Browser lists the browser's preferred languages, best first.
	Browser []string
}

// ChooseLanguage returns the policy language to show: the first signal, in
// the order explicit choice, language cookie, page language, browser
// languages, that names one of the policy's languages, else the policy's
// default language. Languages match case-insensitively, "_" and "-" alike,
// exactly first and then by base language ("de-DE" selects "de", "pt"
// selects "pt-BR"). The result is always spelled as in p.Languages ("en"
// when the policy lists none).
func ChooseLanguage(p *Policy, s LanguageSignals) string {
	if p == nil || len(p.Languages) == 0 {
		return "en"
	}
	candidates := append([]string{s.Explicit, s.Cookie, s.Page}, s.Browser...)
	for _, c := range candidates {
		if l, ok := texts.Match(p.Languages, c); ok {
			return l
		}
	}
	return p.Languages[0]
}
