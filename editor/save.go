package editor

import (
	"fmt"
	"os"
	"path/filepath"
)

// saveFile writes data to path atomically: into a temporary file in the
// same directory, synced, then renamed over path, so that a crash leaves
// either the old file or the new one, never half of one. The previous
// version, when there is one, is kept beside it as path+".bak" (written
// the same way). It returns the backup's path, or "" when there was no
// previous version.
func saveFile(path string, data []byte) (backup string, err error) {
	perm := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		perm = fi.Mode().Perm()
		old, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("read the previous version: %w", err)
		}
		backup = path + ".bak"
		if err := writeAtomic(backup, old, perm); err != nil {
			return "", fmt.Errorf("back up the previous version: %w", err)
		}
	} else if !os.IsNotExist(err) {
		return "", err
	}
	if err := writeAtomic(path, data, perm); err != nil {
		return "", err
	}
	return backup, nil
}

// writeAtomic writes data to a temporary file beside path and renames it
// over path.
func writeAtomic(path string, data []byte, perm os.FileMode) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.tmp")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // after a successful rename, nothing is there
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, perm); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync() // the rename itself reaches the disk; best effort
		d.Close()
	}
	return nil
}
