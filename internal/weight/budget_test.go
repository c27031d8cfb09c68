package weight

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/andybalholm/brotli"
)

// budgetFile holds the most bytes, brotli quality 11, that web/dist's
// consent.wasm and consent.js may have. Raising a number is a reviewed
// change whose commit says what the bytes buy.
const budgetFile = "../../web/budget.json"

// dist is make build's output.
const dist = "../../web/dist"

// TestSizeBudget fails when consent.wasm or consent.js, as make build
// compressed them (the .br copies the server sends), is larger than
// web/budget.json allows. make test builds web/dist first.
func TestSizeBudget(t *testing.T) {
	raw, err := os.ReadFile(budgetFile)
	if err != nil {
		t.Fatal(err)
	}
	var budget map[string]json.RawMessage
	if err := json.Unmarshal(raw, &budget); err != nil {
		t.Fatalf("%s: %v", budgetFile, err)
	}
	for _, name := range []string{"consent.wasm", "consent.js"} {
		var limit int
		if err := json.Unmarshal(budget[name], &limit); err != nil || limit <= 0 {
			t.Fatalf("%s: %q needs a positive number of bytes (%s)", budgetFile, name, budget[name])
		}
		plain, err := os.ReadFile(filepath.Join(dist, name))
		if err != nil {
			t.Fatalf("web/dist is not built: run `make build` (make test does): %v", err)
		}
		br, err := os.ReadFile(filepath.Join(dist, name+".br"))
		if err != nil {
			t.Fatalf("web/dist has no %s.br: run `make build`: %v", name, err)
		}
		// The .br copy must be of this build, not an older one.
		got, err := io.ReadAll(brotli.NewReader(bytes.NewReader(br)))
		if err != nil || !bytes.Equal(got, plain) {
			t.Fatalf("web/dist/%s.br is not %s compressed (%v): run `make build`", name, name, err)
		}
		if len(br) > limit {
			t.Errorf("%s is %s bytes brotli, over its budget of %s in web/budget.json by %s: make it smaller, or raise the budget in a commit that says what the bytes buy",
				name, strconv.Itoa(len(br)), strconv.Itoa(limit), strconv.Itoa(len(br)-limit))
		} else {
			t.Logf("%s: %d of %d bytes brotli", name, len(br), limit)
		}
	}
}
