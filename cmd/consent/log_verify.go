package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"time"
)

// readKey reads --key FILE: the secret that signs prune checkpoints.
func readKey(path string) ([]byte, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--key: %w", err)
	}
	b = bytes.TrimSpace(b)
	if len(b) < 16 {
		return nil, fmt.Errorf("--key %s: %d bytes, want at least 16 (e.g. head -c 32 /dev/urandom | base64 > FILE)", path, len(b))
	}
	return b, nil
}

func logVerify(dsn, keyFile string, stdout, stderr io.Writer) int {
	key, err := readKey(keyFile)
	if err != nil {
		fmt.Fprintf(stderr, "consent log verify: %v\n", err)
		return 2
	}
	store, ok := openForReading(dsn, stderr)
	if !ok {
		return 1
	}
	defer store.Close()
	reps, err := store.Verify(context.Background(), key)
	if err != nil {
		fmt.Fprintf(stderr, "consent log verify: %v\n", err)
		return 1
	}
	bad := 0
	for _, r := range reps {
		if r.Problem != "" {
			bad++
			fmt.Fprintf(stdout, "%s: BROKEN: %s\n", escapeText(r.Origin), r.Problem)
			continue
		}
		from := "the first record"
		if r.From.Seq > 0 {
			from = fmt.Sprintf("the checkpoint at seq %d (%s)", r.From.Seq, r.Checkpoint)
		}
		fmt.Fprintf(stdout, "%s: %d records from %s to seq %d, head hash %s: OK\n",
			escapeText(r.Origin), r.Records, from, r.Head.Seq, r.Head.Hash)
	}
	if len(reps) == 0 {
		fmt.Fprintln(stdout, "no records")
	}
	if bad > 0 {
		fmt.Fprintf(stderr, "consent log verify: %d of %d chains broken\n", bad, len(reps))
		return 1
	}
	return 0
}

// parseKeep reads --keep: N followed by d (days), w (weeks), m (months) or
// y (years).
func parseKeep(s string, now time.Time) (time.Time, error) {
	bad := errors.New("--keep: want a number and d, w, m or y, such as 3y or 18m, got " + strconv.Quote(s))
	if len(s) < 2 {
		return time.Time{}, bad
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n <= 0 {
		return time.Time{}, bad
	}
	switch s[len(s)-1] {
	case 'd':
		return now.AddDate(0, 0, -n), nil
	case 'w':
		return now.AddDate(0, 0, -7*n), nil
	case 'm':
		return now.AddDate(0, -n, 0), nil
	case 'y':
		return now.AddDate(-n, 0, 0), nil
	}
	return time.Time{}, bad
}

// parseDate reads --before: a date (2026-01-31, midnight UTC) or an RFC
// 3339 time.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	return time.Time{}, errors.New("--before: want a date such as 2023-01-01 or an RFC 3339 time, got " + strconv.Quote(s))
}

func logPrune(dsn string, before time.Time, keyFile string, stdout, stderr io.Writer) int {
	key, err := readKey(keyFile)
	if err != nil {
		fmt.Fprintf(stderr, "consent log prune: %v\n", err)
		return 2
	}
	store, ok := openForReading(dsn, stderr)
	if !ok {
		return 1
	}
	defer store.Close()
	reps, err := store.Prune(context.Background(), before.UnixMilli(), key, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "consent log prune: %v\n", err)
		return 1
	}
	if len(reps) == 0 {
		fmt.Fprintf(stdout, "nothing received before %s\n", before.UTC().Format(time.RFC3339))
	}
	for _, r := range reps {
		signed := "unsigned: keep this hash to check the checkpoint later"
		if r.Signed {
			signed = "signed with --key"
		}
		fmt.Fprintf(stdout, "%s: removed %d records received before %s; the chain now starts after seq %d, hash %s (%s)\n",
			escapeText(r.Origin), r.Removed, before.UTC().Format(time.RFC3339), r.Checkpoint.Seq, r.Checkpoint.Hash, signed)
	}
	return 0
}
