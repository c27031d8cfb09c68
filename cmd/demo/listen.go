package main

import (
	"errors"
	"fmt"
	"net"
	"syscall"
)

// listen opens addr, or says in plain words why it cannot: a busy port is
// the usual reason (another demo still running), and `make demo PORT=…`
// picks another.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		_, port, _ := net.SplitHostPort(addr)
		return nil, fmt.Errorf("port %s is busy: another program (an earlier `make demo`?) listens on %s; stop it, or choose another port: make demo PORT=8081", port, addr)
	}
	return nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
}
