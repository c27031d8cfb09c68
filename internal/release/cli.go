package release

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// buildCLI builds ./cmd/consent for p into o.Out and returns the file's
// name. CGO is off (the SQLite driver is pure Go), so one machine builds
// every platform; the version, commit and the web files' wasm name are
// linked in, and Go stamps the VCS information when the sources are a
// checkout.
func buildCLI(o Options, p Platform, wasm string) (string, error) {
	name := "consent-" + o.Version + "-" + p.OS + "-" + p.Arch
	if p.OS == "windows" {
		name += ".exe"
	}
	out, err := filepath.Abs(filepath.Join(o.Out, name))
	if err != nil {
		return "", err
	}
	ldflags := []string{"-s", "-w",
		"-X", "main.version=" + o.Version,
		"-X", "main.releaseWasm=" + wasm,
	}
	if o.Commit != "" {
		ldflags = append(ldflags, "-X", "main.commit="+o.Commit)
	}
	cmd := exec.Command(o.Go, "build", "-trimpath", "-buildvcs=auto", "-ldflags", strings.Join(ldflags, " "), "-o", out, "./cmd/consent")
	cmd.Dir = o.Root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+p.OS, "GOARCH="+p.Arch)
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("build the consent CLI for %s: %v\n%s", p, err, b)
	}
	return name, nil
}
