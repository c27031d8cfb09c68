package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/consentwasm/consent/consentlog"
)

// logLevels are the names --log-level takes.
var logLevels = map[string]slog.Level{
	"debug": slog.LevelDebug, "info": slog.LevelInfo, "warn": slog.LevelWarn, "error": slog.LevelError,
}

// oneLine prints a serve error on one line and returns the usage exit code.
func oneLine(stderr io.Writer, msg string) int {
	fmt.Fprintf(stderr, "consent log serve: %s\n", msg)
	return 2
}

type serveOptions struct {
	dsn, addr string
	cfg       consentlog.Config
	level     slog.Level
}

func logServe(o serveOptions, stderr io.Writer) int {
	logger := slog.New(slog.NewJSONHandler(stderr, &slog.HandlerOptions{Level: o.level}))
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	// Listen first: a busy port is the commonest mistake, and it should
	// not wait for the database.
	ln, err := listenLog(o.addr)
	if err != nil {
		fmt.Fprintf(stderr, "consent log serve: %v\n", err)
		return 1
	}
	defer ln.Close()
	octx, cancel := context.WithTimeout(ctx, 30*time.Second)
	store, err := consentlog.Open(octx, o.dsn)
	cancel()
	if err != nil {
		logger.Error("open the database", "err", err)
		return 1
	}
	defer store.Close()
	o.cfg.Store = store
	o.cfg.Logger = logger
	if err := consentlog.Serve(ctx, ln, o.cfg, 20*time.Second); err != nil {
		logger.Error("serve", "err", err)
		return 1
	}
	return 0
}

// listenLog opens addr, or says in one line why it cannot.
func listenLog(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	if errors.Is(err, syscall.EADDRINUSE) {
		_, port, _ := net.SplitHostPort(addr)
		return nil, fmt.Errorf("port %s is busy: another program (an earlier `consent log serve`?) listens on %s; stop it, or choose another port: --addr 127.0.0.1:8091", port, addr)
	}
	return nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
}
