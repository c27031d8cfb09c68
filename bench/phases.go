package main

import (
	"fmt"
	"strings"
)

// phase is one moment of a page load that ours and the floors mark
// (performance.mark("consent:"+key): loader.js with data-perf, the
// bridge, package app; the floors' floor.js and Go), or that the bench
// itself observes.
type phase struct {
	Key   string
	Label string
}

// phases in the order a page load passes them; Δ is measured from the
// previous phase a run has.
var phases = []phase{
	{"html", "page received (navigation responseEnd)"},
	{"loader", "consent.js runs (deferred script)"},
	{"fetched", "wasm fetched (resource responseEnd)"},
	{"policy", "policy fetched"},
	{"compiled", "wasm compiled and instantiated"},
	{"run", "go.run entered"},
	{"main", "Go main entered"},
	{"start", "policy's first run called (a task later, page parsed)"},
	{"parsed", "policy parsed and checked"},
	{"decided", "decided (returning visitor: record decoded)"},
	{"view", "view built (render hook entered)"},
	{"drawn", "banner drawn (UI.render returned)"},
	{"visible", "banner visible (bench)"},
	{"paint", "first paint (the task after the next frame)"},
	{"gates", "gates opened"},
	{"ready", "start returned (consent.ready)"},
	{"gated", "gated script ran (bench)"},
}

// phasesOf is a run's phases: the page's marks plus what the bench saw.
func phasesOf(st pageState) map[string]float64 {
	out := map[string]float64{}
	for k, v := range st.Marks {
		out[k] = v
	}
	if st.Visible != nil {
		out["visible"] = *st.Visible
	}
	if st.Gated != nil {
		out["gated"] = *st.Gated
	}
	return out
}

// phaseStat is one phase's medians over the runs that have it.
type phaseStat struct {
	At    float64 `json:"at"`    // ms from navigation start
	Delta float64 `json:"delta"` // ms from the previous phase
	N     int     `json:"n"`
}

// phaseNames head the phase table's columns.
var phaseNames = map[string]string{"ours": "ours", compareID: "-compare build", floorSafe: "safejs floor", floorSyscall: "syscall/js floor"}

// phaseManagers are the managers the phase table compares.
var phaseManagers = []string{"ours", compareID, floorSafe, floorSyscall}

// visits are the two page loads of a run.
var visits = []struct{ Key, Label string }{{"first", "first visit"}, {"return", "returning visitor"}}

// summarizePhases fills r.PhaseSummary[profile][manager][visit][phase].
func (r *results) summarizePhases() {
	r.PhaseSummary = map[string]map[string]map[string]map[string]phaseStat{}
	for _, p := range r.Profiles {
		byMan := map[string]map[string]map[string]phaseStat{}
		for _, man := range phaseManagers {
			byVisit := map[string]map[string]phaseStat{}
			for _, v := range visits {
				at := map[string][]float64{}
				delta := map[string][]float64{}
				for _, s := range r.Samples {
					if s.Profile != p.Name || s.Manager != man || s.Err != "" {
						continue
					}
					ph := s.Phases
					if v.Key == "return" {
						ph = s.ReturnPhases
					}
					prev, havePrev := 0.0, false
					for _, q := range phases {
						t, ok := ph[q.Key]
						if !ok {
							continue
						}
						at[q.Key] = append(at[q.Key], t)
						if havePrev {
							delta[q.Key] = append(delta[q.Key], t-prev)
						}
						prev, havePrev = t, true
					}
				}
				row := map[string]phaseStat{}
				for k, vals := range at {
					st := phaseStat{At: median(vals), N: len(vals)}
					if len(delta[k]) > 0 {
						st.Delta = median(delta[k])
					}
					row[k] = st
				}
				if len(row) > 0 {
					byVisit[v.Key] = row
				}
			}
			byMan[man] = byVisit
		}
		r.PhaseSummary[p.Name] = byMan
	}
}

// phaseMarkdown renders "where the time goes": per profile and visit, each
// phase's median time from navigation start and from the phase before,
// ours against the floors.
func (r *results) phaseMarkdown(b *strings.Builder) {
	if len(r.PhaseSummary) == 0 {
		return
	}
	b.WriteString("### Where the time goes: ours against the floor, phase by phase\n\n")
	b.WriteString("Medians in ms: *at* is from navigation start, *Δ* from the phase before it in the same run (negative: it came first, e.g. a preloaded wasm that arrived before the deferred script ran). The marks are `performance.mark(\"consent:<phase>\")`, made by `consent.js` only when its script tag has `data-perf` (the bench's page does), and by the floors' loader. The last column is ours minus the safejs floor.\n\n")
	for _, p := range r.Profiles {
		for _, v := range visits {
			cols := r.PhaseSummary[p.Name]
			if len(cols["ours"][v.Key]) == 0 && len(cols[floorSafe][v.Key]) == 0 {
				continue
			}
			fmt.Fprintf(b, "#### %s, %s\n\n", strings.ToUpper(p.Label[:1])+p.Label[1:], v.Label)
			var mans []string
			b.WriteString("| phase |")
			for _, man := range phaseManagers {
				if len(cols[man][v.Key]) > 0 {
					mans = append(mans, man)
					fmt.Fprintf(b, " %s at | Δ |", phaseNames[man])
				}
			}
			b.WriteString(" ours − safejs floor |\n|---|")
			for range mans {
				b.WriteString("---|---|")
			}
			b.WriteString("---|\n")
			for _, q := range phases {
				any := false
				for _, man := range mans {
					if _, ok := cols[man][v.Key][q.Key]; ok {
						any = true
					}
				}
				if !any {
					continue
				}
				fmt.Fprintf(b, "| %s |", q.Label)
				for _, man := range mans {
					st, ok := cols[man][v.Key][q.Key]
					if !ok {
						b.WriteString(" – | – |")
						continue
					}
					d := "–"
					if len(cols[man][v.Key]) > 1 && st.N > 0 && q.Key != firstPhase(cols[man][v.Key]) {
						d = fmtNum(st.Delta)
					}
					at := fmtNum(st.At)
					if man == "ours" {
						at = "**" + at + "**"
					}
					fmt.Fprintf(b, " %s | %s |", at, d)
				}
				o, ok1 := cols["ours"][v.Key][q.Key]
				f, ok2 := cols[floorSafe][v.Key][q.Key]
				if ok1 && ok2 {
					fmt.Fprintf(b, " %+.0f |\n", o.At-f.At)
				} else {
					b.WriteString(" – |\n")
				}
			}
			b.WriteString("\n")
		}
	}
}

// firstPhase is the earliest phase (in order) a row has: it has no Δ.
func firstPhase(row map[string]phaseStat) string {
	for _, q := range phases {
		if _, ok := row[q.Key]; ok {
			return q.Key
		}
	}
	return ""
}
