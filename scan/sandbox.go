package scan

import "os"

// geteuid is os.Geteuid, replaced in tests.
var geteuid = os.Geteuid

// Sandboxed reports whether Scan starts Chromium in its sandbox. It does,
// except when the scanner runs as root, where Chromium refuses to start
// with it: the crawl runs real third-party ad and tracker code, so the
// sandbox is given up only when there is no other way.
func Sandboxed() bool { return geteuid() != 0 }

// SandboxNotice is what the scanner tells its user about the sandbox: ""
// when Chromium runs in it, else why it does not and how to keep it.
func SandboxNotice() string {
	if Sandboxed() {
		return ""
	}
	return "running as root: Chromium starts without its sandbox (--no-sandbox) while it runs the site's third-party code; run consent scan as an ordinary user to keep the sandbox"
}

// browserFlags are BrowserFlags, plus no-sandbox when Sandboxed is false.
func browserFlags() map[string]any {
	flags := make(map[string]any, len(BrowserFlags)+1)
	for k, v := range BrowserFlags {
		flags[k] = v
	}
	if !Sandboxed() {
		flags["no-sandbox"] = true
	}
	return flags
}
