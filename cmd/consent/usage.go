package main

import (
	"fmt"
	"io"
	"strings"
)

// badFlag prints a bad flag of `consent CMD` as one line, naming the flag
// and where the flags are listed, and returns the usage error's exit
// status, 2. The flag package's own messages ("flag provided but not
// defined: -x") are reworded for the double-dash flags the docs show.
func badFlag(stderr io.Writer, cmd string, err error) int {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		msg = "unknown flag --" + strings.TrimLeft(name, "-")
	} else if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		msg = "flag --" + strings.TrimLeft(name, "-") + " needs a value"
	} else {
		msg = strings.Replace(msg, "for flag -", "for flag --", 1)
	}
	fmt.Fprintf(stderr, "consent %s: %s (consent %s --help lists the flags)\n", cmd, msg, cmd)
	return 2
}

// unknownFlag prints, as one line, that arg is no flag of `consent CMD`,
// and returns the usage error's exit status, 2.
func unknownFlag(stderr io.Writer, cmd, arg string) int {
	name, _, _ := strings.Cut(arg, "=")
	fmt.Fprintf(stderr, "consent %s: unknown flag %s (consent %s --help lists the flags)\n", cmd, name, cmd)
	return 2
}
