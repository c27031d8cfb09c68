package policy

// DeclarationChoice returns what the cookie declaration says of the
// visitor's choice for category c (s nil) or for its service s, in the
// texts of one language: "Always on" for a required category, "No choice
// yet" for an optional one before any choice, else "Allowed" or
// "Refused". For a service it is "" unless it differs from its category's
// (a service allowed in a refused category, or the other way round).
func DeclarationChoice(texts map[string]string, c *Category, s *Service, r *Record) string {
	switch {
	case s != nil && (c.Required || r == nil || r.Services[s.ID] == r.Categories[c.ID]):
		return ""
	case s != nil:
		return acceptedText(texts, r.Services[s.ID])
	case c.Required:
		if t := texts["alwaysOn"]; t != "" {
			return t
		}
		return texts["accepted"]
	case r == nil:
		return texts["noChoice"]
	}
	return acceptedText(texts, r.Categories[c.ID])
}

func acceptedText(texts map[string]string, on bool) string {
	if on {
		return texts["accepted"]
	}
	return texts["refused"]
}
