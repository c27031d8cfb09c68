package policy

import (
	"strings"
	"testing"
)

// On https every deletion carries Secure (a cookie set with Secure, or with
// SameSite=None; Secure, is only replaced by a secure write) and has a
// Partitioned twin (a CHIPS cookie lives in its own jar); the prefixes'
// rules hold: __Secure- always Secure, __Host- host-only on "/" only.
func TestDeletionsOnHTTPS(t *testing.T) {
	const pre = "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path="
	for _, tc := range []struct {
		name, host, path string
		secure           bool
		want             []string
	}{
		{"_ga", "example.org", "/", true, []string{
			"_ga" + pre + "/; Secure",
			"_ga" + pre + "/; Secure; Partitioned",
			"_ga" + pre + "/; Domain=example.org; Secure",
			"_ga" + pre + "/; Domain=example.org; Secure; Partitioned",
			"_ga" + pre + "/; Domain=.example.org; Secure",
			"_ga" + pre + "/; Domain=.example.org; Secure; Partitioned",
		}},
		{"_ga", "example.org", "/", false, []string{
			"_ga" + pre + "/",
			"_ga" + pre + "/; Domain=example.org",
			"_ga" + pre + "/; Domain=.example.org",
		}},
		{"__Secure-id", "example.org", "/", true, []string{
			"__Secure-id" + pre + "/; Secure",
			"__Secure-id" + pre + "/; Secure; Partitioned",
			"__Secure-id" + pre + "/; Domain=example.org; Secure",
			"__Secure-id" + pre + "/; Domain=example.org; Secure; Partitioned",
			"__Secure-id" + pre + "/; Domain=.example.org; Secure",
			"__Secure-id" + pre + "/; Domain=.example.org; Secure; Partitioned",
		}},
		// Over http the prefix still gets its Secure (the browser refuses
		// the write, as it refused to set the cookie there).
		{"__Secure-id", "example.org", "/", false, []string{
			"__Secure-id" + pre + "/; Secure",
			"__Secure-id" + pre + "/; Domain=example.org; Secure",
			"__Secure-id" + pre + "/; Domain=.example.org; Secure",
		}},
		{"__Host-sid", "www.example.org", "/a/b.html", true, []string{
			"__Host-sid" + pre + "/; Secure",
			"__Host-sid" + pre + "/; Secure; Partitioned",
		}},
		{"__Host-sid", "www.example.org", "/a/b.html", false, []string{
			"__Host-sid" + pre + "/; Secure",
		}},
	} {
		var got []string
		for _, d := range DeletionsOn(tc.name, tc.host, tc.path, tc.secure) {
			got = append(got, d.String())
		}
		if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("DeletionsOn(%q, %q, %q, %v) =\n%s\nwant\n%s", tc.name, tc.host, tc.path, tc.secure,
				strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
		}
	}
}

// A https page deletes on the same domains and paths as an http one.
func TestDeletionsOnCoverTheSamePlaces(t *testing.T) {
	plain := DeletionsFor("_pk_id", "www.example.org", "/a/b/c.html")
	secure := DeletionsOn("_pk_id", "www.example.org", "/a/b/c.html", true)
	if len(secure) != 2*len(plain) {
		t.Fatalf("https: %d deletions, want %d", len(secure), 2*len(plain))
	}
	for i, d := range plain {
		for j, s := range secure[2*i : 2*i+2] {
			if s.Domain != d.Domain || s.Path != d.Path || !s.Secure || s.Partitioned != (j == 1) {
				t.Errorf("https deletion %d = %+v, want %s|%s secure, partitioned %v", 2*i+j, s, d.Domain, d.Path, j == 1)
			}
		}
	}
}

func TestDeletionStringPartitionedImpliesSecure(t *testing.T) {
	d := Deletion{Name: "a", Path: "/", Partitioned: true}
	if got, want := d.String(), "a=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Secure; Partitioned"; got != want {
		t.Errorf("String = %q, want %q (browsers refuse Partitioned without Secure)", got, want)
	}
}
