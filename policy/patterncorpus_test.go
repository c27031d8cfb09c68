package policy

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var updateCorpus = flag.Bool("update-corpus", false, "add the missing patterns to bridge/testdata/patterns.txt")

// bridge/testdata/patterns.txt, the corpus of bridge's differential test
// (Go regexp against the browser's RegExp), holds every pattern of the
// examples and of the scanner's table, and every allowed form of
// dialect_test.go.
func TestPatternCorpusIsComplete(t *testing.T) {
	corpus := map[string]bool{}
	for _, line := range strings.Split(string(mustRead(t, "../bridge/testdata/patterns.txt")), "\n") {
		corpus[line] = true
	}
	var want []string
	files, _ := filepath.Glob("../examples/*.json")
	for _, f := range files {
		p, err := Parse(mustRead(t, f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, s := range p.Services {
			for _, c := range s.Cookies {
				if c.Pattern != "" {
					want = append(want, c.Pattern)
				}
			}
		}
	}
	if known, err := os.ReadFile("../scan/known.go"); err == nil {
		for _, m := range regexp.MustCompile("Pattern:\\s*`([^`]*)`").FindAllStringSubmatch(string(known), -1) {
			want = append(want, m[1])
		}
	}
	want = append(want, dialectAllowed...)
	var missing []string
	for _, p := range want {
		if strings.Contains(p, "\n") || len(p) > 200 || corpus[p] {
			continue
		}
		corpus[p] = true
		missing = append(missing, p)
	}
	if len(missing) == 0 {
		return
	}
	if *updateCorpus {
		f, err := os.OpenFile("../bridge/testdata/patterns.txt", os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(strings.Join(missing, "\n") + "\n"); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("bridge/testdata/patterns.txt lacks %q\nrun: go test ./policy -run TestPatternCorpusIsComplete -update-corpus (then make test-bridge)", missing)
}
