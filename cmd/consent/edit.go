package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/consentwasm/consent/editor"
	"github.com/consentwasm/consent/importer"
)

const editUsage = `usage: consent edit [policy.json] [--addr 127.0.0.1:8090] [--web DIR]
                    [--from-scan URL | --from-import vcc|klaro FILE]

Serves a local editor of the policy file (default policy.json): a form for
every field and a JSON view kept in step, checked as you type by the
validator of "consent validate", and the real banner beside it on a sample
page. Save writes the file only when it validates, atomically, keeping the
previous version as FILE.bak. It prints the editor's URL, which carries a
per-run token, and opens nothing by itself; Ctrl-C stops it.

  --addr HOST:PORT     where to listen (default 127.0.0.1:8090; port 0 picks
                       a free one); a non-loopback address needs --allow-remote
  --allow-remote       listen on a non-loopback address (anyone who can reach
                       it and knows the URL can edit and save the file)
  --web DIR            the web build the preview runs (consent.js, its wasm,
                       consent.css): default web/dist of the repository the
                       command runs in (make build writes it)
  --from-scan URL      start from the draft "consent scan URL" makes
  --from-import K FILE start from "consent import K FILE" (K: vcc or klaro)

A missing FILE starts from a one-category policy.
`

// starterPolicy is what a new file starts from.
const starterPolicy = `{
  "revision": 1,
  "languages": ["en"],
  "categories": [
    {
      "id": "necessary",
      "required": true,
      "label": "Necessary",
      "description": "Needed for the website to work; always on."
    }
  ],
  "services": []
}
`

// editArgs are the parsed arguments of consent edit.
type editArgs struct {
	file, addr, web      string
	allowRemote          bool
	fromScan             string
	fromKind, fromImport string
	// scanArgs are more arguments for the scan of --from-scan (tests:
	// --pages, --wait, --host-resolver-rules).
	scanArgs []string
}

// runEdit runs `consent edit`.
func runEdit(args []string, stdout, stderr io.Writer) int {
	a, code := parseEditArgs(args, stdout, stderr)
	if code >= 0 {
		return code
	}
	if !a.allowRemote && !editor.IsLoopback(a.addr) {
		fmt.Fprintf(stderr, "consent edit: %s is not a loopback address: the editor can save files; pass --allow-remote to listen there anyway\n", a.addr)
		return 2
	}
	initial, notes, err := editStart(a, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "consent edit: %v\n", err)
		return 1
	}
	web := a.web
	if web == "" {
		web = findWebDist()
	} else if _, err := os.Stat(filepath.Join(web, "consent.js")); err != nil {
		fmt.Fprintf(stderr, "consent edit: --web %s has no consent.js: pass the directory make build writes (web/dist)\n", web)
		return 1
	}
	ln, err := net.Listen("tcp", a.addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			fmt.Fprintf(stderr, "consent edit: %s is already in use: stop what listens there or pass --addr 127.0.0.1:PORT\n", a.addr)
		} else {
			fmt.Fprintf(stderr, "consent edit: cannot listen on %s: %v\n", a.addr, err)
		}
		return 1
	}
	srv, err := editor.New(editor.Options{
		Path: a.file, Initial: initial, Notes: notes, Web: web,
		Addr: ln.Addr().String(), AnyHost: a.allowRemote,
	})
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "consent edit: %v\n", err)
		return 1
	}
	if web == "" {
		fmt.Fprintln(stderr, "consent edit: no web build found (web/dist): the preview stays empty; run make build or pass --web DIR")
	}
	fmt.Fprintf(stdout, "consent edit: editing %s at %s\n", a.file, srv.URL())
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	}()
	if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "consent edit: %v\n", err)
		return 1
	}
	return 0
}

// parseEditArgs parses the arguments; code is -1 to go on, else the exit
// status.
func parseEditArgs(args []string, stdout, stderr io.Writer) (editArgs, int) {
	a := editArgs{addr: "127.0.0.1:8090"}
	var files []string
	usageError := func(msg string) (editArgs, int) {
		fmt.Fprintf(stderr, "consent edit: %s\n%s", msg, editUsage)
		return a, 2
	}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		name, val, hasVal := strings.Cut(arg, "=")
		need := func() (string, bool) {
			if hasVal {
				return val, true
			}
			if i+1 >= len(args) {
				return "", false
			}
			i++
			return args[i], true
		}
		switch strings.TrimPrefix(name, "-") {
		case "h", "help", "-help":
			fmt.Fprint(stdout, editUsage)
			return a, 0
		case "-addr", "addr", "-web", "web", "-from-scan", "from-scan":
			v, ok := need()
			if !ok {
				return usageError(arg + " needs a value")
			}
			switch strings.TrimLeft(name, "-") {
			case "addr":
				a.addr = v
			case "web":
				a.web = v
			default:
				a.fromScan = v
			}
		case "-allow-remote", "allow-remote":
			a.allowRemote = true
		case "-from-import", "from-import":
			if hasVal || i+2 >= len(args) {
				return usageError("--from-import needs the kind (vcc or klaro) and the FILE")
			}
			a.fromKind, a.fromImport = args[i+1], args[i+2]
			i += 2
		default:
			if strings.HasPrefix(arg, "-") {
				return usageError("unknown flag " + arg)
			}
			files = append(files, arg)
		}
	}
	switch {
	case len(files) > 1:
		return usageError("one policy file expected, got " + strings.Join(files, " "))
	case a.fromScan != "" && a.fromImport != "":
		return usageError("--from-scan and --from-import: choose one")
	}
	a.file = "policy.json"
	if len(files) == 1 {
		a.file = files[0]
	}
	return a, -1
}

// editStart returns the text the editor starts from and its notes: an
// import, a scan's draft, the file, or the starter policy.
func editStart(a editArgs, stderr io.Writer) ([]byte, []string, error) {
	switch {
	case a.fromImport != "":
		var imp func([]byte) (*importer.Result, error)
		switch a.fromKind {
		case "vcc", "cookieconsent", "vanilla-cookieconsent":
			imp = importer.VCC
		case "klaro":
			imp = importer.Klaro
		default:
			return nil, nil, fmt.Errorf("--from-import: unknown kind %q: vcc or klaro", a.fromKind)
		}
		src, err := os.ReadFile(a.fromImport)
		if err != nil {
			return nil, nil, fmt.Errorf("cannot read %s: %w", a.fromImport, unwrapPathError(err))
		}
		res, err := imp(src)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", a.fromImport, err)
		}
		notes := []string{"Imported from " + a.fromImport + " (" + a.fromKind + "); saving writes " + a.file + "."}
		for _, n := range res.Notes {
			notes = append(notes, n.String())
		}
		return res.JSON, notes, nil
	case a.fromScan != "":
		dir, err := os.MkdirTemp("", "consent-edit-scan")
		if err != nil {
			return nil, nil, err
		}
		defer os.RemoveAll(dir)
		draft := filepath.Join(dir, "draft.json")
		args := []string{a.fromScan, "--out", draft, "--report", filepath.Join(dir, "report.md")}
		if _, err := os.Stat(a.file); err == nil {
			args = append(args, "--policy", a.file)
		}
		args = append(args, a.scanArgs...)
		if code := runScan(args, stderr, stderr); code != 0 {
			return nil, nil, fmt.Errorf("the scan of %s failed (see above)", a.fromScan)
		}
		data, err := os.ReadFile(draft)
		if err != nil {
			return nil, nil, fmt.Errorf("the scan's draft: %w", err)
		}
		return data, []string{"Drafted by consent scan " + a.fromScan + ": check each service's category and texts; saving writes " + a.file + "."}, nil
	}
	data, err := os.ReadFile(a.file)
	if errors.Is(err, os.ErrNotExist) {
		return []byte(starterPolicy), []string{a.file + " does not exist yet: this is a starting point; Save creates it."}, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read %s: %w", a.file, unwrapPathError(err))
	}
	return data, nil, nil
}

// findWebDist looks for a web build (web/dist/consent.js) in the working
// directory and its parents: the repository's, after make build.
func findWebDist() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		d := filepath.Join(dir, "web", "dist")
		if _, err := os.Stat(filepath.Join(d, "consent.js")); err == nil {
			return d
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
