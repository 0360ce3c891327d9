package line

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"

	"github.com/muesli/cancelreader"
	"golang.org/x/term"
)

// errEnd is the end of input (ctrl+d on a terminal, the end of a pipe): the session ends
// cleanly, saying so.
var errEnd = errors.New("end of input")

// maxLine bounds one line: a line longer than a whole paste may be is cut there, the rest
// of it read and dropped, so a stream without line breaks cannot grow memory without end.
const maxLine = 1 << 20

// lineReq asks the reader for one line; hidden asks for it without echo when the input is
// a terminal (a secret value typed at a check).
type lineReq struct{ hidden bool }

type lineResp struct {
	text string
	long bool // the line was longer than maxLine and was cut
	err  error
}

// reader reads lines on request in a goroutine of its own, so a read blocked on a person
// who has not answered yet never blocks an interrupt: the session waits on the answer or
// on the context, whichever comes first. Lines are read one at a time, only when asked
// for, so nothing is read ahead of a hidden (no echo) read.
type reader struct {
	req  chan lineReq
	resp chan lineResp
	// tty is set when the input is a terminal, which echoes what is typed and the Enter
	// that ends it; from a pipe nothing is echoed.
	tty bool
	fd  int // the terminal's descriptor, when tty
	// saved is the terminal's state at the start, given back at the end: a hidden read
	// still waiting when the session ends (ctrl+c at a secret's prompt) would otherwise
	// leave the terminal without echo.
	saved *term.State
	// cancel stops a read under way, where the input allows it (a terminal, a pipe), so
	// that after the session no read of ours is left waiting on the terminal: whatever the
	// program reads from it next (a terminal's answer to a query) is not taken from it.
	cancel func() bool
	done   chan struct{}
	once   sync.Once
}

func newReader(in io.Reader) *reader {
	r := &reader{req: make(chan lineReq), resp: make(chan lineResp), done: make(chan struct{}), cancel: func() bool { return false }}
	fd, tty := -1, false
	if f, ok := in.(*os.File); ok {
		tty = term.IsTerminal(int(f.Fd()))
		fd = int(f.Fd())
		// A regular file cannot be waited on; it never blocks either, so it is read as it is.
		if cr, err := cancelreader.NewReader(f); err == nil {
			in, r.cancel = cr, cr.Cancel
		}
	}
	br := bufio.NewReaderSize(in, 64<<10)
	r.tty, r.fd = tty, fd
	if tty {
		r.saved, _ = term.GetState(fd)
	}
	go func() {
		for {
			var q lineReq
			select {
			case q = <-r.req:
			case <-r.done:
				return
			}
			var resp lineResp
			if q.hidden && tty && br.Buffered() == 0 {
				// The terminal's echo is switched off by the terminal driver (no escape
				// sequence is written); the person's Enter is not echoed either.
				b, err := term.ReadPassword(fd)
				resp = lineResp{text: string(b), err: err}
				if err != nil {
					resp.err = errEnd
				}
			} else {
				resp = readLine(br)
			}
			select {
			case r.resp <- resp:
			case <-r.done:
				return
			}
		}
	}()
	return r
}

// close stops the reader: a read under way is cancelled where the input allows it, and
// the goroutine ends.
func (r *reader) close() {
	r.once.Do(func() {
		close(r.done)
		r.cancel()
		if r.saved != nil {
			_ = term.Restore(r.fd, r.saved)
		}
	})
}

// readLine reads up to the next line feed, without it (and without a CR before it). A last
// line without a line feed is a line; nothing at all before the end is errEnd.
func readLine(br *bufio.Reader) lineResp {
	var b strings.Builder
	long := false
	for {
		part, isPrefix, err := br.ReadLine()
		if err != nil {
			if b.Len() > 0 || long {
				return lineResp{text: b.String(), long: long}
			}
			return lineResp{err: errEnd}
		}
		if b.Len()+len(part) > maxLine {
			part = part[:max(0, maxLine-b.Len())]
			long = true
		}
		b.Write(part)
		if !isPrefix {
			return lineResp{text: b.String(), long: long}
		}
	}
}

// line waits for the next line or for ctx to end.
func (r *reader) line(ctx context.Context, hidden bool) (lineResp, error) {
	select {
	case r.req <- lineReq{hidden: hidden}:
	case <-ctx.Done():
		return lineResp{}, ctx.Err()
	}
	select {
	case resp := <-r.resp:
		return resp, resp.err
	case <-ctx.Done():
		// The goroutine stays blocked on the read; the program is ending anyway.
		return lineResp{}, ctx.Err()
	}
}
