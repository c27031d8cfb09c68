package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// pkgSize is what one Go package adds to consent.wasm: the bytes of its
// functions' code, from a build without -s -w (whose name section names
// every function), twiggy-style. Data (type descriptors, strings, the
// pclntab) is one line of its own: the wasm does not say whose it is.
type pkgSize struct {
	Package string `json:"package"`
	Code    int    `json:"codeBytes"`
	Funcs   int    `json:"funcs"`
}

// wasmPackages builds ./wasm as make build does but keeping the symbols,
// and sums each package's function bodies.
func wasmPackages(repo, dir string) ([]pkgSize, error) {
	out := filepath.Join(dir, "consent-symbols.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-o", out, "./wasm")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("build ./wasm with symbols: %w\n%s", err, stderr.String())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	list := exec.Command("go", "list", "-deps", "./wasm")
	list.Dir = repo
	list.Env = cmd.Env
	deps, err := list.Output()
	if err != nil {
		return nil, fmt.Errorf("go list -deps ./wasm: %w", err)
	}
	return packageSizes(b, strings.Fields(string(deps)))
}

// packageSizes reads a wasm module's code section and name section and
// attributes each function to one of pkgs (import paths).
func packageSizes(b []byte, pkgs []string) ([]pkgSize, error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, errors.New("not a wasm module")
	}
	var (
		imported  int
		bodies    []int
		names     = map[int]string{}
		dataBytes int
	)
	r := wasmReader{b: b, i: 8}
	for r.i < len(b) {
		id := r.byte()
		size := int(r.u32())
		end := r.i + size
		if r.err != nil || end > len(b) {
			return nil, errors.New("truncated wasm section")
		}
		s := wasmReader{b: b[:end], i: r.i}
		switch id {
		case 2: // imports: count the functions
			for n := s.u32(); n > 0 && s.err == nil; n-- {
				s.name()
				s.name()
				switch kind := s.byte(); kind {
				case 0:
					s.u32()
					imported++
				case 1: // table: reftype, limits
					s.byte()
					s.limits()
				case 2:
					s.limits()
				case 3:
					s.byte()
					s.byte()
				}
			}
		case 10: // code
			for n := s.u32(); n > 0 && s.err == nil; n-- {
				sz := int(s.u32())
				bodies = append(bodies, sz)
				s.i += sz
			}
		case 11:
			dataBytes = size
		case 0:
			if s.name() == "name" {
				for s.i < end && s.err == nil {
					sub := s.byte()
					subSize := int(s.u32())
					subEnd := s.i + subSize
					if sub == 1 {
						for n := s.u32(); n > 0 && s.err == nil; n-- {
							idx := int(s.u32())
							names[idx] = s.name()
						}
					}
					s.i = subEnd
				}
			}
		}
		if s.err != nil {
			return nil, fmt.Errorf("wasm section %d: %w", id, s.err)
		}
		r.i = end
	}
	if len(names) == 0 {
		return nil, errors.New("the wasm has no function names (built with -s?)")
	}
	by := map[string]*pkgSize{}
	match := packageMatcher(pkgs)
	for i, sz := range bodies {
		pkg := match(names[imported+i])
		p := by[pkg]
		if p == nil {
			p = &pkgSize{Package: pkg}
			by[pkg] = p
		}
		p.Code += sz
		p.Funcs++
	}
	var out []pkgSize
	for _, p := range by {
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code > out[j].Code })
	out = append(out, pkgSize{Package: "(data section: types, strings, pclntab)", Code: dataBytes})
	return out, nil
}

// packageMatcher returns what finds a function's package from its name
// in the name section, where Go's linker wrote every character but
// letters, digits, '_' and '.' as '_' ("github.com/x/y.(*T).M" is
// "github.com_x_y.__T_.M"): the longest package path that, written the
// same way, is followed by a '.'. Names of no package (type:.eq.*,
// go:buildid) are "(generated)".
func packageMatcher(pkgs []string) func(string) string {
	san := map[string]string{}
	for _, p := range pkgs {
		san[wasmSanitize(p)] = p
	}
	// The command's own functions are "main.*".
	san["main"] = "main (./wasm)"
	return func(name string) string {
		best := ""
		for i := 0; i < len(name); i++ {
			if name[i] != '.' {
				continue
			}
			if p, ok := san[name[:i]]; ok && len(p) > len(best) {
				best = p
			}
		}
		if best == "" {
			return "(generated)"
		}
		return best
	}
}

// wasmSanitize writes a name as Go's wasm linker does (regexp [^\w.] → _).
func wasmSanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.') {
			b[i] = '_'
		}
	}
	return string(b)
}

// wasmReader reads LEB128 numbers and names from a wasm module.
type wasmReader struct {
	b   []byte
	i   int
	err error
}

func (r *wasmReader) byte() byte {
	if r.i >= len(r.b) {
		r.err = errors.New("unexpected end")
		return 0
	}
	c := r.b[r.i]
	r.i++
	return c
}

func (r *wasmReader) u32() uint32 {
	var v uint32
	for shift := 0; shift < 35; shift += 7 {
		c := r.byte()
		v |= uint32(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
	r.err = errors.New("bad LEB128")
	return 0
}

func (r *wasmReader) name() string {
	n := int(r.u32())
	if r.err != nil || r.i+n > len(r.b) {
		r.err = errors.New("bad name")
		return ""
	}
	s := string(r.b[r.i : r.i+n])
	r.i += n
	return s
}

func (r *wasmReader) limits() {
	if r.byte()&1 == 1 {
		r.u32()
	}
	r.u32()
}

// sizesMarkdown is the top ten packages and ours in total.
func (r *results) sizesMarkdown(b *strings.Builder) {
	if len(r.WasmPackages) == 0 {
		return
	}
	total := 0
	for _, p := range r.WasmPackages {
		total += p.Code
	}
	b.WriteString("### What each package adds to consent.wasm\n\n")
	b.WriteString("Bytes of each package's function bodies in a build of `./wasm` without `-s -w` (the name section names every function; raw, before compression), the ten largest; `go run ./bench -sizes` prints them all.\n\n| package | code (KB) | functions | share |\n|---|---|---|---|\n")
	n := 0
	ours := 0
	for _, p := range r.WasmPackages {
		if strings.HasPrefix(p.Package, "github.com/consentwasm/") {
			ours += p.Code
		}
		if strings.HasPrefix(p.Package, "(data") || n >= 10 {
			continue
		}
		n++
		fmt.Fprintf(b, "| %s | %.1f | %d | %.1f%% |\n", p.Package, kb(p.Code), p.Funcs, 100*float64(p.Code)/float64(total))
	}
	for _, p := range r.WasmPackages {
		if strings.HasPrefix(p.Package, "(data") {
			fmt.Fprintf(b, "| %s | %.1f | – | %.1f%% |\n", p.Package, kb(p.Code), 100*float64(p.Code)/float64(total))
		}
	}
	fmt.Fprintf(b, "\nThis project's own packages (github.com/consentwasm/…) together: %.1f KB of code.\n\n", kb(ours))
}
