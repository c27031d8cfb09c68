// Package docs_test keeps docs/ true: every row of the interface tables
// names a conformance test that exists in web/e2e, every conformance test
// is named by a row, every policy field and UI text key is documented, the
// documented defaults are the code's, and the README points here rather
// than outside the repository.
package docs_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/pattern"
	"github.com/consentwasm/consent/policy/texts"
)

// rowDocs hold the tables whose last column, "checked by", names tests.
var rowDocs = []string{"policy.md", "api.md"}

var testName = regexp.MustCompile("`(TestContract_[A-Za-z0-9_]+)`")

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// contractTests returns the conformance tests defined in web/e2e.
func contractTests(t *testing.T) map[string]bool {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "web", "e2e", "contract_*_test.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no conformance tests found: %v", err)
	}
	def := regexp.MustCompile(`(?m)^func (TestContract_[A-Za-z0-9_]+)\(t \*testing\.T\)`)
	out := map[string]bool{}
	for _, f := range files {
		for _, m := range def.FindAllStringSubmatch(read(t, f), -1) {
			out[m[1]] = true
		}
	}
	return out
}

// checkedRows returns, for each table row under a "checked by" header, its
// line number and text.
func checkedRows(text string) map[int]string {
	rows := map[int]string{}
	inTable := false
	for i, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "|") {
			inTable = false
			continue
		}
		if strings.HasPrefix(line, "|---") {
			continue
		}
		cells := strings.Split(strings.Trim(line, "| "), "|")
		if !inTable && strings.TrimSpace(cells[len(cells)-1]) == "checked by" {
			inTable = true
			continue
		}
		if inTable {
			rows[i+1] = line
		}
	}
	return rows
}

// TestEveryRowNamesAnExistingTest: each row of the interface tables names
// at least one conformance test, and each named test exists.
func TestEveryRowNamesAnExistingTest(t *testing.T) {
	have := contractTests(t)
	for _, doc := range rowDocs {
		rows := checkedRows(read(t, doc))
		if len(rows) < 10 {
			t.Errorf("%s: only %d checked rows found: are the tables' last columns still \"checked by\"?", doc, len(rows))
		}
		for n, row := range rows {
			names := testName.FindAllStringSubmatch(row, -1)
			if len(names) == 0 {
				t.Errorf("%s:%d: the row names no conformance test: %s", doc, n, row)
			}
			for _, m := range names {
				if !have[m[1]] {
					t.Errorf("%s:%d: %s is not a test in web/e2e/contract_*_test.go", doc, n, m[1])
				}
			}
		}
	}
}

// TestEveryContractTestIsDocumented: a conformance test that no row names
// checks a promise the docs do not make.
func TestEveryContractTestIsDocumented(t *testing.T) {
	named := map[string]bool{}
	for _, doc := range rowDocs {
		for _, row := range checkedRows(read(t, doc)) {
			for _, m := range testName.FindAllStringSubmatch(row, -1) {
				named[m[1]] = true
			}
		}
	}
	var missing []string
	for name := range contractTests(t) {
		if !named[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	for _, name := range missing {
		t.Errorf("%s is named by no row of %s", name, strings.Join(rowDocs, " or "))
	}
}

// TestEverySchemaPropertyIsDocumented: every property of the policy's JSON
// Schema, at any depth, appears in policy.md.
func TestEverySchemaPropertyIsDocumented(t *testing.T) {
	var schema any
	if err := json.Unmarshal([]byte(read(t, filepath.Join("..", "policy", "policy.schema.json"))), &schema); err != nil {
		t.Fatal(err)
	}
	props := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if p, ok := x["properties"].(map[string]any); ok {
				for k := range p {
					props[k] = true
				}
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(schema)
	if len(props) < 20 {
		t.Fatalf("found only %d schema properties", len(props))
	}
	doc := read(t, "policy.md")
	for p := range props {
		if !strings.Contains(doc, "`"+p+"`") {
			t.Errorf("policy.md does not document the field %q", p)
		}
	}
	for _, k := range texts.Keys {
		if !strings.Contains(doc, "`"+k+"`") {
			t.Errorf("policy.md does not list the texts key %q", k)
		}
	}
	for _, k := range policy.ConsentModeTypes {
		if !strings.Contains(doc, "`"+k+"`") {
			t.Errorf("policy.md does not list the Consent Mode type %q", k)
		}
	}
}

// TestDocumentedDefaultsAreTheCode: the defaults and limits the docs state
// are the constants the code uses.
func TestDocumentedDefaultsAreTheCode(t *testing.T) {
	pol, api := read(t, "policy.md"), read(t, "api.md")
	q := func(s string) string { return "`\"" + s + "\"`" }
	for _, want := range []string{
		q(policy.DefaultConsentCookieName),
		q(policy.DefaultConsentCookiePath),
		q(policy.DefaultSameSite),
		fmt.Sprintf("| integer 1…%d | `%d` |", policy.MaxMaxAgeDays, policy.DefaultMaxAgeDays),
		fmt.Sprintf("| integer 0…%d | `0` |", policy.MaxRevision),
		q(policy.GPCReject) + " or " + q(policy.GPCIgnore) + " | " + q(policy.GPCReject) + " |",
		q(policy.ReopenButton) + " or " + q(policy.ReopenNone) + " | " + q(policy.ReopenButton) + " |",
		fmt.Sprintf("At most %d bytes", pattern.MaxLength),
		fmt.Sprintf("at most %d steps", pattern.MaxProgram),
	} {
		if !strings.Contains(pol, want) {
			t.Errorf("policy.md does not say %s", want)
		}
	}
	if w := fmt.Sprintf("wait_for_update: %d", policy.ConsentModeWaitForUpdate); !strings.Contains(api, w) {
		t.Errorf("api.md does not say %s", w)
	}
	if !strings.Contains(api, "`"+policy.ConsentModeEvent+"`") && !strings.Contains(api, `"`+policy.ConsentModeEvent+`"`) {
		t.Errorf("api.md does not name the %s event", policy.ConsentModeEvent)
	}
}

// TestReadmeLinksTheDocs: the README points at docs/ and at nothing outside
// the repository.
func TestReadmeLinksTheDocs(t *testing.T) {
	readme := read(t, filepath.Join("..", "README.md"))
	for _, f := range []string{"docs/policy.md", "docs/api.md", "docs/architecture.md", "docs/cli.md"} {
		if !strings.Contains(readme, "]("+f) {
			t.Errorf("README.md does not link %s", f)
		}
	}
	files, _ := filepath.Glob("*.md")
	for _, f := range append(files, filepath.Join("..", "README.md")) {
		if strings.Contains(read(t, f), "../shared") {
			t.Errorf("%s refers to ../shared, which a clone does not have", f)
		}
	}
}

// TestCLIDocsListRealCommands: every command cli.md documents is one that
// `consent --help` lists.
func TestCLIDocsListRealCommands(t *testing.T) {
	out, _ := exec.Command("go", "run", "../cmd/consent", "--help").CombinedOutput()
	help := string(out)
	if !strings.Contains(help, "Commands:") {
		t.Fatalf("consent --help printed no commands: %s", help)
	}
	heading := regexp.MustCompile("(?m)^## `consent ([a-z]+)")
	cmds := heading.FindAllStringSubmatch(read(t, "cli.md"), -1)
	if len(cmds) == 0 {
		t.Fatal("cli.md documents no command")
	}
	for _, m := range cmds {
		if !regexp.MustCompile(`(?m)^  ` + m[1] + `\b`).MatchString(help) {
			t.Errorf("cli.md documents %q, which consent --help does not list", m[1])
		}
	}
}
