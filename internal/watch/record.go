package watch

import (
	"bytes"
	"regexp"
	"time"
)

// records joins lines into records: a line that opens a record (a dated header, a JSON
// log line, any line that is not a continuation) ends the one before it, and the lines
// that continue one (indented, a stack frame, [stacktrace], "Next …", the rest of a
// JSON body) join it. A record is kept up to MaxRecord bytes.
type records struct {
	buf     []byte // the record being read
	spare   []byte // the record last returned: the two buffers take turns, so neither grows garbage
	lines   int
	first   int       // the stream line the record starts on, from 1
	stamp   time.Time // the collector's time on the record's first line (docker logs -t), or zero
	done    time.Time // stamp of the record last returned
	json    bool      // the record is a JSON log line, so the next "{" line opens another
	open    bool      // a record is being read
	cut     bool      // the record went over MaxRecord
	colon   bool      // the last line ended with ":", so a body follows (Guzzle's "… response:")
	lineNum int       // lines read so far
	dropped int       // bytes of records beyond MaxRecord, in all
}

// add takes the next line; when it opens a record, the one before it is complete and is
// returned (valid until the next record is returned).
func (r *records) add(line []byte) (done []byte, first int, ok bool) {
	r.lineNum++
	line, stamp := stripPrefix(line)
	if r.open && r.continues(line) {
		r.append(line)
		return nil, 0, false
	}
	done, first, ok = r.flush()
	r.start(line)
	r.stamp = stamp
	return done, first, ok
}

// flush ends the record being read, returning it.
func (r *records) flush() (done []byte, first int, ok bool) {
	if !r.open {
		return nil, 0, false
	}
	r.open = false
	if len(bytes.TrimSpace(r.buf)) == 0 {
		return nil, 0, false
	}
	done = r.buf
	r.buf, r.spare = r.spare[:0], done
	r.done = r.stamp
	return done, r.first, true
}

func (r *records) start(line []byte) {
	r.buf, r.lines, r.first, r.cut, r.open = r.buf[:0], 0, r.lineNum, false, true
	r.json = bytes.HasPrefix(bytes.TrimSpace(line), []byte("{"))
	r.append(line)
}

func (r *records) append(line []byte) {
	if r.cut || len(r.buf)+len(line)+1 > MaxRecord || r.lines >= maxRecordLines {
		r.cut = true
		r.dropped += len(line) + 1
		return
	}
	if r.lines > 0 {
		r.buf = append(r.buf, '\n')
	}
	r.buf = append(r.buf, line...)
	r.lines++
	r.colon = bytes.HasSuffix(bytes.TrimSpace(line), []byte(":"))
}

// header is a line that opens a record whatever came before it: one that starts with a
// date, as Laravel ([2026-03-14 09:30:00]), Monolog, syslog, docker logs -t and most
// frameworks write.
var header = regexp.MustCompile(`^(\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}|[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} |\[[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d )`)

// continuation is a line that belongs to the record above it.
var continuation = regexp.MustCompile(`^([ \t]|#\d+ |\[stacktrace\]|\[previous exception\]|Stack trace:|Next |Caused by|"\}|\}|\]|\.\.\.|at |\(truncated)`)

func (r *records) continues(line []byte) bool {
	if header.Match(line) {
		return false
	}
	if len(bytes.TrimSpace(line)) == 0 {
		return true // a blank line inside a record (a pretty-printed body) keeps it open
	}
	if bytes.HasPrefix(line, []byte("{")) {
		// A body wrapped under the line that announces it continues the record; any
		// other object at the start of a line is a JSON log line of its own.
		return !r.json && (r.lines == 1 || r.colon)
	}
	return continuation.Match(line)
}

// recordTime reads the time a record's header gives, or zero.
func recordTime(rec []byte) time.Time {
	if len(rec) > 200 {
		rec = rec[:200]
	}
	if m := clf.FindSubmatch(rec); m != nil {
		t, _ := time.Parse("02/Jan/2006:15:04:05 -0700", string(m[1]))
		return t
	}
	m := stamp.FindSubmatch(rec)
	if m == nil {
		return time.Time{}
	}
	s := string(m[1])
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Time{}
}

// stamp is a date and time near a record's start (after a level or a "time": key at most);
// clf is the common log format's, as nginx and Apache write it.
var (
	clf   = regexp.MustCompile(`^[^\[\n]{0,80}\[(\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4})\]`)
	stamp = regexp.MustCompile(`^.{0,48}?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)`)
)

// prefix is what a log collector puts before every line of the application's own:
// docker compose's "app-1  | ", and the timestamp of docker logs -t or kubectl logs
// --timestamps. It comes off before records are told apart, since a stack frame carries it
// as much as the line that opens the record.
var prefix = regexp.MustCompile(`^(?:[\w.-]{1,64} +\| ?)?(?:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) )?`)

// stripPrefix takes the collector's prefix off a line, returning the time it gave.
func stripPrefix(line []byte) ([]byte, time.Time) {
	// Most lines have neither: no regexp for them.
	head := line[:min(len(line), 80)]
	if len(line) == 0 || (line[0] < '0' || line[0] > '9') && !bytes.Contains(head, []byte("|")) {
		return line, time.Time{}
	}
	m := prefix.FindSubmatchIndex(line)
	if m == nil || m[1] == 0 || m[1] >= len(line) {
		return line, time.Time{}
	}
	var at time.Time
	if m[2] >= 0 {
		at, _ = time.Parse(time.RFC3339Nano, string(line[m[2]:m[3]]))
	}
	return line[m[1]:], at
}
