package policy

import (
	"encoding/json"
	"testing"
)

// TestViewSendsDisabled: the dialog's view says which switches cannot
// move (Switch.Disabled): a required category and its services, nothing
// else; ui.js draws it instead of deriving it from "required".
func TestViewSendsDisabled(t *testing.T) {
	p := mustParse(t, choicePolicy)
	var v struct {
		Categories []struct {
			ID       string
			Disabled *bool
			Services []struct {
				ID       string
				Disabled *bool
			}
		}
	}
	if err := json.Unmarshal([]byte(ViewJSON(p, ViewPreferences, "en", nil, "")), &v); err != nil {
		t.Fatal(err)
	}
	for _, c := range v.Categories {
		want := c.ID == "necessary"
		if c.Disabled == nil || *c.Disabled != want {
			t.Errorf("category %s: disabled %v, want %v", c.ID, c.Disabled, want)
		}
		for _, s := range c.Services {
			if s.Disabled == nil || *s.Disabled != want {
				t.Errorf("service %s: disabled %v, want %v", s.ID, s.Disabled, want)
			}
		}
	}
}
