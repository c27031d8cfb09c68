package release

import (
	"archive/tar"
	"compress/gzip"
	"fmt"
	"os"
	"sort"
	"time"
)

// writeTarball writes files under prefix/ into a gzipped tar at path, in
// name order with one time and no owner, so that the same build gives the
// same archive.
func writeTarball(path, prefix string, files map[string][]byte, mod time.Time) error {
	if mod.IsZero() {
		mod = time.Unix(0, 0)
	}
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	defer f.Close()
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(zw)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	hdr := func(name string, typ byte, mode int64, size int) *tar.Header {
		return &tar.Header{Name: name, Typeflag: typ, Mode: mode, Size: int64(size), ModTime: mod.UTC(), Uname: "root", Gname: "root", Format: tar.FormatPAX}
	}
	if err := tw.WriteHeader(hdr(prefix+"/", tar.TypeDir, 0o755, 0)); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	for _, n := range names {
		if err := tw.WriteHeader(hdr(prefix+"/"+n, tar.TypeReg, 0o644, len(files[n]))); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
		if _, err := tw.Write(files[n]); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err := tw.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
