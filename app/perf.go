package app

// marker is what a Browser may also do: record a performance mark (the
// bridge does, when consent.js carries data-perf), so that `make bench`
// can tell where a page load's time goes.
type marker interface{ Mark(name string) }

// mark records the phase name when the browser can.
func (a *App) mark(name string) {
	if m, ok := a.b.(marker); ok {
		m.Mark(name)
	}
}
