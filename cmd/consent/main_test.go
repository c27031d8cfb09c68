package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	tests := []struct {
		args      []string
		code      int
		stdoutHas string
		stderrHas string
	}{
		{nil, 2, "", "missing the command"},
		{[]string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{[]string{"--help"}, 0, "Commands:", ""},
		{[]string{"help"}, 0, "validate FILE...", ""},
		{[]string{"validate", "../../examples/mannheim.json"}, 0, "mannheim.json: ok", ""},
		{[]string{"validate"}, 2, "", "usage: consent validate"},
		{[]string{"declaration", "../../examples/mannheim.json", "--lang", "en"}, 0, "sessionid", ""},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, &stdout, &stderr)
		if code != tt.code || !strings.Contains(stdout.String(), tt.stdoutHas) || !strings.Contains(stderr.String(), tt.stderrHas) {
			t.Errorf("consent %q: exit %d\nstdout: %s\nstderr: %s", tt.args, code, stdout.String(), stderr.String())
		}
	}
}
