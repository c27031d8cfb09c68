package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/declaration"
	"github.com/consentwasm/consent/policy/texts"
)

const declarationUsage = `usage: consent declaration FILE [--lang L] [--format html|md]

Prints the cookie declaration of the policy FILE: per category, each
service's provider, function and location, cookie names, purposes and
durations.

  --lang L        language of the policy to print (default: its first)
  --format F      md (Markdown, default) or html
`

// runDeclaration runs `consent declaration FILE [--lang L] [--format
// html|md]`, flags before or after FILE. It returns the exit status: 0 on
// success, 1 when the file cannot be read or the policy is invalid (its
// problems go to stderr, one "FILE:LINE:COL: pointer: message" a line), 2 on a usage
// error.
func runDeclaration(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("declaration", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lang := fs.String("lang", "", "")
	format := fs.String("format", "md", "")

	usageError := func(msg string) int {
		fmt.Fprintf(stderr, "consent declaration: %s\n%s", msg, declarationUsage)
		return 2
	}

	files, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, declarationUsage)
			return 0
		}
		return badFlag(stderr, "declaration", err)
	}
	if len(files) != 1 {
		if len(files) == 0 {
			return usageError("missing the policy FILE")
		}
		return usageError("one policy FILE expected, got " + strings.Join(files, " "))
	}
	var render func(declaration.Declaration) string
	switch strings.ToLower(*format) {
	case "md", "markdown":
		render = declaration.Markdown
	case "html":
		render = declaration.HTML
	default:
		return usageError(fmt.Sprintf("unknown format %q: use html or md", *format))
	}

	data, err := os.ReadFile(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "consent declaration: %v\n", err)
		return 1
	}
	p, err := policy.Parse(data)
	if err != nil {
		printProblems(stderr, files[0], err)
		return 1
	}

	l := p.DefaultLanguage()
	if *lang != "" {
		var ok bool
		if l, ok = texts.Match(p.Languages, *lang); !ok {
			return usageError(fmt.Sprintf("language %q is not in the policy; it has %s",
				*lang, strings.Join(p.Languages, ", ")))
		}
	}
	d, err := declaration.Build(p, l, nil, false)
	if err != nil {
		fmt.Fprintf(stderr, "consent declaration: %v\n", err)
		return 1
	}
	fmt.Fprint(stdout, render(d))
	return 0
}
