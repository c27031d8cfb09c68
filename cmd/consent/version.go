package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// version is the release's version, set by make release with
// -ldflags "-X main.version=x.y.z"; empty in a plain go build, where the
// module's version (or "devel") stands in.
var version string

// commit is the commit the binary was built from, set by make release with
// -ldflags "-X main.commit=..." for builds where Go stamps no VCS
// information (GOFLAGS=-buildvcs=false, or sources without .git); the
// build info's vcs.revision wins when present.
var commit string

// releaseWasm is the content-addressed wasm name of the web files released
// with this binary, set by make release with -ldflags
// "-X main.releaseWasm=consent.<hash>.wasm", so that `consent snippet`
// prints the tags of that build without reading its manifest.
var releaseWasm string

// versionLine returns "consent VERSION (commit COMMIT[, modified], GO)":
// the version from -ldflags, else the module's; the commit and whether the
// work tree had changes from the build info Go stamps into the binary.
func versionLine() string {
	v, rev, modified := version, commit, false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "devel"
	}
	if rev == "" {
		rev = "unknown"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if modified {
		rev += ", modified"
	}
	return fmt.Sprintf("consent %s (commit %s, %s)", v, rev, runtime.Version())
}

func runVersion(stdout io.Writer) int {
	fmt.Fprintln(stdout, versionLine())
	return 0
}
