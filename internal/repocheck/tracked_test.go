package repocheck

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// maxSize is the largest file git may track outside allowLarge.
const maxSize = 1 << 20

// allowLarge lists the tracked files that may exceed maxSize: vendored
// data the program embeds, each with its licence beside it.
var allowLarge = map[string]bool{
	"scan/cookiedb/open-cookie-database.csv": true,
}

// entry is one tracked file: its path from the repository root and
// whether git records the executable bit.
type entry struct {
	path string
	exec bool
}

// repoRoot returns the root of the git work tree holding this package,
// skipping the test when the sources are not a git checkout (an unpacked
// archive has nothing tracked to check).
func repoRoot(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	if err != nil {
		t.Skipf("not a git checkout (%v): nothing tracked to check", err)
	}
	return strings.TrimSpace(string(out))
}

// trackedFiles lists git's index (git ls-files -s), so that a file added
// but not yet committed counts too.
func trackedFiles(t *testing.T, root string) []entry {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-s", "-z")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	var files []entry
	for _, rec := range bytes.Split(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		// "<mode> <object> <stage>\t<path>"
		meta, path, ok := bytes.Cut(rec, []byte{'\t'})
		if !ok {
			t.Fatalf("git ls-files: unexpected record %q", rec)
		}
		mode := string(bytes.Fields(meta)[0])
		if mode == "120000" || mode == "160000" { // symlink, submodule
			continue
		}
		files = append(files, entry{path: string(path), exec: mode == "100755"})
	}
	return files
}

// executableKind names the executable format a file's first bytes
// announce, or returns "" when they announce none.
func executableKind(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("\x7fELF")):
		return "an ELF executable"
	case len(head) >= 4 && isMachO(binary.BigEndian.Uint32(head)):
		return "a Mach-O executable"
	case bytes.HasPrefix(head, []byte("\x00asm")):
		return "a WebAssembly module"
	case isPE(head):
		return "a PE (Windows) executable"
	}
	return ""
}

func isMachO(magic uint32) bool {
	switch magic {
	case 0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe, 0xbebafeca:
		return true
	}
	return false
}

// isPE reports a DOS header whose e_lfanew points at a "PE\0\0" signature.
func isPE(head []byte) bool {
	if len(head) < 0x40 || !bytes.HasPrefix(head, []byte("MZ")) {
		return false
	}
	off := int(binary.LittleEndian.Uint32(head[0x3c:]))
	return off+4 <= len(head) && bytes.Equal(head[off:off+4], []byte("PE\x00\x00"))
}

// problems returns one line per tracked file that should not be tracked:
// an executable format, the executable bit on a file that is no script,
// or a size over maxSize outside allowLarge.
func problems(root string, files []entry) []string {
	var out []string
	for _, f := range files {
		full := filepath.Join(root, filepath.FromSlash(f.path))
		st, err := os.Lstat(full)
		if err != nil {
			// Deleted in the work tree but still in the index.
			out = append(out, fmt.Sprintf("%s: %v", f.path, err))
			continue
		}
		if !st.Mode().IsRegular() {
			continue
		}
		if st.Size() > maxSize && !allowLarge[f.path] {
			out = append(out, fmt.Sprintf("%s: %d bytes, over the %d-byte limit (build outputs and data belong outside git; vendored data goes in allowLarge)", f.path, st.Size(), maxSize))
		}
		head, err := readHead(full, 4096)
		if err != nil {
			out = append(out, fmt.Sprintf("%s: %v", f.path, err))
			continue
		}
		if kind := executableKind(head); kind != "" {
			out = append(out, fmt.Sprintf("%s: %s is tracked (a build output: delete it and ignore it in .gitignore)", f.path, kind))
		} else if f.exec && !bytes.HasPrefix(head, []byte("#!")) {
			out = append(out, fmt.Sprintf("%s: executable bit set on a file that is no script (git update-index --chmod=-x)", f.path))
		}
	}
	return out
}

func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	m, err := f.Read(buf)
	if m == 0 && err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return buf[:m], nil
}

// TestNoBinaryOrLargeFileTracked fails when git tracks an executable, a
// wasm module, the executable bit on a non-script, or a file over 1 MB
// outside the vendored data.
func TestNoBinaryOrLargeFileTracked(t *testing.T) {
	root := repoRoot(t)
	files := trackedFiles(t, root)
	if len(files) == 0 {
		t.Fatal("git ls-files listed nothing")
	}
	for _, p := range problems(root, files) {
		t.Error(p)
	}
}

// TestProblemsFindsEachKind feeds problems a tree holding each kind of
// unwanted file, so that TestNoBinaryOrLargeFileTracked can fail.
func TestProblemsFindsEachKind(t *testing.T) {
	dir := t.TempDir()
	pe := make([]byte, 0x80)
	copy(pe, "MZ")
	binary.LittleEndian.PutUint32(pe[0x3c:], 0x40)
	copy(pe[0x40:], "PE\x00\x00")
	macho := []byte{0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1}
	files := map[string][]byte{
		"demo":                                   []byte("\x7fELF\x02\x01\x01"),
		"consent-darwin":                         macho,
		"consent.exe":                            pe,
		"web/dist/consent.wasm":                  []byte("\x00asm\x01\x00\x00\x00"),
		"tools/run.sh":                           []byte("#!/bin/sh\necho hi\n"),
		"notes.txt":                              []byte("plain text"),
		"big.json":                               bytes.Repeat([]byte(" "), maxSize+1),
		"scan/cookiedb/open-cookie-database.csv": bytes.Repeat([]byte("a,b\n"), maxSize/2),
		"mz.txt":                                 []byte("MZ is not an executable on its own"),
	}
	var entries []entry
	for name, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
		entries = append(entries, entry{path: name, exec: name == "tools/run.sh" || name == "notes.txt"})
	}
	got := strings.Join(problems(dir, entries), "\n")
	for _, want := range []string{
		"demo: an ELF executable",
		"consent-darwin: a Mach-O executable",
		"consent.exe: a PE (Windows) executable",
		"web/dist/consent.wasm: a WebAssembly module",
		"notes.txt: executable bit set",
		"big.json: 1048577 bytes",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems miss %q; got:\n%s", want, got)
		}
	}
	for _, clean := range []string{"tools/run.sh", "open-cookie-database.csv", "mz.txt"} {
		if strings.Contains(got, clean) {
			t.Errorf("problems flag %s, which is allowed; got:\n%s", clean, got)
		}
	}
}

// TestGitignoreCoversBuildOutputs checks that git ignores what the
// Makefile's targets and the programs write, so that `git add .` after a
// build adds no output.
func TestGitignoreCoversBuildOutputs(t *testing.T) {
	root := repoRoot(t)
	outputs := []string{
		"web/dist/consent.js",
		"web/dist/consent.0123456789abcdef.wasm",
		"dist/consent-web-1.2.3.tar.gz",
		"dist/consent-1.2.3-linux-amd64",
		"dist/SHA256SUMS",
		"dist/npm/package.json",
		".bin/wasmbrowsertest",
		"demo",
		"consent",
		"consent.exe",
		"cmd/consent/consent",
		"cmd/demo/demo",
		"build",
		"release",
		"loadtest",
		"consent-log.db",
		"consent-log.db-wal",
		"proofs.db",
		"consentlog/x.db-shm",
		"web/node_modules/axe-core/axe.js",
		"bench/node_modules/x/index.js",
		"node_modules/x/index.js",
		"scan/testdata/trackers/node_modules/x/index.js",
		"importer/testdata/peers/node_modules/x/index.js",
		"policy/policy.test",
		"examples/mannheim.json.bak",
		"examples/.mannheim.json.123456.tmp",
		"cpu.prof",
		"cover.out",
	}
	for _, p := range outputs {
		cmd := exec.Command("git", "check-ignore", "--no-index", "-q", p)
		cmd.Dir = root
		if err := cmd.Run(); err != nil {
			t.Errorf("%s is not ignored by .gitignore (git check-ignore: %v)", p, err)
		}
	}
}
