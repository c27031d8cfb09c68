package main

import (
	"net"
	"strings"
	"testing"
)

// TestListenBusyPort: a port already taken gives a message that names it
// and says how to choose another, not Go's bare "bind: address already in
// use".
func TestListenBusyPort(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	_, port, _ := net.SplitHostPort(taken.Addr().String())
	_, err = listen(taken.Addr().String())
	if err == nil {
		t.Fatal("listening on a busy port succeeded")
	}
	for _, want := range []string{"port " + port + " is busy", "make demo PORT="} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	ln, err := listen("127.0.0.1:0")
	if err != nil {
		t.Fatalf("a free port: %v", err)
	}
	ln.Close()
}
