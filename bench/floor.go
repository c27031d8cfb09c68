package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// The floor: two Go programs of the bench's own (bench/floor/syscalljs and
// bench/floor/safejs) that only draw the banner's three buttons, built in
// the same run with the same toolchain and flags as consent.wasm. What
// they take is what standard Go takes; what ours takes beyond the safejs
// floor is ours to cut.
const (
	floorSafe    = "floor-safejs"
	floorSyscall = "floor-syscalljs"
)

// floorManager is a floor program embedded the way ours is: its wasm
// preloaded, consent.css, one deferred script (wasm_exec.js + floor.js).
func floorManager(id, name string) manager {
	wasm := "/floor/" + id + ".wasm"
	return manager{
		ID: id, Name: name, Version: "bench/floor",
		Head: `
<link rel="preload" href="` + wasm + `" as="fetch" type="application/wasm" crossorigin>
<link rel="stylesheet" href="/consent/consent.css">
<script src="/floor/floor.js" data-wasm="` + wasm + `" defer></script>`,
		Gated:    managers[0].Gated,
		Banner:   "#consent-banner",
		Reject:   `#consent-banner [data-consent-action="reject-all"]`,
		Cookie:   "floor_consent",
		AcceptJS: `window.floorConsent.acceptAll()`,
		floor:    true,
	}
}

// buildFloors compiles the floor programs in ms into dir (GOOS=js
// GOARCH=wasm, -trimpath -ldflags='-s -w', as make build compiles
// consent.wasm) and writes floor.js: Go's wasm_exec.js, then the floor's
// loader.
func buildFloors(repo, dir string, ms []manager) error {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return fmt.Errorf("the floor programs need the go command on PATH: %w", err)
	}
	out, err := exec.Command(goCmd, "env", "GOROOT").Output()
	if err != nil {
		return fmt.Errorf("go env GOROOT: %w", err)
	}
	goroot := strings.TrimSpace(string(out))
	wasmExec, err := os.ReadFile(filepath.Join(goroot, "lib", "wasm", "wasm_exec.js"))
	if err != nil {
		return fmt.Errorf("read wasm_exec.js: %w", err)
	}
	loader, err := os.ReadFile(filepath.Join(repo, "bench", "floor", "floor.js"))
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "floor.js"), append(append(wasmExec, '\n'), loader...), 0o644); err != nil {
		return err
	}
	for _, m := range ms {
		if !m.floor {
			continue
		}
		start := time.Now()
		pkg := "./bench/floor/" + strings.TrimPrefix(m.ID, "floor-")
		cmd := exec.Command(goCmd, "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(dir, m.ID+".wasm"), pkg)
		cmd.Dir = repo
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("build %s: %w\n%s", pkg, err, stderr.String())
		}
		fmt.Fprintf(os.Stderr, "bench: built %s (%s)\n", pkg, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// compareID is the manager of -compare: another build of ours (a cut's
// before or after), run interleaved with ours so that a busy machine
// slows both alike.
const compareID = "ours-b"

func compareManager() manager {
	m := managers[0]
	m.ID, m.Name, m.Version = compareID, "consentwasm (-compare build)", "-compare"
	return m
}
