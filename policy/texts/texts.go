// Package texts holds the UI strings of the banner, the dialog, the
// declaration and the placeholder in 34 built-in languages, and the rules
// that match a language tag to a table (base language, aliases, writing
// direction). It knows nothing of policies: the policy package passes its
// overrides in.
package texts

import "strings"

// Keys lists the UI strings every view carries, in a fixed order: the
// banner, the preferences dialog, the declaration table, the placeholder of
// blocked content and the switches. The built-in tables and the policy's
// "texts" overrides use these keys.
var Keys = []string{
	"bannerTitle", "bannerText", "acceptAll", "rejectAll", "customize", "save", "close", "policyLink",
	"prefsTitle", "prefsText", "alwaysOn", "showServices", "hideServices",
	"colService", "colProvider", "colFunction", "colCookies",
	"colPurpose", "colDuration", "colChoice", "accepted", "refused",
	"placeholderText",
	"placeholderButton",
	"storeFailed",
	"switchOn", "switchOff",
	"reopen", "noChoice",
	"partly", "noCookies", "noDuration",
}

// numKeys is len(Keys): the number of lines of a built-in table.
const numKeys = 32

// builtinTexts is one language's built-in strings: one line per key, in
// Keys order, kept as a single string to stay small in the wasm.
type builtinTexts struct {
	lang  string
	texts string
}

// languageAliases maps language codes to the built-in table that serves them.
var languageAliases = [...][2]string{{"nb", "no"}, {"nn", "no"}, {"iw", "he"}}

// rtlLanguages are the base languages written right to left.
var rtlLanguages = [...]string{"ar", "he", "iw", "fa", "ur", "yi", "ps", "dv", "ckb", "sd", "ug"}

// Languages returns the languages that have built-in UI strings, in
// the order of the built-in table (English first).
func Languages() []string {
	out := make([]string, len(builtins))
	for i := range builtins {
		out[i] = builtins[i].lang
	}
	return out
}

// Dir returns the writing direction of a language: "rtl" for Arabic,
// Hebrew, Persian, Urdu and the other right-to-left scripts' languages,
// else "ltr".
func Dir(lang string) string {
	b := baseLanguage(normalizeLanguage(lang))
	for _, r := range rtlLanguages {
		if b == r {
			return "rtl"
		}
	}
	return "ltr"
}

// AnyLanguage is the key of an override table that applies in every
// language.
const AnyLanguage = "*"

// Resolve returns every key of Keys resolved for lang. A key is taken, in
// this order, from overrides in lang (or in its base language, "de" for
// "de-AT"), the built-in string in lang (or its base language), overrides
// in AnyLanguage, the override and the built-in string in def, and finally
// the built-in English string. An empty lang means def.
func Resolve(overrides map[string]map[string]string, def, lang string) map[string]string {
	lang = normalizeLanguage(lang)
	if lang == "" {
		lang = normalizeLanguage(def)
	}
	// sources in order of precedence: an override table or a built-in one.
	type source struct {
		override map[string]string
		builtin  []string
	}
	var sources []source
	for _, l := range []string{lang, normalizeLanguage(def)} {
		if o := overrideTable(overrides, l); o != nil {
			sources = append(sources, source{override: o})
		}
		if o := overrides[AnyLanguage]; o != nil && l == lang {
			sources = append(sources, source{override: o})
		}
		if b := builtinTable(l); b != nil {
			sources = append(sources, source{builtin: b.lines()})
		}
	}
	sources = append(sources, source{builtin: builtinTable("en").lines()})
	out := make(map[string]string, len(Keys))
	for i, key := range Keys {
		s := ""
		for _, src := range sources {
			if src.override != nil {
				s = src.override[key]
			} else if i < len(src.builtin) {
				s = src.builtin[i]
			}
			if s != "" {
				break
			}
		}
		out[key] = s
	}
	return out
}

// Match returns the language of langs that tag selects: an exact
// match ignoring case and "_"/"-", else the language equal to tag's base
// language, else the first language with the same base ("pt" selects
// "pt-BR"). It reports false when tag selects none of them.
func Match(langs []string, tag string) (string, bool) {
	t := normalizeLanguage(strings.Trim(tag, `"' `))
	if t == "" {
		return "", false
	}
	for _, l := range langs {
		if normalizeLanguage(l) == t {
			return l, true
		}
	}
	b := baseLanguage(t)
	for _, l := range langs {
		if normalizeLanguage(l) == b {
			return l, true
		}
	}
	for _, l := range langs {
		if baseLanguage(normalizeLanguage(l)) == b {
			return l, true
		}
	}
	return "", false
}

// normalizeLanguage lowercases a language tag and spells its separators "-".
func normalizeLanguage(tag string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(tag)), "_", "-")
}

// baseLanguage returns the primary subtag of a normalized tag.
func baseLanguage(tag string) string {
	if i := strings.IndexByte(tag, '-'); i >= 0 {
		return tag[:i]
	}
	return tag
}

// overrideTable returns the policy's overrides for a normalized language,
// matched exactly and then by base language, or nil.
func overrideTable(overrides map[string]map[string]string, lang string) map[string]string {
	if len(overrides) == 0 {
		return nil
	}
	if o, ok := overrides[lang]; ok {
		return o
	}
	var base map[string]string
	for l, o := range overrides {
		switch n := normalizeLanguage(l); n {
		case lang:
			return o
		case baseLanguage(lang):
			base = o
		}
	}
	return base
}

// builtinTable returns the built-in strings for a normalized language,
// matched exactly, through an alias, or by base language; nil when there
// are none.
func builtinTable(lang string) *builtinTexts {
	for _, try := range [2]string{lang, baseLanguage(lang)} {
		for _, a := range languageAliases {
			if try == a[0] {
				try = a[1]
			}
		}
		for i := range builtins {
			if builtins[i].lang == try {
				return &builtins[i]
			}
		}
	}
	return nil
}

// lines returns the strings of a built-in table, in Keys order.
func (b *builtinTexts) lines() []string {
	return strings.Split(b.texts, "\n")
}
