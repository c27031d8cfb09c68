package app

import (
	"slices"
	"testing"
	"time"
)

// markingBrowser is the fake browser that also records performance marks
// and counts Web Storage reads.
type markingBrowser struct {
	*fakeBrowser
	marks        []string
	storageReads int
}

func (m *markingBrowser) Mark(name string) { m.marks = append(m.marks, name) }

func (m *markingBrowser) StorageKeys(kind string) []string {
	m.storageReads++
	return m.fakeBrowser.StorageKeys(kind)
}

// Start marks its phases in order when the browser can, and reads no Web
// Storage before the banner's first paint: only the sweep needs it.
func TestStartMarksPhasesAndLeavesStorageForLater(t *testing.T) {
	b := &markingBrowser{fakeBrowser: mannheimPage()}
	a := New(b, func() time.Time { return clock })
	if _, err := a.Handle("start", []string{mannheim(t)}); err != nil {
		t.Fatal(err)
	}
	if want := []string{"parsed", "decided", "gates"}; !slices.Equal(b.marks, want) {
		t.Errorf("marks %v, want %v", b.marks, want)
	}
	if b.storageReads != 0 {
		t.Errorf("start read Web Storage %d times before the first paint", b.storageReads)
	}
	if _, err := a.Handle("settle", nil); err != nil {
		t.Fatal(err)
	}
	if b.storageReads != 2 {
		t.Errorf("settle read Web Storage %d times, want localStorage and sessionStorage", b.storageReads)
	}
}
