package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/lint"
)

const validateUsage = `usage: consent validate FILE...

Checks each policy FILE (JSON, see policy/policy.schema.json) and prints
every problem found, one line each, "FILE:LINE:COLUMN: JSON-pointer:
message", the form editors jump from (a JSON syntax error has no
pointer). A valid file prints "FILE: ok". What is valid but most likely a
mistake (a glob such as "_hj*" written as a pattern, a cookie declared
twice in one service, a draft's "unclassified" category) is printed as
"FILE:LINE:COLUMN: JSON-pointer: warning: message" and does not change
the exit status. Exits 0 when every file is valid, 1 otherwise.
`

// runValidate runs `consent validate FILE...`. Valid files are reported
// on stdout ("FILE: ok"), problems on stderr. It returns the exit status:
// 0 when every file is valid, 1 when one is not or cannot be read, 2 on a
// usage error.
func runValidate(args []string, stdout, stderr io.Writer) int {
	var files []string
	for i, a := range args {
		switch {
		case a == "--":
			files = append(files, args[i+1:]...)
		case a == "-h" || a == "-help" || a == "--help":
			fmt.Fprint(stdout, validateUsage)
			return 0
		case strings.HasPrefix(a, "-") && a != "-":
			return unknownFlag(stderr, "validate", a)
		default:
			files = append(files, a)
			continue
		}
		break
	}
	if len(files) == 0 {
		fmt.Fprint(stderr, "consent validate: missing the policy FILE\n"+validateUsage)
		return 2
	}
	status := 0
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintf(stderr, "consent validate: cannot read %s: %v\n", file, unwrapPathError(err))
			status = 1
			continue
		}
		pol, err := policy.Parse(data)
		if err == nil {
			// Warnings go with the problems, on stderr; they do not fail.
			pos, _ := policy.PositionsOf(data)
			for _, w := range pos.Locate(lint.Warnings(pol)) {
				w.Message = "warning: " + w.Message
				fmt.Fprintln(stderr, w.FileString(file))
			}
			fmt.Fprintf(stdout, "%s: ok\n", file)
			continue
		}
		status = 1
		printProblems(stderr, file, err)
	}
	return status
}

// printProblems prints a policy's problems, one "FILE:LINE:COLUMN:
// pointer: message" line each; an error that is no Problems is one
// "FILE: error" line.
func printProblems(w io.Writer, file string, err error) {
	var probs policy.Problems
	if !errors.As(err, &probs) {
		fmt.Fprintf(w, "%s: %v\n", file, err)
		return
	}
	for _, p := range probs {
		fmt.Fprintln(w, p.FileString(file))
	}
}

// unwrapPathError drops the operation and path an *os.PathError repeats.
func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
