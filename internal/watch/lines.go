package watch

import (
	"bufio"
	"errors"
	"io"
)

// Limits that keep an endless or hostile stream bounded.
const (
	// MaxLine is how much of one line is kept; the rest of a longer line is skipped. A
	// Laravel record puts a whole exception on its first line, a few KiB at most.
	MaxLine = 64 << 10
	// MaxRecord is how much of one record (a line and its continuation lines) is kept; a
	// stack trace beyond it is skipped. Every OAuth detail sits near a record's top.
	MaxRecord = 256 << 10
	// maxRecordLines caps the continuation lines kept, for records of very short lines.
	maxRecordLines = 4000
)

// lineReader reads lines of at most MaxLine bytes, reusing one buffer.
type lineReader struct {
	br   *bufio.Reader
	long int // lines cut at MaxLine
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, MaxLine)}
}

// next returns the next line without its line end; the slice is valid until the next call.
// A last line without a line end is returned too; io.EOF comes after it.
func (l *lineReader) next() ([]byte, error) {
	line, err := l.br.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		l.long++
		// Keep the first MaxLine bytes; drop the rest of the line. line stays valid: the
		// buffer is only refilled by the reads below, which happen after it is copied.
		kept := append([]byte(nil), line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			_, err = l.br.ReadSlice('\n')
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		return kept, nil
	}
	if len(line) == 0 && err != nil {
		return nil, err
	}
	for n := len(line); n > 0 && (line[n-1] == '\n' || line[n-1] == '\r'); n = len(line) {
		line = line[:n-1]
	}
	return line, nil
}
