package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/consentwasm/consent/consentlog"
)

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
		fmt.Fprintf(stderr, "consent log show: no record of consent id %s\n", escapeText(id))
		return 1
	}
	fmt.Fprintf(w, "%d record(s) of consent id %s\n", n, escapeText(id))
	if err := w.Flush(); err != nil {
		fmt.Fprintf(stderr, "consent log show: %v\n", err)
		return 1
	}
	return 0
}

func rfc3339ms(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z07:00")
}

// writeReadable prints one record the way a person reads it: the
// browser's time of the choice beside the server's receive time, and
// every string from the browser escaped (escapeText).
func writeReadable(w io.Writer, e consentlog.Entry) {
	d := e.Doc
	gpc := "off"
	if d.GPC {
		gpc = "on"
	}
	fmt.Fprintf(w, "%s  %-10s  revision %d  %s%s  language %s  GPC %s\n",
		rfc3339ms(d.Timestamp), d.Method, d.Revision, escapeText(d.Origin), escapeText(d.Path), escapeText(d.Language), gpc)
	fmt.Fprintf(w, "  chosen %s (browser clock), received %s (server clock)\n", rfc3339ms(d.Timestamp), rfc3339ms(e.ReceivedAt))
	if d.Source != "" {
		fmt.Fprintf(w, "  made by: %s\n", map[string]string{"banner": "the visitor (banner)", "api": "the site's code (api)"}[d.Source])
	}
	fmt.Fprintf(w, "  categories: %s\n", choiceList(d.Categories))
	if len(d.Services) > 0 {
		fmt.Fprintf(w, "  services:   %s\n", choiceList(d.Services))
	}
	fmt.Fprintf(w, "  policy sha256 %s\n", d.PolicySHA256)
	if e.Link.Hash != "" {
		fmt.Fprintf(w, "  chain seq %d, hash %s\n", e.Link.Seq, e.Link.Hash)
	}
}

// escapeText makes a string from a browser safe to print on a terminal:
// C0 and C1 controls, DEL, the bidi controls (which reorder what follows
// them on screen) and invalid UTF-8 are written as \u{XXXX} or \xNN, and a
// backslash as \\, so that what is shown is what is stored.
func escapeText(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			sb.WriteString(`\x` + strconv.FormatUint(uint64(s[i]), 16))
		case r == '\\':
			sb.WriteString(`\\`)
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f, isBidi(r):
			sb.WriteString(`\u{` + strings.ToUpper(strconv.FormatInt(int64(r), 16)) + `}`)
		default:
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	return sb.String()
}

// isBidi reports the bidirectional formatting characters: ALM, LRM, RLM,
// LRE…RLO (U+202A–U+202E), LRI…PDI (U+2066–U+2069).
func isBidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
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
