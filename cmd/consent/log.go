package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/consentwasm/consent/consentlog"
)

const logUsage = `usage: consent log serve  [--db DSN] --addr HOST:PORT --origin ORIGIN... [--rate-limit N]
                          [--origin-rate-limit N] [--trust-proxy CIDR...] [--max-conns N]
                          [--log-level debug|info|warn|error]
       consent log show   [--db DSN] ID
       consent log export [--db DSN] [--since RFC3339] [--format jsonl|csv]
       consent log verify [--db DSN] [--key FILE]
       consent log prune  [--db DSN] (--before DATE | --keep 3y) [--key FILE]

The consent log keeps the proof of every choice the browsers of a site send
(a policy's proof.url). DSN is a file path or sqlite:PATH (default
consent-log.db), or a postgres:// URL.

serve       receives documents on POST /v1/consents from the listed origins
            (repeat --origin, or separate them with commas); --rate-limit is
            requests a second per client, an IPv4 address or an IPv6 /64
            (default 20, 0: none); --origin-rate-limit documents a second
            per origin, all clients together (default 1000, 0: none);
            --trust-proxy takes the client from X-Forwarded-For/Forwarded
            when the peer is in those CIDRs; --max-conns caps open
            connections (default 1024); SIGTERM finishes the requests in
            flight and stops
show ID     prints every stored record of a consent id, oldest first
export      writes every record received since a time (default: all), as
            JSON lines or CSV, streamed, with each record's hash chain
verify      recomputes each origin's hash chain and names the first record
            changed, deleted or inserted out of order (exit 1)
prune       deletes the records received before DATE (or older than 3y,
            18m, 90d), leaving a checkpoint the chain starts from, signed
            with an HMAC under --key FILE when given
`

// runLog runs `consent log serve|show|export`.
func runLog(args []string, stdout, stderr io.Writer) int {
	usageError := func(msg string) int {
		fmt.Fprintf(stderr, "consent log: %s\n%s", msg, logUsage)
		return 2
	}
	if len(args) == 0 {
		return usageError("missing serve, show, export, verify or prune")
	}
	fs := flag.NewFlagSet("log", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	dsn := fs.String("db", consentlog.DefaultDSN, "")
	var origins []string
	sub := args[0]
	switch sub {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, logUsage)
		return 0
	case "serve":
		addr := fs.String("addr", "127.0.0.1:8090", "")
		fs.Func("origin", "", func(s string) error {
			for _, o := range strings.Split(s, ",") {
				if o = strings.TrimSpace(o); o != "" {
					origins = append(origins, o)
				}
			}
			return nil
		})
		limit := fs.Int("rate-limit", consentlog.DefaultRateLimit, "")
		originLimit := fs.Int("origin-rate-limit", consentlog.DefaultOriginRateLimit, "")
		maxConns := fs.Int("max-conns", consentlog.DefaultMaxConns, "")
		var proxies []string
		fs.Func("trust-proxy", "", func(s string) error { proxies = append(proxies, s); return nil })
		level := fs.String("log-level", "info", "")
		pos, err := parseInterspersed(fs, args[1:])
		if err != nil {
			return flagError(err, stdout, usageError)
		}
		// "--origin A B": origins may also follow as arguments.
		origins = append(origins, pos...)
		if len(origins) == 0 {
			return usageError("serve needs at least one --origin (the site's, e.g. https://shop.example)")
		}
		for _, n := range []struct {
			name string
			v    int
		}{{"--rate-limit", *limit}, {"--origin-rate-limit", *originLimit}, {"--max-conns", *maxConns}} {
			if n.v < 0 {
				return oneLine(stderr, n.name+" must be 0 or more (0: no limit)")
			}
		}
		lvl, ok := logLevels[strings.ToLower(*level)]
		if !ok {
			return oneLine(stderr, "--log-level "+strconv.Quote(*level)+" is not a level: use debug, info, warn or error")
		}
		trusted, err := consentlog.ParseTrustProxy(proxies)
		if err != nil {
			return oneLine(stderr, err.Error())
		}
		return logServe(serveOptions{dsn: *dsn, addr: *addr, cfg: consentlog.Config{Origins: origins, RateLimit: *limit,
			OriginRateLimit: *originLimit, TrustProxy: trusted, MaxConns: *maxConns}, level: lvl}, stderr)
	case "show":
		pos, err := parseInterspersed(fs, args[1:])
		if err != nil {
			return flagError(err, stdout, usageError)
		}
		if len(pos) != 1 {
			return usageError("show needs one consent ID")
		}
		return logShow(*dsn, pos[0], stdout, stderr)
	case "export":
		since := fs.String("since", "", "")
		format := fs.String("format", "jsonl", "")
		pos, err := parseInterspersed(fs, args[1:])
		if err != nil {
			return flagError(err, stdout, usageError)
		}
		if len(pos) != 0 {
			return usageError("export takes no arguments, got " + strings.Join(pos, " "))
		}
		var from int64
		if *since != "" {
			t, err := time.Parse(time.RFC3339, *since)
			if err != nil {
				return usageError("--since: want an RFC 3339 time such as 2026-01-31T00:00:00Z, got " + strconv.Quote(*since))
			}
			from = t.UnixMilli()
		}
		if *format != "jsonl" && *format != "csv" {
			return usageError("--format must be jsonl or csv")
		}
		return logExport(*dsn, from, *format, stdout, stderr)
	case "verify":
		key := fs.String("key", "", "")
		pos, err := parseInterspersed(fs, args[1:])
		if err != nil {
			return flagError(err, stdout, usageError)
		}
		if len(pos) != 0 {
			return usageError("verify takes no arguments, got " + strings.Join(pos, " "))
		}
		return logVerify(*dsn, *key, stdout, stderr)
	case "prune":
		key := fs.String("key", "", "")
		before := fs.String("before", "", "")
		keep := fs.String("keep", "", "")
		pos, err := parseInterspersed(fs, args[1:])
		if err != nil {
			return flagError(err, stdout, usageError)
		}
		if len(pos) != 0 {
			return usageError("prune takes no arguments, got " + strings.Join(pos, " "))
		}
		if (*before == "") == (*keep == "") {
			return usageError("prune needs one of --before DATE or --keep 3y")
		}
		var t time.Time
		if *before != "" {
			t, err = parseDate(*before)
		} else {
			t, err = parseKeep(*keep, time.Now())
		}
		if err != nil {
			fmt.Fprintf(stderr, "consent log prune: %v\n", err)
			return 2
		}
		return logPrune(*dsn, t, *key, stdout, stderr)
	}
	return usageError("unknown log command " + strconv.Quote(sub))
}

func flagError(err error, stdout io.Writer, usageError func(string) int) int {
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, logUsage)
		return 0
	}
	return usageError(err.Error())
}

func openForReading(dsn string, stderr io.Writer) (*consentlog.Store, bool) {
	if !consentlog.IsPostgres(dsn) {
		path := strings.TrimPrefix(dsn, "sqlite:")
		if _, err := os.Stat(path); err != nil {
			fmt.Fprintf(stderr, "consent log: no consent log at %s: %v\n", path, err)
			return nil, false
		}
	}
	store, err := consentlog.Open(context.Background(), dsn)
	if err != nil {
		fmt.Fprintf(stderr, "consent log: %v\n", err)
		return nil, false
	}
	return store, true
}
