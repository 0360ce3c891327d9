//go:build unix

package config

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A .env that is a named pipe would block Load until something wrote to it; a directory
// cannot be read. Both are refused at once, with what they are.
func TestSpecialDotEnvIsRefused(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, DotEnvName), 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	if _, err := Load(Inputs{Dir: dir}); err == nil || !strings.Contains(err.Error(), "named pipe (FIFO), not a regular file") {
		t.Errorf("FIFO .env: err = %v", err)
	}
	dir = t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, DotEnvName), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(Inputs{Dir: dir}); err == nil || !strings.Contains(err.Error(), "a directory, not a regular file") {
		t.Errorf("directory .env: err = %v", err)
	}
}
