package main

import (
	"bytes"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/scan/scantest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEditRefusesANonLoopbackAddress(t *testing.T) {
	for _, addr := range []string{":8090", "0.0.0.0:8090", "192.0.2.1:8090"} {
		var out, errb bytes.Buffer
		code := run([]string{"edit", "--addr", addr, t.TempDir() + "/p.json"}, &out, &errb)
		assert.Equal(t, 2, code, addr)
		assert.Contains(t, errb.String(), "not a loopback address", addr)
		assert.Contains(t, errb.String(), "--allow-remote", addr)
		assert.Empty(t, out.String(), "no URL is printed")
	}
}

func TestEditSaysABusyPortInOneLine(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer ln.Close()
	var out, errb bytes.Buffer
	code := run([]string{"edit", "--addr", ln.Addr().String(), t.TempDir() + "/p.json"}, &out, &errb)
	assert.Equal(t, 1, code)
	assert.Equal(t, "consent edit: "+ln.Addr().String()+" is already in use: stop what listens there or pass --addr 127.0.0.1:PORT\n", errb.String())
}

func TestEditUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"edit", "a.json", "b.json"},
		{"edit", "--bogus"},
		{"edit", "--addr"},
		{"edit", "--from-import", "vcc"},
		{"edit", "--from-scan", "https://example.test", "--from-import", "vcc", "x.js"},
	} {
		var out, errb bytes.Buffer
		assert.Equal(t, 2, run(args, &out, &errb), args)
		assert.True(t, strings.HasPrefix(errb.String(), "consent edit: "), errb.String())
	}
}

func TestEditStartsFromAnImportOrANewPolicy(t *testing.T) {
	dir := t.TempDir()
	var errb bytes.Buffer
	data, notes, err := editStart(editArgs{file: dir + "/policy.json", fromKind: "vcc", fromImport: "../../importer/testdata/vcc-site.js"}, &errb)
	require.NoError(t, err)
	_, err = policy.Parse(data)
	assert.NoError(t, err, "the import validates")
	require.NotEmpty(t, notes)
	assert.Equal(t, "Imported from ../../importer/testdata/vcc-site.js (vcc); saving writes "+dir+"/policy.json.", notes[0])

	data, notes, err = editStart(editArgs{file: dir + "/new.json"}, &errb)
	require.NoError(t, err)
	_, err = policy.Parse(data)
	assert.NoError(t, err, "the starter policy validates")
	assert.Contains(t, notes[0], "does not exist yet")

	_, _, err = editStart(editArgs{file: dir + "/p.json", fromKind: "osano", fromImport: "x.js"}, &errb)
	assert.ErrorContains(t, err, `unknown kind "osano"`)
}

func TestEditStartsFromAScansDraft(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed (make test installs it)")
		}
		t.Skip("chromium is not on PATH; `make test` installs it")
	}
	port, stop, err := scantest.Start()
	require.NoError(t, err)
	defer stop()
	file := filepath.Join(t.TempDir(), "policy.json")
	site := scantest.URL("www.undeclared.test", port)
	var errb bytes.Buffer
	data, notes, err := editStart(editArgs{file: file, fromScan: site,
		scanArgs: []string{"--pages", "1", "--wait", "1s", "--host-resolver-rules", scantest.HostRules}}, &errb)
	require.NoError(t, err, errb.String())
	pol, err := policy.Parse(data)
	require.NoError(t, err, "the draft validates")
	assert.NotNil(t, pol.Service("csrf"), "the draft holds what the scan found")
	assert.Equal(t, "Drafted by consent scan "+site+": check each service's category and texts; saving writes "+file+".", notes[0])
	_, err = os.Stat(file)
	assert.True(t, os.IsNotExist(err), "nothing is written before Save")
}
