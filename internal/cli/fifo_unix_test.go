//go:build unix

package cli

import (
	"path/filepath"
	"syscall"
	"testing"
)

// fifo makes a named pipe in dir; no writer ever opens it.
func fifo(t *testing.T, dir, name string) string {
	p := filepath.Join(dir, name)
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Skipf("no FIFO here: %v", err)
	}
	return p
}
