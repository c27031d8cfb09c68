// Command consent works with cookie consent policy files (see docs/cli.md,
// docs/policy.md and policy/policy.schema.json):
//
//	consent validate FILE...
//	consent declaration FILE [--lang L] [--format html|md]
//	consent scan URL [--pages N] [--policy FILE] [--out draft.json] [--report report.md|html|json]
//	consent import vcc|klaro FILE [--out policy.json]
//	consent edit [policy.json] [--addr 127.0.0.1:8090] (see edit.go)
//	consent log serve|show|export|verify|prune (see log.go)
//	consent snippet [--base /consent/] [--policy URL] [--dist DIR]
//	consent --version
//
// validate checks each file and prints one "FILE:LINE:COL: JSON-pointer: message" line
// per problem; declaration prints the cookie declaration table; scan
// crawls a site in headless Chromium three times (no choice, after Reject
// all, after Accept all), drafts its policy and reports what runs before
// consent or survives a refusal.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage: consent COMMAND [ARGUMENTS]

Commands:
  validate FILE...     check policy files; one "FILE:LINE:COL: pointer: message" line per problem
  declaration FILE [--lang L] [--format html|md]
                       print the policy's cookie declaration table
  scan URL [--pages N] [--policy FILE] [--out draft.json] [--report report.md|html|json]
                       find a site's cookies with headless Chromium; draft a policy
  import vcc|klaro FILE [--out policy.json]
                       turn a vanilla-cookieconsent v3 or Klaro configuration into a policy
  edit [policy.json] [--addr 127.0.0.1:8090] [--from-scan URL | --from-import vcc|klaro FILE]
                       edit a policy in a local web page, with the real banner beside it
  log serve|show|export|verify|prune
                       the consent log: receive, show, export, verify and prune proofs of consent
  snippet [--base /consent/] [--policy URL] [--dist DIR]
                       print the <head> tags that load this build
  --version            print the version and the commit it was built from

Run "consent COMMAND --help" for more about a command.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs the command line args (without the program name) and returns
// the exit status: 0 on success, 1 when a command fails, 2 on a usage
// error.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, "consent: missing the command\n"+usage)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "-version", "--version", "version":
		return runVersion(stdout)
	case "snippet":
		return runSnippet(args[1:], stdout, stderr)
	case "validate":
		return runValidate(args[1:], stdout, stderr)
	case "declaration":
		return runDeclaration(args[1:], stdout, stderr)
	case "scan":
		return runScan(args[1:], stdout, stderr)
	case "import":
		return runImport(args[1:], stdout, stderr)
	case "edit":
		return runEdit(args[1:], stdout, stderr)
	case "log":
		return runLog(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "consent: unknown command %q\n%s", args[0], usage)
	return 2
}
