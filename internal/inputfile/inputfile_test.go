package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadTakesOnlyRegularFilesUnderTheLimit(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.txt")
	if err := os.WriteFile(small, []byte("HTTP/1.1 401\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, make([]byte, 2048), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, err := Read(small, 1024); err != nil || string(b) != "HTTP/1.1 401\n" {
		t.Fatalf("Read(small) = %q, %v", b, err)
	}
	for _, tc := range []struct {
		path, says string
		is         error
	}{
		{big, "is 2 KiB; the limit is 1 KiB", ErrTooLarge},
		{dir, "is a directory, not a regular file", ErrNotRegular},
		{os.DevNull, "is a character device, not a regular file", ErrNotRegular},
	} {
		_, err := Read(tc.path, 1024)
		if !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("Read(%s) = %v, want it to say %q", tc.path, err, tc.says)
		}
	}
	if _, err := Read(filepath.Join(dir, "missing"), 1024); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("Read(missing) = %v", err)
	}
}

// A size is never rounded to what the limit reads as.
func TestSizeTextNeverRoundsOntoTheLimit(t *testing.T) {
	for n, want := range map[int64]string{
		300: "300 bytes", 1024: "1 KiB", 1536: "1.5 KiB", 1 << 20: "1 MiB", 1100000: "1.05 MiB",
		1<<20 + 1: "just over 1 MiB", 1<<20 - 1: "just under 1 MiB", 50<<20 + 1: "just over 50 MiB", 3 << 19: "1.5 MiB", 200 << 20: "200 MiB", 200<<20 + 199: "just over 200 MiB",
	} {
		if got := SizeText(n); got != want {
			t.Errorf("SizeText(%d) = %q, want %q", n, got, want)
		}
	}
}
