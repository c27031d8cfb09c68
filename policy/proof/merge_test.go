package proof

import (
	"testing"
	"time"
)

// TestMergeKeepsTheOtherTabsEntries: this page acknowledged x while
// another tab added y: the merge removes x only and keeps y.
func TestMergeKeepsTheOtherTabsEntries(t *testing.T) {
	var base Outbox
	base.Add("x", "dx")
	ours := base.Clone()
	ours.Result("x", 201, time.Unix(0, 0))
	stored := base.Clone()
	stored.Add("y", "dy")
	got := Merge(base, ours, stored)
	if len(got.Entries) != 1 || got.Entries[0].Key != "y" {
		t.Fatalf("merged entries %+v, want only the other tab's y", got.Entries)
	}
	// And this page's addition is appended after the others'.
	ours2 := base.Clone()
	ours2.Add("z", "dz")
	got = Merge(base, ours2, stored)
	if keys := len(got.Entries); keys != 3 || got.Entries[2].Key != "z" {
		t.Fatalf("merged entries %+v, want x, y, then z", got.Entries)
	}
}
