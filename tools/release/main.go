// Command release writes the files of a release into dist/ (make release
// VERSION=x.y.z runs it after make build): consent-web-VERSION.tar.gz and
// npm/ (the web files with package.json), the consent CLI for each
// platform, and SHA256SUMS. See internal/release.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/consentwasm/consent/internal/release"
)

func main() {
	version := flag.String("version", "", "the release's version, x.y.z")
	dist := flag.String("dist", "web/dist", "the built web files")
	out := flag.String("out", "dist", "where the release files go")
	platforms := flag.String("platforms", "", "GOOS/GOARCH,... for the CLI (default: linux, darwin and windows on amd64 and arm64)")
	flag.Parse()
	plats := release.Platforms
	if *platforms != "" {
		var err error
		if plats, err = release.ParsePlatforms(*platforms); err != nil {
			fail(err)
		}
	}
	res, err := release.Build(release.Options{
		Version: *version, Commit: gitOutput("rev-parse", "HEAD"), Root: ".",
		Dist: *dist, Out: *out, Platforms: plats, ModTime: modTime(),
	})
	if err != nil {
		fail(err)
	}
	fmt.Printf("%s/%s (wasm %s)\n%s/%s/ (npm package %s@%s)\n", *out, res.Tarball, res.WasmName, *out, res.NPM, release.PackageName, *version)
	for _, c := range res.CLIs {
		fmt.Printf("%s/%s\n", *out, c)
	}
	fmt.Printf("%s/SHA256SUMS\n", *out)
}

// modTime is the archive's file time: SOURCE_DATE_EPOCH when set, else
// the commit's time, so that one commit gives one archive.
func modTime() time.Time {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		s = gitOutput("log", "-1", "--format=%ct")
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0)
	}
	return time.Now()
}

func gitOutput(args ...string) string {
	b, err := exec.Command("git", args...).Output()
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "release:", err)
	os.Exit(1)
}
