package docs_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// trackedFiles lists the repository's files (git ls-files), skipping the
// test outside a git checkout.
func trackedFiles(t *testing.T) []string {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-z")
	cmd.Dir = ".."
	out, err := cmd.Output()
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	var files []string
	for _, f := range strings.Split(string(out), "\x00") {
		if f != "" {
			files = append(files, f)
		}
	}
	return files
}

// TestNoReferenceToAContractFile: the code and the docs point into docs/,
// never at a CONTRACT.md that a clone does not have.
func TestNoReferenceToAContractFile(t *testing.T) {
	ref := regexp.MustCompile(`CONTRACT(\.md| §)`)
	for _, f := range trackedFiles(t) {
		b, err := os.ReadFile(filepath.Join("..", f))
		if err != nil {
			continue // deleted in the work tree
		}
		for i, line := range strings.Split(string(b), "\n") {
			if ref.MatchString(line) && !strings.Contains(f, "links_test.go") {
				t.Errorf("%s:%d: refers to a CONTRACT file; point into docs/ instead: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// TestNoDataConsentGate: the gate attribute is data-category; advice to
// gate with a bare data-consent attribute (which does not exist) must not
// come back.
func TestNoDataConsentGate(t *testing.T) {
	bare := regexp.MustCompile("data-consent[`\"'= ]")
	for _, f := range trackedFiles(t) {
		if !strings.HasSuffix(f, ".md") && !strings.HasSuffix(f, ".go") && !strings.HasSuffix(f, ".js") {
			continue
		}
		if strings.HasSuffix(f, "links_test.go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join("..", f))
		if err != nil {
			continue
		}
		for i, line := range strings.Split(string(b), "\n") {
			if bare.MatchString(line) {
				t.Errorf("%s:%d: a data-consent attribute does not exist (the gate is data-category): %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}

var (
	mdLink  = regexp.MustCompile(`\]\(([^)\s]+)\)`)
	heading = regexp.MustCompile(`^#{1,6} (.*)`)
)

// slug is the anchor GitHub gives a heading.
func slug(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	var b strings.Builder
	for _, r := range h {
		switch {
		case r == ' ':
			b.WriteRune('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// anchors returns the anchors of a Markdown file's headings (outside code
// blocks), repeated headings numbered as GitHub numbers them.
func anchors(text string) map[string]bool {
	out := map[string]bool{}
	seen := map[string]int{}
	fence := false
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "```") {
			fence = !fence
		}
		if m := heading.FindStringSubmatch(line); m != nil && !fence {
			s := slug(m[1])
			if n := seen[s]; n > 0 {
				out[s+"-"+strconv.Itoa(n)] = true
			} else {
				out[s] = true
			}
			seen[s]++
		}
	}
	return out
}

// TestMarkdownLinksResolve: every relative link of the README and docs/
// names a file that exists and, with #anchor, a heading in it.
func TestMarkdownLinksResolve(t *testing.T) {
	files, _ := filepath.Glob("*.md")
	files = append(files, filepath.Join("..", "README.md"))
	for _, f := range files {
		text := read(t, f)
		fence := false
		for i, line := range strings.Split(text, "\n") {
			if strings.HasPrefix(line, "```") {
				fence = !fence
			}
			if fence {
				continue
			}
			for _, m := range mdLink.FindAllStringSubmatch(line, -1) {
				target := m[1]
				if strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
					continue
				}
				path, anchor, _ := strings.Cut(target, "#")
				file := f
				if path != "" {
					file = filepath.Join(filepath.Dir(f), filepath.FromSlash(path))
					if _, err := os.Stat(file); err != nil {
						t.Errorf("%s:%d: link to %s, which does not exist", f, i+1, target)
						continue
					}
				}
				if anchor == "" || !strings.HasSuffix(file, ".md") {
					continue
				}
				if !anchors(read(t, file))[anchor] {
					t.Errorf("%s:%d: link to %s: %s has no heading #%s", f, i+1, target, file, anchor)
				}
			}
		}
	}
}

// TestReadmeIsATour: the README stays the ten-minute tour (the reference
// lives in docs/): at most 500 lines, `make demo` and `make test` first,
// then the release files for a site without Go.
func TestReadmeIsATour(t *testing.T) {
	readme := read(t, filepath.Join("..", "README.md"))
	if n := strings.Count(readme, "\n"); n > 500 {
		t.Errorf("README.md has %d lines; move reference material into docs/ (at most 500)", n)
	}
	block, _, _ := strings.Cut(readme[strings.Index(readme, "```"):], "\n```\n")
	if !strings.Contains(block, "make demo") || !strings.Contains(block, "make test") {
		t.Errorf("README.md's first code block is not make demo and make test:\n%s", block)
	}
	_, first, _ := strings.Cut(readme, "\n## ")
	first, _, _ = strings.Cut(first, "\n## ")
	for _, want := range []string{"consent-web-", "tar -xzf", "consent snippet"} {
		if !strings.Contains(first, want) {
			t.Errorf("README.md's first section does not show the release files' use without Go (%q missing)", want)
		}
	}
	if strings.Contains(readme, "seeds'") {
		t.Error("README.md speaks of the seeds' tables, which no reader knows")
	}
}

// TestCodeCommentsPointAtRealDocs: every docs/NAME.md#anchor that code or
// the schema names is a file of docs/ with that heading.
func TestCodeCommentsPointAtRealDocs(t *testing.T) {
	ref := regexp.MustCompile(`docs/([a-z]+\.md)(#[a-z0-9-]+)?`)
	for _, f := range trackedFiles(t) {
		if strings.HasSuffix(f, ".md") || strings.HasPrefix(f, "third_party/") || strings.HasSuffix(f, "links_test.go") {
			continue
		}
		b, err := os.ReadFile(filepath.Join("..", f))
		if err != nil || strings.IndexByte(string(b), 0) >= 0 {
			continue
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, m := range ref.FindAllStringSubmatch(line, -1) {
				doc, err := os.ReadFile(m[1])
				if err != nil {
					t.Errorf("%s:%d: names docs/%s, which does not exist", f, i+1, m[1])
					continue
				}
				if m[2] != "" && !anchors(string(doc))[m[2][1:]] {
					t.Errorf("%s:%d: names docs/%s%s, a heading docs/%s does not have", f, i+1, m[1], m[2], m[1])
				}
			}
		}
	}
}
