package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// stampFile records, in dist, the SHA-256 of the data each .br/.gz pair
// was compressed from, so that a build whose inputs did not change skips
// the compression (brotli at its best level takes seconds for the wasm).
const stampFile = ".compressed"

// compressVersion changes when compress's output for the same data does
// (another level or library), so that old copies are made again.
const compressVersion = "brotli-11 gzip-9 v1"

// compressFunc compresses; tests count its calls.
var compressFunc = compress

// stamps maps a file name in dist to the hash of the data its copies hold.
type stamps map[string]string

func dataHash(data []byte) string {
	sum := sha256.Sum256(append([]byte(compressVersion+"\n"), data...))
	return hex.EncodeToString(sum[:])
}

// readStamps reads dist's stamp file; a missing or unreadable one is empty.
func readStamps(dist string) stamps {
	st := stamps{}
	b, err := os.ReadFile(filepath.Join(dist, stampFile))
	if err != nil {
		return st
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		if h, name, ok := strings.Cut(sc.Text(), "  "); ok {
			st[name] = h
		}
	}
	return st
}

func (st stamps) write(dist string) error {
	names := make([]string, 0, len(st))
	for n := range st {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%s  %s\n", st[n], n)
	}
	return writeIfChanged(filepath.Join(dist, stampFile), []byte(b.String()))
}

// compressed writes name.br and name.gz in dist for data, unless the stamp
// says they already hold it and both exist. It returns their sizes and
// whether it compressed.
func (st stamps) compressed(dist, name string, data []byte) (brLen, gzLen int, did bool, err error) {
	h := dataHash(data)
	if st[name] == h {
		br, errB := os.Stat(filepath.Join(dist, name+".br"))
		gz, errG := os.Stat(filepath.Join(dist, name+".gz"))
		if errB == nil && errG == nil {
			return int(br.Size()), int(gz.Size()), false, nil
		}
	}
	delete(st, name)
	br, gz, err := compressFunc(data)
	if err != nil {
		return 0, 0, false, fmt.Errorf("compress %s: %w", name, err)
	}
	if err := writeIfChanged(filepath.Join(dist, name+".br"), br); err != nil {
		return 0, 0, false, err
	}
	if err := writeIfChanged(filepath.Join(dist, name+".gz"), gz); err != nil {
		return 0, 0, false, err
	}
	st[name] = h
	return len(br), len(gz), true, nil
}

// writeIfChanged writes data to path unless the file already holds it, so
// that an unchanged build leaves files, and their times, alone.
func writeIfChanged(path string, data []byte) error {
	old, err := os.ReadFile(path)
	if err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Base(path), err)
	}
	return nil
}
