package pattern

import (
	"encoding/json"
	"hash/fnv"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy/pattern/patterntest"
)

// goRegexp is what the matcher is compared with: Go's RE2, anchored to the
// whole name, "." matching every character.
func goRegexp(t testing.TB, p string) *regexp.Regexp {
	t.Helper()
	re, err := regexp.Compile(`(?s)^(?:` + p + `)$`)
	if err != nil {
		t.Fatalf("%q passes Check but Go refuses it: %v", p, err)
	}
	return re
}

// extra are characters where engines could differ: newline and carriage
// return for ".", non-ASCII and an astral character for code units against
// code points, upper case, an invalid UTF-8 byte, the metacharacters.
var extra = []string{"", "x", "1", ".", "\n", "\r", "é", "😀", "\u2028", "x.y", "_A9", "\xff", "-", "]", "\\", "a", "b"}

// namesFor returns n names for pattern p (or, with more, those first): its
// literal characters with changes at the ends, and random strings over its
// characters and extra.
func namesFor(p string, n int, more []string) []string {
	seen := map[string]bool{}
	names := []string{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			names = append(names, s)
		}
	}
	for _, s := range more {
		add(s)
	}
	strip := strings.NewReplacer(`\`, "", "^", "", "$", "", "(", "", ")", "", "?:", "", "|", "", "*", "", "+", "", "?", "", ".", "", "[", "", "]", "", "{", "", "}", "")
	base := strip.Replace(p)
	for _, s := range extra {
		add(base + s)
		add(s + base)
		add(strings.ToUpper(base) + s)
	}
	if r := []rune(base); len(r) > 0 {
		add(string(r[:len(r)-1]))
		add(string(r[1:]))
	}
	letters := append([]string{}, extra[1:]...)
	for _, r := range p {
		letters = append(letters, string(r))
	}
	h := fnv.New64a()
	h.Write([]byte(p))
	rnd := rand.New(rand.NewSource(int64(h.Sum64())))
	for len(names) < n {
		var b strings.Builder
		for j := rnd.Intn(9); j > 0; j-- {
			b.WriteString(letters[rnd.Intn(len(letters))])
		}
		add(b.String())
		if rnd.Intn(50) == 0 {
			add(strings.Repeat(base, 1+rnd.Intn(4)))
		}
		if len(seen) > 4*n {
			break
		}
	}
	return names
}

// corpus is every pattern of the examples and of the scanner's table
// (TestPatternCorpusIsComplete keeps it so) and more forms of the dialect.
func corpus(t *testing.T) []string {
	b, err := os.ReadFile("testdata/patterns.txt")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}

// The matcher matches the same names as Go's regexp on the corpus.
func TestMatchesLikeGoOnTheCorpus(t *testing.T) {
	patterns := append(corpus(t), patterntest.Allowed...)
	compared := 0
	for _, p := range patterns {
		m, err := Compile(p)
		if err != nil {
			t.Errorf("%q from the corpus is refused: %v", p, err)
			continue
		}
		re := goRegexp(t, p)
		bad := 0
		for _, name := range namesFor(p, 400, nil) {
			if g, w := m.Match(name), re.MatchString(name); g != w {
				if bad++; bad <= 3 {
					t.Errorf("%q against %q: Match %v, Go's regexp %v", p, name, g, w)
				}
			}
			compared++
		}
	}
	if len(patterns) < 100 || compared < 40000 {
		t.Errorf("only %d patterns, %d comparisons", len(patterns), compared)
	}
}

// genPattern writes a random pattern from the dialect's whole grammar.
type gen struct{ r *rand.Rand }

const genLiterals = "ab_-x1é😀\n/:"

func (g gen) alternation(depth int) string {
	parts := []string{g.concat(depth)}
	for g.r.Intn(4) == 0 {
		parts = append(parts, g.concat(depth))
	}
	return strings.Join(parts, "|")
}

func (g gen) concat(depth int) string {
	var b strings.Builder
	for n := g.r.Intn(5); n > 0; n-- {
		atom, repeatable := g.atom(depth)
		b.WriteString(atom)
		if repeatable && g.r.Intn(3) == 0 {
			b.WriteString(g.quantifier())
		}
	}
	return b.String()
}

func (g gen) atom(depth int) (string, bool) {
	switch k := g.r.Intn(20); {
	case k < 7:
		l := []rune(genLiterals)
		return string(l[g.r.Intn(len(l))]), true
	case k < 9:
		return ".", true
	case k < 12:
		return g.class(), true
	case k < 13:
		return []string{`\d`, `\D`, `\w`, `\W`}[g.r.Intn(4)], true
	case k < 14:
		return `\` + string(metaEscapes[g.r.Intn(len(metaEscapes))]), true
	case k < 17 && depth < 4:
		open := []string{"(", "(?:"}[g.r.Intn(2)]
		return open + g.alternation(depth+1) + ")", true
	case k < 18:
		return "^", false
	case k < 19:
		return "$", false
	}
	return "a", true
}

func (g gen) class() string {
	var b strings.Builder
	b.WriteString("[")
	if g.r.Intn(3) == 0 {
		b.WriteString("^")
	}
	if g.r.Intn(6) == 0 {
		b.WriteString("-")
	}
	items := []string{"a", "b", "x", "_", "é", "😀", "\n", `\d`, `\D`, `\w`, `\W`, `\-`, `\]`, `\[`, `\\`, `\^`, ".", "a-z", "0-9", "A-Z", "a-b", "x-é", `\--\]`, "^"}
	for n := 1 + g.r.Intn(3); n > 0; n-- {
		it := items[g.r.Intn(len(items))]
		if it == "^" && b.Len() == 1 {
			it = "a"
		}
		b.WriteString(it)
	}
	if g.r.Intn(6) == 0 {
		b.WriteString("-")
	}
	b.WriteString("]")
	return b.String()
}

func (g gen) quantifier() string {
	q := []string{"*", "+", "?", "{0}", "{1}", "{2}", "{0,}", "{1,}", "{3,}", "{0,1}", "{1,3}", "{2,4}", "{0,2}"}[g.r.Intn(13)]
	if g.r.Intn(4) == 0 {
		q += "?"
	}
	return q
}

// The matcher matches the same names as Go's regexp on random patterns of
// the dialect's whole grammar.
func TestMatchesLikeGoOnRandomPatterns(t *testing.T) {
	g := gen{rand.New(rand.NewSource(20))}
	accepted, compared := 0, 0
	const tries = 3000
	for i := 0; i < tries; i++ {
		p := g.alternation(0)
		if p == "" {
			p = "a"
		}
		m, err := Compile(p)
		if err != nil {
			t.Errorf("the generator wrote %q, which Check refuses: %v", p, err)
			continue
		}
		accepted++
		re := goRegexp(t, p)
		bad := 0
		for _, name := range namesFor(p, 60, nil) {
			if got, want := m.Match(name), re.MatchString(name); got != want {
				if bad++; bad <= 2 {
					t.Errorf("%q against %q: Match %v, Go's regexp %v", p, name, got, want)
				}
			}
			compared++
		}
	}
	if accepted < tries*9/10 || compared < 100000 {
		t.Errorf("%d of %d patterns accepted, %d comparisons", accepted, tries, compared)
	}
}

// FuzzMatch: on every pattern Check accepts, the matcher and Go's regexp
// agree on every name.
func FuzzMatch(f *testing.F) {
	for _, p := range patterntest.Allowed {
		f.Add(p, "_ga_x")
	}
	f.Add(`(?:a+)+b`, strings.Repeat("a", 40))
	f.Add(`[^\W\d]+-.`, "ab-\n")
	f.Fuzz(func(t *testing.T, p, name string) {
		m, err := Compile(p)
		if err != nil {
			return
		}
		if got, want := m.Match(name), goRegexp(t, p).MatchString(name); got != want {
			t.Fatalf("%q against %q: Match %v, Go's regexp %v", p, name, got, want)
		}
	})
}

// The patterns that freeze a backtracking engine (V8 took 13.5 s for the
// first against 28 characters) are answered against a 4,000-character
// name; a backtracking matcher would not finish within the test's timeout.
func TestNestedRepeatsDoNotBacktrack(t *testing.T) {
	long := strings.Repeat("a", 4000)
	for _, tt := range []struct {
		pattern, name string
		want          bool
	}{
		{`(?:a+)+b`, long, false},
		{`(?:a+)+b`, long + "b", true},
		{`(a|a)*b`, long, false},
		{`(a|a)*b`, long + "b", true},
		{`.*.*.*.*.*x`, long, false},
		{`.*.*.*.*.*x`, long + "x", true},
		{`(?:(?:a*)*)*c`, long, false},
	} {
		m, err := Compile(tt.pattern)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Match(tt.name); got != tt.want {
			t.Errorf("%q against %d characters = %v, want %v", tt.pattern, len(tt.name), got, tt.want)
		}
	}
}

// testdata/patterns.txt holds every pattern of the examples and of the
// scanner's table, so that the differential test covers them.
func TestPatternCorpusIsComplete(t *testing.T) {
	have := map[string]bool{}
	for _, p := range corpus(t) {
		have[p] = true
	}
	var want []string
	files, _ := filepath.Glob("../../examples/*.json")
	if len(files) == 0 {
		t.Fatal("no examples found")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Services []struct {
				Cookies []struct{ Pattern string }
			}
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, s := range doc.Services {
			for _, c := range s.Cookies {
				if c.Pattern != "" {
					want = append(want, c.Pattern)
				}
			}
		}
	}
	known, err := os.ReadFile("../../scan/known.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile("Pattern:\\s*`([^`]*)`").FindAllStringSubmatch(string(known), -1) {
		want = append(want, m[1])
	}
	var missing []string
	for _, p := range want {
		if !have[p] {
			have[p] = true
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		t.Errorf("policy/pattern/testdata/patterns.txt lacks %q: add them, one a line", missing)
	}
}

// BenchmarkSweep200 matches the 200 names of the browser's sweep test (one
// of 4,000 "a"s) against the three patterns that freeze a backtracking
// engine. Run it in the browser too: GOOS=js GOARCH=wasm go test -bench
// with wasmbrowsertest as -exec.
func BenchmarkSweep200(b *testing.B) {
	names := []string{strings.Repeat("a", 4000)}
	for i := 1; len(names) < 200; i++ {
		names = append(names, strings.Repeat("a", i/4+1)+[]string{"b", "x", "c", "y"}[i%4])
	}
	var ms []*Matcher
	for _, p := range []string{`(?:a+)+b`, `(a|a)*b`, `.*.*.*.*.*x`} {
		m, err := Compile(p)
		if err != nil {
			b.Fatal(err)
		}
		ms = append(ms, m)
	}
	for b.Loop() {
		for _, n := range names {
			for _, m := range ms {
				m.Match(n)
			}
		}
	}
}

// A pattern whose automaton has more states than the cache holds (the
// 9th character from the end is an a: 512 states) still matches like Go:
// the cache starts again, with the same answers.
func TestMatchesLikeGoWhenTheCacheIsFull(t *testing.T) {
	const p = `(?:a|b)*a(?:a|b){8}`
	m, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	re := goRegexp(t, p)
	rnd := rand.New(rand.NewSource(9))
	for i := 0; i < 2000; i++ {
		b := make([]byte, 1+rnd.Intn(60))
		for j := range b {
			b[j] = "ab"[rnd.Intn(2)]
		}
		if got, want := m.Match(string(b)), re.Match(b); got != want {
			t.Fatalf("%q against %q: Match %v, Go's regexp %v", p, b, got, want)
		}
	}
	if len(m.dfa.states) > maxStates {
		t.Errorf("the cache holds %d states, more than %d", len(m.dfa.states), maxStates)
	}
}

// One Matcher answers several goroutines at once (the scanner's do).
func TestMatchConcurrently(t *testing.T) {
	m, err := Compile(`_ga_[A-Z0-9]+|(?:a+)+b`)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func() {
			ok := true
			for i := 0; i < 500; i++ {
				ok = ok && m.Match("_ga_X"+strconv.Itoa(i)) && !m.Match("_ga_x") && m.Match(strings.Repeat("a", i%50+1)+"b")
			}
			done <- ok
		}()
	}
	for g := 0; g < 4; g++ {
		if !<-done {
			t.Error("a concurrent Match answered wrongly")
		}
	}
}
