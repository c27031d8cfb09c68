package main

import "testing"

// Go's wasm linker writes "/" and "*()" as "_": names must still find
// their package, the longest one first.
func TestPackageMatcher(t *testing.T) {
	match := packageMatcher([]string{"runtime", "internal/abi", "github.com/consentwasm/consent/policy", "github.com/consentwasm/consent/policy/jsontext", "github.com/hack-pad/safejs", "github.com/hack-pad/safejs/internal/catch"})
	for name, want := range map[string]string{
		"runtime.mallocgc":                                              "runtime",
		"internal_abi.__Type_.ExportedMethods":                          "internal/abi",
		"github.com_consentwasm_consent_policy_jsontext.__Writer_.Bool": "github.com/consentwasm/consent/policy/jsontext",
		"github.com_consentwasm_consent_policy.Parse":                   "github.com/consentwasm/consent/policy",
		"github.com_hack_pad_safejs_internal_catch.Try":                 "github.com/hack-pad/safejs/internal/catch",
		"github.com_hack_pad_safejs.Value.Call":                         "github.com/hack-pad/safejs",
		"main.main":                                                     "main (./wasm)",
		"go_buildid":                                                    "(generated)",
		"type_.eq.[2]string":                                            "(generated)",
	} {
		if got := match(name); got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
}

// Each phase's Δ is from the previous phase the same run has.
func TestPhaseDeltas(t *testing.T) {
	r := &results{Profiles: []profile{profiles[0]}, Samples: []sample{
		{Manager: "ours", Profile: "normal", Phases: map[string]float64{"html": 10, "loader": 40, "main": 100}},
		{Manager: "ours", Profile: "normal", Phases: map[string]float64{"html": 20, "loader": 40, "compiled": 70, "main": 120}},
		{Manager: "ours", Profile: "normal", Err: "failed", Phases: map[string]float64{"html": 1000}},
	}}
	r.summarizePhases()
	row := r.PhaseSummary["normal"]["ours"]["first"]
	if st := row["html"]; st.At != 15 || st.N != 2 {
		t.Errorf("html: %+v (failed runs count?)", st)
	}
	if st := row["main"]; st.At != 110 || st.Delta != 55 {
		t.Errorf("main: %+v, want at 110, Δ median of 60 and 50", st)
	}
	if _, ok := r.PhaseSummary["normal"]["ours"]["return"]; ok {
		t.Error("a visit without marks has a table")
	}
}
