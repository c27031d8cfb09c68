package devserver

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
)

// fileETag returns a strong ETag for the open file f: a hash of its bytes
// (a rebuild within the file system's time resolution changes it too),
// plus the encoding ("" for none), since the .br, .gz and plain copies are
// different bytes. It leaves f at its start, for http.ServeContent, which
// answers If-None-Match with it.
func fileETag(f *os.File, encoding string) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hash %s: %w", f.Name(), err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", fmt.Errorf("rewind %s: %w", f.Name(), err)
	}
	t := `"` + hex.EncodeToString(h.Sum(nil)[:12])
	if encoding != "" {
		t += "-" + encoding
	}
	return t + `"`, nil
}

// bytesETag returns a strong ETag for generated content (a page whose
// preload was rewritten): a hash of the bytes.
func bytesETag(b []byte) string {
	sum := sha256.Sum256(b)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}
