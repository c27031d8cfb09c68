package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/consentwasm/consent/consentlog"
)

// csvHeader is export's CSV columns; document is the canonical bytes the
// chain hashes (docs/consent-log.md).
var csvHeader = []string{"consent_id", "timestamp", "received_at", "method", "revision", "policy_sha256",
	"origin", "path", "language", "gpc", "categories", "services", "seq", "prev_hash", "hash", "received_at_ms", "document", "source"}

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
			return cw.Write([]string{csvCell(d.ConsentID), rfc3339ms(d.Timestamp), rfc3339ms(e.ReceivedAt), csvCell(d.Method),
				strconv.FormatInt(d.Revision, 10), d.PolicySHA256, csvCell(d.Origin), csvCell(d.Path), csvCell(d.Language),
				strconv.FormatBool(d.GPC), jsonChoices(d.Categories), jsonChoices(d.Services),
				strconv.FormatInt(e.Link.Seq, 10), e.Link.Prev, e.Link.Hash, strconv.FormatInt(e.ReceivedAt, 10),
				string(d.Canonical()), d.Source})
		}
		_, err := w.Write(exportLine(e))
		return err
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

// exportLine is one JSON line: the canonical document with
// "receivedAt" and "chain" added before its closing brace, so that
// removing them (sed 's/,"receivedAt":.*$/}/') gives back the bytes hashed.
func exportLine(e consentlog.Entry) []byte {
	c := e.Doc.Canonical()
	out := append([]byte(nil), c[:len(c)-1]...)
	out = append(out, `,"receivedAt":`+strconv.FormatInt(e.ReceivedAt, 10)...)
	out = append(out, `,"chain":{"seq":`+strconv.FormatInt(e.Link.Seq, 10)+`,"prev":"`+e.Link.Prev+`","hash":"`+e.Link.Hash+`"}}`+"\n"...)
	return out
}

// csvCell keeps a spreadsheet from reading a cell as a formula: one that
// starts with = + - @, a tab or a carriage return gets a leading
// apostrophe (OWASP's advice), which a spreadsheet shows as text.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
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
