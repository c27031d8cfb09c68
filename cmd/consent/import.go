package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/consentwasm/consent/importer"
)

const importUsage = `usage: consent import vcc|klaro FILE [--out policy.json]

Turns a vanilla-cookieconsent v3 (vcc) or a Klaro (klaro) configuration
into a policy that validates: categories, services, cookie names and
regular expressions (translated into the pattern dialect), translations and
the revision. FILE is a JSON file or the JavaScript or TypeScript file
where the configuration is the object passed to CookieConsent.run(...),
assigned to klaroConfig or passed to klaro.setup(...), or a module's
default export; it is read, never run, and a file that holds no
configuration of that kind is refused. The policy goes to --out (default
standard output); what has no equivalent in the policy is listed on
standard error, one "note: where: message" line each.
`

// runImport runs `consent import vcc|klaro FILE [--out FILE]`.
func runImport(args []string, stdout, stderr io.Writer) int {
	var rest []string
	out := ""
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-h" || a == "-help" || a == "--help":
			fmt.Fprint(stdout, importUsage)
			return 0
		case a == "--out" || a == "-out":
			if i+1 >= len(args) {
				fmt.Fprintf(stderr, "consent import: flag %s needs a file name (consent import --help lists the flags)\n", a)
				return 2
			}
			i++
			out = args[i]
		case strings.HasPrefix(a, "--out="):
			out = strings.TrimPrefix(a, "--out=")
		case strings.HasPrefix(a, "-") && a != "-":
			return unknownFlag(stderr, "import", a)
		default:
			rest = append(rest, a)
		}
	}
	if len(rest) != 2 {
		fmt.Fprint(stderr, "consent import: expected the kind (vcc or klaro) and the FILE\n"+importUsage)
		return 2
	}
	var imp func([]byte) (*importer.Result, error)
	switch rest[0] {
	case "vcc", "cookieconsent", "vanilla-cookieconsent":
		imp = importer.VCC
	case "klaro":
		imp = importer.Klaro
	default:
		fmt.Fprintf(stderr, "consent import: unknown kind %q: vcc or klaro\n%s", rest[0], importUsage)
		return 2
	}
	src, err := os.ReadFile(rest[1])
	if err != nil {
		fmt.Fprintf(stderr, "consent import: cannot read %s: %v\n", rest[1], unwrapPathError(err))
		return 1
	}
	res, err := imp(src)
	if err != nil {
		fmt.Fprintf(stderr, "consent import: %s: %v\n", rest[1], err)
		return 1
	}
	for _, n := range res.Notes {
		fmt.Fprintf(stderr, "note: %s\n", n)
	}
	if out == "" {
		if _, err := stdout.Write(res.JSON); err != nil {
			fmt.Fprintf(stderr, "consent import: %v\n", err)
			return 1
		}
		return 0
	}
	if err := os.WriteFile(out, res.JSON, 0o644); err != nil {
		fmt.Fprintf(stderr, "consent import: cannot write %s: %v\n", out, unwrapPathError(err))
		return 1
	}
	fmt.Fprintf(stderr, "consent import: wrote %s (%d categories, %d services)\n", out, len(res.Policy.Categories), len(res.Policy.Services))
	return 0
}
