package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
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
            JSON lines or CSV, streamed
`

// runLog runs `consent log serve|show|export`.
func runLog(args []string, stdout, stderr io.Writer) int {
	usageError := func(msg string) int {
		fmt.Fprintf(stderr, "consent log: %s\n%s", msg, logUsage)
		return 2
	}
	if len(args) == 0 {
		return usageError("missing serve, show or export")
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

func logShow(dsn, id string, stdout, stderr io.Writer) int {
	store, ok := openForReading(dsn, stderr)
	if !ok {
		return 1
	}
	defer store.Close()
	w := bufio.NewWriter(stdout)
	n := 0
	err := store.Show(context.Background(), id, func(e consentlog.Entry) error {
		n++
		writeReadable(w, e)
		return nil
	})
	if err != nil {
		fmt.Fprintf(stderr, "consent log show: %v\n", err)
		return 1
	}
	if n == 0 {
		fmt.Fprintf(stderr, "consent log show: no record of consent id %q\n", id)
		return 1
	}
	fmt.Fprintf(w, "%d record(s) of consent id %s\n", n, id)
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "consent log show: %v\n", err)
		return 1
	}
	return 0
}

func rfc3339ms(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// writeReadable prints one record the way a person reads it.
func writeReadable(w io.Writer, e consentlog.Entry) {
	d := e.Doc
	gpc := "off"
	if d.GPC {
		gpc = "on"
	}
	fmt.Fprintf(w, "%s  %-10s  revision %d  %s%s  language %s  GPC %s\n",
		rfc3339ms(d.Timestamp), d.Method, d.Revision, d.Origin, d.Path, d.Language, gpc)
	fmt.Fprintf(w, "  categories: %s\n", choiceList(d.Categories))
	if len(d.Services) > 0 {
		fmt.Fprintf(w, "  services:   %s\n", choiceList(d.Services))
	}
	fmt.Fprintf(w, "  policy sha256 %s, received %s\n", d.PolicySHA256, rfc3339ms(e.ReceivedAt))
}

func choiceList(m map[string]bool) string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var on, off []string
	for _, id := range ids {
		if m[id] {
			on = append(on, id)
		} else {
			off = append(off, id)
		}
	}
	s := "accepted " + orNone(on)
	return s + "; refused " + orNone(off)
}

func orNone(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return strings.Join(ids, " ")
}

// csvHeader is export's CSV columns.
var csvHeader = []string{"consent_id", "timestamp", "received_at", "method", "revision", "policy_sha256",
	"origin", "path", "language", "gpc", "categories", "services"}

func logExport(dsn string, since int64, format string, stdout, stderr io.Writer) int {
	store, ok := openForReading(dsn, stderr)
	if !ok {
		return 1
	}
	defer store.Close()
	w := bufio.NewWriterSize(stdout, 64<<10)
	var cw *csv.Writer
	if format == "csv" {
		cw = csv.NewWriter(w)
		_ = cw.Write(csvHeader)
	}
	err := store.Export(context.Background(), since, func(e consentlog.Entry) error {
		d := e.Doc
		if cw != nil {
			return cw.Write([]string{d.ConsentID, rfc3339ms(d.Timestamp), rfc3339ms(e.ReceivedAt), d.Method,
				strconv.FormatInt(d.Revision, 10), d.PolicySHA256, d.Origin, d.Path, d.Language,
				strconv.FormatBool(d.GPC), jsonChoices(d.Categories), jsonChoices(d.Services)})
		}
		if _, err := w.Write(d.JSON(e.ReceivedAt)); err != nil {
			return err
		}
		return w.WriteByte('\n')
	})
	if cw != nil {
		cw.Flush()
		if err == nil {
			err = cw.Error()
		}
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(stderr, "consent log export: %v\n", err)
		return 1
	}
	return 0
}

func jsonChoices(m map[string]bool) string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var sb strings.Builder
	sb.WriteByte('{')
	for i, id := range ids {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Quote(id) + ":" + strconv.FormatBool(m[id]))
	}
	sb.WriteByte('}')
	return sb.String()
}
