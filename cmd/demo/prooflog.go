package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"

	"github.com/consentwasm/consent/consentlog"
)

// proofPath is where the demo's consent log takes documents: on the demo's
// own origin, since its strict Content-Security-Policy lets pages connect
// to 'self' only.
const proofPath = "/v1/consents"

// demoProof starts the demo's consent log on the SQLite file db (none
// when db is ""): it returns the policy to serve (a copy of policyPath
// whose proof.url points at the log) and a wrapper that mounts the log at
// /v1/consents beside the site.
func demoProof(policyPath, addr, db string) (string, func(http.Handler) http.Handler, error) {
	none := func(h http.Handler) http.Handler { return h }
	if db == "" {
		return policyPath, none, nil
	}
	text, err := os.ReadFile(policyPath)
	if err != nil {
		return "", nil, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(text, &fields); err != nil {
		return "", nil, fmt.Errorf("%s: %w", policyPath, err)
	}
	fields["proof"] = json.RawMessage(`{"url": "` + proofPath + `"}`)
	out, err := json.MarshalIndent(fields, "", "  ")
	if err != nil {
		return "", nil, err
	}
	served := filepath.Join(os.TempDir(), "consent-demo-policy.json")
	if err := os.WriteFile(served, out, 0o644); err != nil {
		return "", nil, err
	}
	store, err := consentlog.Open(context.Background(), db)
	if err != nil {
		return "", nil, err
	}
	_, port, _ := net.SplitHostPort(addr)
	logSrv := consentlog.NewServer(consentlog.Config{Store: store, RateLimit: consentlog.DefaultRateLimit,
		Origins: []string{"http://" + addr, "http://127.0.0.1:" + port, "http://localhost:" + port}})
	fmt.Printf("demo: each choice goes to the consent log %s; see it with\n  go run ./cmd/consent log show --db %s ID   (ID: consent.get().id in the page)\n  go run ./cmd/consent log export --db %s\n", proofPath, db, db)
	return served, func(site http.Handler) http.Handler {
		mux := http.NewServeMux()
		mux.Handle(proofPath, logSrv)
		mux.Handle("/", site)
		return mux
	}, nil
}
