// Package release assembles the files of a release from a built web/dist
// and the sources: the web files as a tarball and as an npm package
// directory (the same files, so that an npm CDN serves what the tarball
// holds), the consent CLI for each platform, and SHA256SUMS. tools/release
// runs it for make release; the end-to-end tests run it for one platform.
package release

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/consentwasm/consent/internal/assets"
)

// Platform is a GOOS/GOARCH pair the CLI is built for.
type Platform struct{ OS, Arch string }

func (p Platform) String() string { return p.OS + "/" + p.Arch }

// Platforms are the CLI's release platforms.
var Platforms = []Platform{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

// ParsePlatforms reads a comma-separated list such as
// "linux/amd64,darwin/arm64".
func ParsePlatforms(s string) ([]Platform, error) {
	var out []Platform
	for _, f := range strings.Split(s, ",") {
		goos, arch, ok := strings.Cut(strings.TrimSpace(f), "/")
		if !ok || goos == "" || arch == "" {
			return nil, fmt.Errorf("platform %q: want GOOS/GOARCH such as linux/amd64", f)
		}
		out = append(out, Platform{goos, arch})
	}
	return out, nil
}

// Options say what to release and where.
type Options struct {
	Version   string     // x.y.z, optionally -pre.release
	Commit    string     // the commit, for builds Go stamps no VCS information into
	Root      string     // the repository (LICENSE, NOTICE, ./cmd/consent)
	Dist      string     // the built web files (make build's web/dist)
	Out       string     // where the release files go (dist/)
	Platforms []Platform // the CLI's platforms; none: no CLI
	Go        string     // the go command; default "go"
	ModTime   time.Time  // the time of the files in the tarball
}

// Result names the files written, relative to Options.Out.
type Result struct {
	Tarball  string   // consent-web-VERSION.tar.gz
	NPM      string   // npm: the package directory
	CLIs     []string // consent-VERSION-GOOS-GOARCH[.exe]
	WasmName string   // the content-addressed wasm of the web files
}

// Build writes the release files into o.Out.
func Build(o Options) (*Result, error) {
	if err := checkVersion(o.Version); err != nil {
		return nil, err
	}
	if o.Go == "" {
		o.Go = "go"
	}
	wasm, err := checkDist(o.Dist)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", o.Out, err)
	}
	files, err := packageFiles(o, wasm)
	if err != nil {
		return nil, err
	}
	res := &Result{NPM: "npm", WasmName: wasm, Tarball: "consent-web-" + o.Version + ".tar.gz"}
	if err := writeDir(filepath.Join(o.Out, res.NPM), files); err != nil {
		return nil, err
	}
	if err := writeTarball(filepath.Join(o.Out, res.Tarball), "consent-web-"+o.Version, files, o.ModTime); err != nil {
		return nil, err
	}
	for _, p := range o.Platforms {
		name, err := buildCLI(o, p, wasm)
		if err != nil {
			return nil, err
		}
		res.CLIs = append(res.CLIs, name)
	}
	if err := writeSums(o.Out, append([]string{res.Tarball}, res.CLIs...)); err != nil {
		return nil, err
	}
	return res, nil
}

// checkVersion accepts x.y.z with an optional -pre-release, as npm does.
func checkVersion(v string) error {
	core, pre, hasPre := strings.Cut(v, "-")
	parts := strings.Split(core, ".")
	ok := len(parts) == 3 && (!hasPre || pre != "")
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" || (len(p) > 1 && p[0] == '0') {
			ok = false
		}
	}
	if hasPre && strings.Trim(pre, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-") != "" {
		ok = false
	}
	if !ok {
		return fmt.Errorf("version %q: want x.y.z (make release VERSION=1.2.3)", v)
	}
	return nil
}

// checkDist returns the versioned wasm name of a complete build: its
// manifest, the wasm it names, and a consent.js that fetches that wasm.
func checkDist(dist string) (string, error) {
	wasm, err := assets.ReadManifest(dist)
	if err != nil {
		return "", fmt.Errorf("%s: %w", dist, err)
	}
	js, err := os.ReadFile(filepath.Join(dist, "consent.js"))
	if err != nil {
		return "", fmt.Errorf("%s is not built (make build): %w", dist, err)
	}
	if !strings.Contains(string(js), `"`+wasm+`"`) {
		return "", fmt.Errorf("%s/consent.js does not fetch %s, which the manifest names: run make build again", dist, wasm)
	}
	return wasm, nil
}

// webFiles are the built files a release ships, with the versioned wasm
// in place of "WASM"; the stable alias consent.wasm is left out (consent.js
// never fetches it).
var webFiles = []string{
	"consent.js", "consent.js.br", "consent.js.gz", "consent.debug.js",
	"consent.css", "consent.css.br", "consent.css.gz",
	"WASM", "WASM.br", "WASM.gz",
	assets.Manifest,
}

// packageFiles returns the package's files by name: the web files, the
// licence, the notice, a README and package.json.
func packageFiles(o Options, wasm string) (map[string][]byte, error) {
	files := map[string][]byte{}
	var names []string
	for _, f := range webFiles {
		name := strings.Replace(f, "WASM", wasm, 1)
		b, err := os.ReadFile(filepath.Join(o.Dist, name))
		if err != nil {
			return nil, fmt.Errorf("%s is not complete (make build): %w", o.Dist, err)
		}
		files[name] = b
		names = append(names, name)
	}
	for _, f := range []string{"LICENSE", "NOTICE"} {
		b, err := os.ReadFile(filepath.Join(o.Root, f))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f, err)
		}
		files[f] = b
	}
	files["README.md"] = []byte(packageReadme(o.Version, wasm))
	pkg, err := packageJSON(o.Version, wasm, names)
	if err != nil {
		return nil, err
	}
	files["package.json"] = pkg
	return files, nil
}

// writeDir writes files into dir, emptied first.
func writeDir(dir string, files map[string][]byte) error {
	if err := os.RemoveAll(dir); err != nil {
		return fmt.Errorf("empty %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
	}
	return nil
}

// writeSums writes SHA256SUMS for names in out, in the format sha256sum -c
// reads.
func writeSums(out string, names []string) error {
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(out, n))
		if err != nil {
			return fmt.Errorf("checksum %s: %w", n, err)
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&b, "%s  %s\n", hex.EncodeToString(sum[:]), n)
	}
	if err := os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(b.String()), 0o644); err != nil {
		return errors.New("write SHA256SUMS: " + err.Error())
	}
	return nil
}
