// Package inputfile reads the files a person names (evidence files, .env) without the traps
// a special file sets: a named pipe that blocks until a writer comes, a device that never
// ends, a directory. Only regular files are read, their size is known before any byte is,
// and a file cannot be swapped for a pipe between the look and the read.
package inputfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
)

// ErrNotRegular and ErrTooLarge are what an *Error wraps.
var (
	ErrNotRegular = errors.New("not a regular file")
	ErrTooLarge   = errors.New("too large")
)

// Error is a file refused: what is wrong with it, as a predicate ("is a directory, not a
// regular file"), so a caller can put it after the file's name or its own words.
type Error struct {
	Path    string
	Problem string
	Err     error // ErrNotRegular or ErrTooLarge
}

func (e *Error) Error() string { return e.Path + " " + e.Problem }
func (e *Error) Unwrap() error { return e.Err }

// Stat returns the size of the regular file at path, or an error that says what the path is
// instead (a directory, a named pipe, a device) or that it is over limit bytes.
func Stat(path string, limit int64) (int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), check(path, st, limit)
}

// Read reads the regular file at path, refusing it as Stat does. A file that grows past
// limit while it is read is refused too.
func Read(path string, limit int64) ([]byte, error) {
	if _, err := Stat(path, limit); err != nil {
		return nil, err
	}
	// O_NONBLOCK: should a pipe have taken the file's place since the look, opening it does
	// not wait for a writer; the second look below then refuses it.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := check(path, st, limit); err != nil {
		return nil, err
	}
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, &Error{path, "grew past " + SizeText(limit) + " while it was read", ErrTooLarge}
	}
	return b, nil
}

func check(path string, st fs.FileInfo, limit int64) error {
	if !st.Mode().IsRegular() {
		return &Error{path, "is " + Kind(st.Mode()) + ", not a regular file", ErrNotRegular}
	}
	if st.Size() > limit {
		return &Error{path, fmt.Sprintf("is %s; the limit is %s", SizeText(st.Size()), SizeText(limit)), ErrTooLarge}
	}
	return nil
}

// Kind names what a file is, for a message: "a directory", "a named pipe (FIFO)".
func Kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m.IsRegular():
		return "a regular file"
	}
	return "a special file"
}

// SizeText is a byte count as a person reads it: "1 MiB", "1.5 MiB", "12.25 KiB", "300
// bytes". It never rounds a size to what a limit reads as: a file just over 1 MiB is
// "1.05 MiB" or "just over 1 MiB", never "1.0 MiB".
func SizeText[N int | int64](n N) string {
	unit, name := int64(1), "bytes"
	switch {
	case n >= 1<<20:
		unit, name = 1<<20, "MiB"
	case n >= 1<<10:
		unit, name = 1<<10, "KiB"
	}
	v := int64(n)
	if v%unit == 0 {
		return fmt.Sprintf("%d %s", v/unit, name)
	}
	// A size that is not a whole number of units must never print as one: 50 MiB and one
	// byte over a 50 MiB limit would read "50 MiB".
	formats := []string{"%.1f", "%.2f"}
	if v >= 10*unit {
		formats = append([]string{"%.0f"}, formats...)
	}
	for _, format := range formats {
		if s := fmt.Sprintf(format, float64(v)/float64(unit)); !wholeNumber(s) {
			return s + " " + name
		}
	}
	whole := (v + unit/2) / unit
	over := v > whole*unit
	if whole == 1024 && name != "MiB" {
		whole, name = 1, map[string]string{"bytes": "KiB", "KiB": "MiB"}[name]
	}
	if over {
		return fmt.Sprintf("just over %d %s", whole, name)
	}
	return fmt.Sprintf("just under %d %s", whole, name)
}

// wholeNumber reports whether a formatted decimal has no fraction ("50", "50.0", "50.00").
func wholeNumber(s string) bool {
	i := strings.IndexByte(s, '.')
	return i < 0 || strings.Trim(s[i:], ".0") == ""
}
