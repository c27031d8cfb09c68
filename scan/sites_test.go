package scan

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/consentwasm/consent/scan/scantest"
)

var (
	sitesOnce sync.Once
	sitesPort string
	sitesErr  error
)

// startSites serves the test sites for the whole test binary and returns
// the port.
func startSites(t *testing.T) string {
	t.Helper()
	sitesOnce.Do(func() { sitesPort, _, sitesErr = scantest.Start() })
	if sitesErr != nil {
		t.Fatal(sitesErr)
	}
	return sitesPort
}

// needBrowser skips the test when chromium is missing (outside CI) and
// fails it when web/dist is not built.
func needBrowser(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (make test installs it)")
		}
		t.Skip("chromium is not on PATH; `make test` installs it")
	}
	if _, err := os.Stat(filepath.Join(scantest.Root(), "web", "dist", "consent.wasm")); err != nil {
		t.Fatal("web/dist is not built: run `make build` (make test does)")
	}
}

// scanSite scans one test site with few pages.
func scanSite(t *testing.T, host string) *Result {
	t.Helper()
	needBrowser(t)
	port := startSites(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	res, err := Scan(ctx, Options{
		URL:               scantest.URL(host, port),
		MaxPages:          4,
		HostResolverRules: scantest.HostRules,
		ChoiceWait:        time.Second,
	})
	if err != nil {
		t.Fatalf("scan %s: %v", host, err)
	}
	return res
}
