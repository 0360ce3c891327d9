//go:build unix

package inputfile

import (
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A named pipe with no writer would block a plain open for ever; Read refuses it at once.
func TestReadRefusesANamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), ".env")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	_, err := Read(fifo, 1<<20)
	if !errors.Is(err, ErrNotRegular) || !strings.Contains(err.Error(), "named pipe (FIFO)") {
		t.Fatalf("Read(fifo) = %v", err)
	}
}
