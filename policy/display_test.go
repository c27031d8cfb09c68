package policy

import "testing"

func TestDisplayName(t *testing.T) {
	cases := []struct{ name, pattern, want string }{
		{"sessionid", "", "sessionid"},
		{"", `_pk_id\..*`, "_pk_id.*"},
		{"", `_pk_ses\..+`, "_pk_ses.*"},
		{"", `_ga_.*`, "_ga_*"},
		{"", `_hj.*\.session`, "_hj*.session"},
		{"", `_ga_[A-Z0-9]+`, `_ga_[A-Z0-9]+`},
		{"", `(_ga|_gid)`, `(_ga|_gid)`},
		{"", `_pk_id\d+`, `_pk_id\d+`},
		{"", `a.b`, `a.b`},
		{"", `ab*`, `ab*`},
		// Anchors: a pattern matches the whole name anyway.
		{"", `^_ga_.*$`, "_ga_*"},
		{"", `^_ga_.*`, "_ga_*"},
		{"", `_ga_.*$`, "_ga_*"},
		{"", `^sid$`, "sid"},
		{"", `price\$`, `price$`},
		{"", `^_ga_.*\$`, `_ga_*$`},
		{"", `a\\$`, `a\`},
		{"", `^`, `^`},
		{"", `^$`, `^$`},
		{"", `a^b`, `a^b`},
		{"", `a$b`, `a$b`},
	}
	for _, c := range cases {
		ck := Cookie{Name: c.name, Pattern: c.pattern}
		if got := ck.DisplayName(); got != c.want {
			t.Errorf("DisplayName(name %q, pattern %q) = %q, want %q", c.name, c.pattern, got, c.want)
		}
	}
}
