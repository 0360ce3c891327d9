package watch

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// FileError is a path that cannot be followed, and why (its English is the message id,
// so the command line says it in the person's language: ProblemIn).
type FileError struct {
	Path    string
	Problem string
}

func (e *FileError) Error() string { return e.Path + " " + e.Problem }

// ProblemIn is why, in l, without the path.
func (e *FileError) ProblemIn(l lang.Lang) string { return l.T(e.Problem) }

// Follow opens the log at path to read as it grows, like tail -F: from its end, or from
// its start when fromStart. When the file is rotated (renamed away and a new one created
// at path) the old one is read to its end and the new one from its start; when it is
// truncated (copytruncate) reading starts again at its start. A named pipe is read as a
// stream. Reads block until there is more to read; they end (io.EOF) when ctx does.
func Follow(ctx context.Context, path string, fromStart bool, poll time.Duration) (io.ReadCloser, error) {
	if poll <= 0 {
		poll = 250 * time.Millisecond
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	switch m := st.Mode(); {
	case m.IsDir():
		return nil, &FileError{Path: path, Problem: lang.N("is a directory: give the log file itself (e.g. storage/logs/laravel.log)")}
	case m&fs.ModeNamedPipe != 0:
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		return &pipe{f: f, ctx: ctx}, nil
	case !m.IsRegular():
		return nil, &FileError{Path: path, Problem: lang.N("is not a regular file or a pipe: give the log file, or - to read stdin")}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	fl := &follower{ctx: ctx, path: path, poll: poll, f: f}
	if fl.st, err = f.Stat(); err != nil {
		f.Close()
		return nil, err
	}
	if !fromStart {
		if fl.off, err = f.Seek(0, io.SeekEnd); err != nil {
			f.Close()
			return nil, err
		}
	}
	return fl, nil
}

type follower struct {
	ctx  context.Context
	path string
	poll time.Duration
	f    *os.File
	st   os.FileInfo
	off  int64
	// tail holds the last bytes read: after a wait they must still stand before off, or
	// the file was cut and written again (copytruncate followed at once by new records,
	// as long as or longer than before), which a size check alone cannot see.
	tail   []byte
	waited bool
	// Rotations and truncations seen, for the tests and the closing line.
	rotations, truncations int
}

// tailKept is how many of the last bytes read are kept to recognise a rewritten file.
const tailKept = 64

func (fl *follower) Read(p []byte) (int, error) {
	for {
		if fl.waited {
			fl.waited = false
			if err := fl.restartIfRewritten(); err != nil {
				return 0, err
			}
		}
		n, err := fl.f.Read(p)
		if n > 0 {
			fl.off += int64(n)
			fl.keepTail(p[:n])
			return n, nil
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return 0, err
		}
		// At the end of what is written: has the file been replaced or cut short?
		if switched, err := fl.reopen(); err != nil {
			return 0, err
		} else if switched {
			continue
		}
		fl.waited = true
		select {
		case <-fl.ctx.Done():
			return 0, io.EOF
		case <-time.After(fl.poll):
		}
	}
}

func (fl *follower) keepTail(b []byte) {
	if len(b) >= tailKept {
		fl.tail = append(fl.tail[:0], b[len(b)-tailKept:]...)
		return
	}
	fl.tail = append(fl.tail, b...)
	if extra := len(fl.tail) - tailKept; extra > 0 {
		fl.tail = append(fl.tail[:0], fl.tail[extra:]...)
	}
}

// restartIfRewritten goes back to the start of the file when the bytes last read no longer
// stand where they were read.
func (fl *follower) restartIfRewritten() error {
	if len(fl.tail) == 0 {
		return nil
	}
	buf := make([]byte, len(fl.tail))
	if n, _ := fl.f.ReadAt(buf, fl.off-int64(len(buf))); n == len(buf) && bytes.Equal(buf, fl.tail) {
		return nil
	}
	if _, err := fl.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	fl.off, fl.tail = 0, fl.tail[:0]
	fl.truncations++
	return nil
}

// reopen moves to a new file at the path, or to the start of a truncated one; the old
// file has been read to its end already.
func (fl *follower) reopen() (bool, error) {
	st, err := os.Stat(fl.path)
	if err != nil {
		return false, nil // rotated away, the new one not created yet: wait for it
	}
	if !os.SameFile(st, fl.st) {
		nf, err := os.Open(fl.path)
		if err != nil {
			return false, nil
		}
		// Whatever reached the old file between the last read and now is read first.
		if cur, err := fl.f.Stat(); err == nil && cur.Size() > fl.off {
			nf.Close()
			return true, nil
		}
		if nst, err := nf.Stat(); err == nil {
			fl.st = nst
		}
		fl.f.Close()
		fl.f, fl.off, fl.tail = nf, 0, fl.tail[:0]
		fl.rotations++
		return true, nil
	}
	if cur, err := fl.f.Stat(); err == nil && cur.Size() < fl.off {
		if _, err := fl.f.Seek(0, io.SeekStart); err != nil {
			return false, err
		}
		fl.off, fl.tail = 0, fl.tail[:0]
		fl.truncations++
		return true, nil
	}
	return false, nil
}

func (fl *follower) Close() error { return fl.f.Close() }

// pipe reads a named pipe, ending when ctx does.
type pipe struct {
	f   *os.File
	ctx context.Context
}

func (p *pipe) Read(b []byte) (int, error) {
	if p.ctx.Err() != nil {
		return 0, io.EOF
	}
	return p.f.Read(b)
}

func (p *pipe) Close() error { return p.f.Close() }
