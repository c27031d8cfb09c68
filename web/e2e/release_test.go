package e2e

import (
	"archive/tar"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/consentwasm/consent/internal/release"
)

// TestReleaseServesTheDemoWithoutGo follows the README's path for a site
// without Go: make a release (the CLI for this platform only), check its
// checksums and npm layout, unpack the web tarball under /consent/ of a
// plain static site, put in the tags `consent snippet` prints, and see the
// banner in Chromium.
func TestReleaseServesTheDemoWithoutGo(t *testing.T) {
	tmp := t.TempDir()
	out := filepath.Join(tmp, "dist")
	const version = "0.0.1-test"
	commit := strings.TrimSpace(gitOut(t, "rev-parse", "HEAD"))
	res, err := release.Build(release.Options{
		Version: version, Commit: commit, Root: root, Dist: dist, Out: out,
		Platforms: []release.Platform{{OS: runtime.GOOS, Arch: runtime.GOARCH}},
	})
	if err != nil {
		t.Fatalf("release: %v", err)
	}
	checkSums(t, out, append([]string{res.Tarball}, res.CLIs...))

	site := filepath.Join(tmp, "site")
	unpack(t, filepath.Join(out, res.Tarball), "consent-web-"+version, filepath.Join(site, "consent"))
	checkPackageJSON(t, filepath.Join(site, "consent"), version, res.WasmName)

	// The CLI of the release, run away from any checkout.
	cli := filepath.Join(out, res.CLIs[0])
	v := runIn(t, tmp, cli, "--version")
	if !strings.HasPrefix(v, "consent "+version+" (commit "+commit[:12]) {
		t.Errorf("consent --version = %q, want version %s and commit %s", v, version, commit[:12])
	}
	tags := runIn(t, tmp, cli, "snippet", "--base", "/consent/")
	if !strings.Contains(tags, `href="/consent/`+res.WasmName+`"`) {
		t.Fatalf("consent snippet does not preload %s:\n%s", res.WasmName, tags)
	}

	// The demo site, its tags replaced by the snippet's, the policy next
	// to the unpacked files.
	copyTree(t, filepath.Join(root, "web", "demo"), site)
	pol, err := os.ReadFile(filepath.Join(root, "examples", "mannheim.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "consent", "policy.json"), pol, 0o644); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(site, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(page), "\n") {
		if strings.Contains(line, `"/consent/`) || strings.Contains(line, "make demo points") {
			continue
		}
		kept = append(kept, line)
		if strings.HasPrefix(line, `<link rel="stylesheet" href="/css/site.css">`) {
			kept = append(kept, strings.TrimRight(tags, "\n"))
		}
	}
	if err := os.WriteFile(filepath.Join(site, "index.html"), []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}

	// A plain static host: files as they are, no template, no rewriting.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	static := &http.Server{Handler: http.FileServer(http.Dir(site))}
	go static.Serve(ln)
	t.Cleanup(func() { static.Close() })

	ctx := newTab(t)
	open(t, ctx, "http://"+ln.Addr().String()+"/")
	waitFor(t, ctx, `!!document.querySelector("#consent-banner")`)
	if !visible(t, ctx, "#consent-banner") {
		t.Fatal("the banner is not on screen")
	}
	fetched := eval[[]string](t, ctx, `performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname)`)
	wasmFetches := 0
	for _, p := range fetched {
		if strings.HasSuffix(p, ".wasm") {
			wasmFetches++
			if p != "/consent/"+res.WasmName {
				t.Errorf("fetched %s, not the release's %s", p, res.WasmName)
			}
		}
	}
	if wasmFetches == 0 {
		t.Errorf("no wasm fetched; resources: %v", fetched)
	}
}

func gitOut(t *testing.T, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = root
	b, err := cmd.Output()
	if err != nil {
		t.Skipf("not a git checkout (git %s: %v)", strings.Join(args, " "), err)
	}
	return string(b)
}

func runIn(t *testing.T, dir, prog string, args ...string) string {
	t.Helper()
	cmd := exec.Command(prog, args...)
	cmd.Dir = dir
	b, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(prog), strings.Join(args, " "), err, b)
	}
	return string(b)
}

// checkSums checks that SHA256SUMS lists each file with its checksum.
func checkSums(t *testing.T, dir string, names []string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "SHA256SUMS"))
	if err != nil {
		t.Fatal(err)
	}
	sums := string(b)
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if line := hex.EncodeToString(sum[:]) + "  " + n + "\n"; !strings.Contains(sums, line) {
			t.Errorf("SHA256SUMS lacks %q:\n%s", line, sums)
		}
	}
}

// unpack extracts a gzipped tar whose entries all lie under prefix/ into
// dir, as tar --strip-components=1 would.
func unpack(t *testing.T, archive, prefix, dir string) {
	t.Helper()
	f, err := os.Open(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		rel, ok := strings.CutPrefix(h.Name, prefix+"/")
		if !ok || strings.Contains(rel, "..") {
			t.Fatalf("archive entry %q outside %s/", h.Name, prefix)
		}
		target := filepath.Join(dir, filepath.FromSlash(rel))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(target, 0o755); err != nil {
				t.Fatal(err)
			}
		case tar.TypeReg:
			if h.Mode&0o111 != 0 {
				t.Errorf("%s is executable in the archive", h.Name)
			}
			b, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(target, b, 0o644); err != nil {
				t.Fatal(err)
			}
		default:
			t.Fatalf("archive entry %q of type %c", h.Name, h.Typeflag)
		}
	}
}

// checkPackageJSON checks the npm layout of the unpacked files: the
// version, every file listed in "files" and nothing unlisted, exports
// that point at files present (consent.wasm at the versioned wasm).
func checkPackageJSON(t *testing.T, dir, version, wasm string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Name    string            `json:"name"`
		Version string            `json:"version"`
		License string            `json:"license"`
		Files   []string          `json:"files"`
		Exports map[string]string `json:"exports"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatalf("package.json: %v", err)
	}
	if pkg.Version != version || pkg.License != "Apache-2.0" || pkg.Name == "" {
		t.Errorf("package.json: name %q, version %q, license %q", pkg.Name, pkg.Version, pkg.License)
	}
	listed := map[string]bool{"package.json": true}
	for _, f := range pkg.Files {
		listed[f] = true
	}
	var present []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			present = append(present, filepath.ToSlash(rel))
		}
		return err
	})
	have := map[string]bool{}
	for _, p := range present {
		have[p] = true
		if !listed[p] {
			t.Errorf("%s is in the archive but not in package.json's files", p)
		}
	}
	for f := range listed {
		if !have[f] {
			t.Errorf("package.json lists %s, which the archive lacks", f)
		}
	}
	for _, want := range []string{"LICENSE", "NOTICE", "consent.js", "consent.css", "manifest.json", wasm, wasm + ".br"} {
		if !have[want] {
			t.Errorf("the archive lacks %s", want)
		}
	}
	if pkg.Exports["./consent.wasm"] != "./"+wasm {
		t.Errorf(`exports["./consent.wasm"] = %q, want ./%s`, pkg.Exports["./consent.wasm"], wasm)
	}
	for k, v := range pkg.Exports {
		if !have[path.Clean(strings.TrimPrefix(v, "./"))] {
			t.Errorf("exports[%q] = %q, which the archive lacks", k, v)
		}
	}
}

// copyTree copies the files under src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
