package policy

// The one list of gated tags (docs/api.md#gated-content) and the rules of what counts as
// a gate and how the page opens and shuts each: the bridge scans with
// GateScanSelector, loader.js watches with GateWatchSelector (handed over
// when Go attaches) and carries out GateOpening, so no tag is named in JS.

// gateTags are the elements that wait for consent with data-category.
var gateTags = [...]string{"script", "iframe", "img", "video", "audio", "embed", "source", "object"}

// Gate kinds: how the page opens and shuts an element (GateOpening).
const (
	// GateKindScript runs once, as a copy of the text/plain script.
	GateKindScript = "script"
	// GateKindFrame holds a document of its own (iframe, object, embed):
	// it opens and shuts as a copy put in its place, so that neither adds
	// a history entry.
	GateKindFrame = "frame"
	// GateKindMedia gets its source attribute set and removed.
	GateKindMedia = "media"
	// GateKindSource is a <source>: as media, then its parent reloads.
	GateKindSource = "source"
)

// placeholderTag reports whether a shut embed of this tag shows a
// placeholder in its place (a box naming the service with a button that
// accepts it there): frames, video and audio. Images and sources get
// none: they have no room of their own to show one.
func placeholderTag(tag string) bool {
	return GateOpening(tag) == GateKindFrame || tag == "video" || tag == "audio"
}

// GateScanSelector finds the page's gated elements; scripts that ran
// (data-consent-state=live) are left out: they cannot be un-run.
func GateScanSelector() string {
	s := ""
	for i, t := range gateTags {
		if i > 0 {
			s += ","
		}
		s += t + "[data-category]"
		if t == "script" {
			s += ":not([data-consent-state=live])"
		}
	}
	return s
}

// GateWatchSelector is what makes an added node worth a new scan: a gated
// element or a declaration.
func GateWatchSelector() string {
	s := ""
	for _, t := range gateTags {
		s += t + "[data-category],"
	}
	return s + "[data-consent-declaration]"
}

// IsGate reports whether an element found by GateScanSelector is a gate:
// a script only while its type is text/plain (one whose type changed was
// not written for us, or was activated by someone else: it is left alone).
func IsGate(tag, typ string) bool {
	if tag != "script" {
		return GateOpening(tag) != ""
	}
	return lowerASCII(trimSpace(typ)) == "text/plain"
}

// GateOpening returns how the page opens and shuts a gated element of tag:
// a Gate kind, "" for a tag that is no gate.
func GateOpening(tag string) string {
	switch tag {
	case "script":
		return GateKindScript
	case "iframe", "object", "embed":
		return GateKindFrame
	case "img", "video", "audio":
		return GateKindMedia
	case "source":
		return GateKindSource
	}
	return ""
}

// GateSourceAttr is the attribute that holds a gated element's source:
// "data" for an <object>, "" for a script, else "src".
func GateSourceAttr(tag string) string {
	switch tag {
	case "script":
		return ""
	case "object":
		return "data"
	}
	return "src"
}

func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func trimSpace(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t' || s[len(s)-1] == '\n') {
		s = s[:len(s)-1]
	}
	return s
}
