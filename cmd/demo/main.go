// Command demo serves the demo site with the built consent manager and the
// Mannheim example policy on http://127.0.0.1:8080 (`make demo`).
package main

import (
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"time"

	"github.com/consentwasm/consent/internal/devserver"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	site := flag.String("site", "web/demo", "the demo site's directory")
	dist := flag.String("dist", "web/dist", "the built consent manager (make build)")
	pol := flag.String("policy", "examples/mannheim.json", "the policy served as /consent/policy.json")
	noCSP := flag.Bool("no-csp", false, "serve pages without the strict Content-Security-Policy")
	logDB := flag.String("log-db", "consent-log.db", "the consent log's SQLite file (proof of consent); empty: none")
	flag.Parse()
	for _, f := range []string{*dist + "/consent.wasm", *dist + "/manifest.json", *dist + "/consent.js", *pol} {
		if _, err := os.Stat(f); err != nil {
			fmt.Fprintf(os.Stderr, "demo: %v (run `make build` first)\n", err)
			os.Exit(1)
		}
	}
	csp := devserver.CSP
	if *noCSP {
		csp = ""
	}
	served, mountLog, err := demoProof(*pol, *addr, *logDB)
	if err != nil {
		fmt.Fprintf(os.Stderr, "demo: the consent log: %v\n", err)
		os.Exit(1)
	}
	h := mountLog(devserver.Handler(devserver.Options{Site: *site, Dist: *dist, Policy: served, CSP: csp}))
	srv := &http.Server{Addr: *addr, Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ln, err := listen(*addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "demo:", err)
		os.Exit(1)
	}
	fmt.Printf("demo: serving %s with policy %s on http://%s/ (Ctrl-C stops)\n", *site, *pol, ln.Addr())
	log.Fatal(srv.Serve(ln))
}
