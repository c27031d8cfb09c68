package policy

// Sources of a choice (Record.Source), as consent.get() and the proof of
// consent report them.
const (
	// SourceBanner: the visitor, in the project's own banner, dialog or
	// placeholder (and a GPC refusal, the visitor's browser's signal).
	SourceBanner = "banner"
	// SourceAPI: the site's code, through window.consent.
	SourceAPI = "api"
)

// InferSource is the source of a record stored before the source was
// recorded: consent.set() (MethodAPI) was the site's code, anything else
// is taken as the visitor's.
func InferSource(method string) string {
	if method == MethodAPI {
		return SourceAPI
	}
	return SourceBanner
}

// recordSource is r's source, inferred when it has none.
func recordSource(r *Record) string {
	if r.Source == SourceBanner || r.Source == SourceAPI {
		return r.Source
	}
	return InferSource(r.Method)
}
