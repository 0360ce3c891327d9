package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Diagnose reads one record as evidence and matches it: the caller passes diagnose's own
// reading, so watch and diagnose never disagree about a record.
type Diagnose func(record string, now time.Time) (knowledge.Observation, knowledge.Diagnosis)

// Report is one OAuth error found, or the end of a run of repeats of one.
type Report struct {
	// Event is "error" for an error as it is first seen, "repeat" when a run of the same
	// error ends (Count says how many in all, Last when the last came).
	Event    string    `json:"event"`
	Time     time.Time `json:"time"` // the record's own time, or when it was read
	Entry    string    `json:"entry"`
	Title    string    `json:"title"`
	Cause    string    `json:"cause,omitempty"`
	Evidence string    `json:"evidence"` // the evidence's short form, masked
	Line     int       `json:"line"`     // where the record starts in the stream, from 1
	Count    int       `json:"count"`
	Last     time.Time `json:"last,omitzero"`
}

func (r Report) key() string { return r.Entry + "\x00" + r.Cause + "\x00" + r.Evidence }

// Stats is what a watch read, for its closing line.
type Stats struct {
	Lines, Records, Errors, Reports int
	LongLines                       int // cut at MaxLine
	DroppedBytes                    int // of records beyond MaxRecord
}

// Stream turns lines into reports. It is the whole of watch but the reading and the
// clock, so tests and benchmarks drive it line by line.
type Stream struct {
	diagnose Diagnose
	secrets  *redact.Set // the session's; each record's own secrets are scrubbed as well
	emit     func(Report) error
	now      func() time.Time

	recs  records
	run   *Report // the error last reported and its repeats so far
	stats Stats
}

// NewStream reports through emit each error diagnose finds in the records of the lines it
// is given. secrets may be nil.
func NewStream(diagnose Diagnose, secrets *redact.Set, now func() time.Time, emit func(Report) error) *Stream {
	if secrets == nil {
		secrets = &redact.Set{}
	}
	return &Stream{diagnose: diagnose, secrets: secrets, emit: emit, now: now}
}

// Line takes one line of the log (without its line end).
func (s *Stream) Line(line []byte) error {
	s.stats.Lines++
	if rec, first, ok := s.recs.add(line); ok {
		return s.record(rec, first)
	}
	return nil
}

// Idle says nothing came for a while: the record being read is complete, and a run of
// repeats is reported so far, so a person sees it without waiting for the next error.
func (s *Stream) Idle() error {
	if rec, first, ok := s.recs.flush(); ok {
		if err := s.record(rec, first); err != nil {
			return err
		}
	}
	return s.endRun()
}

// Stats says what was read so far.
func (s *Stream) Stats() Stats {
	st := s.stats
	st.DroppedBytes = s.recs.dropped
	return st
}

func (s *Stream) record(rec []byte, first int) error {
	s.stats.Records++
	text := string(rec)
	now := s.now()
	obs, d := s.diagnose(text, now)
	m, ok := d.Best()
	if !ok || !d.Fits() {
		return nil
	}
	s.stats.Errors++
	// Secrets of this record only: a set that grew with every record of an endless stream
	// would not stay flat.
	own := &redact.Set{}
	own.Add(evidence.Secrets(text)...)
	clean := func(v string) string { return s.secrets.Scrub(own.Scrub(redact.PrintableLine(v))) }
	// The record's own time, else the one its collector gave it, else when it was read.
	at := recordTime(rec)
	if at.IsZero() {
		at = s.recs.done
	}
	if at.IsZero() {
		at = now
	}
	r := Report{Event: "error", Time: at, Entry: m.Entry.Code, Title: clean(m.Entry.Title),
		Evidence: clean(ShortForm(obs)), Line: first, Count: 1}
	if len(m.Causes) > 0 {
		r.Cause = m.Causes[0].Cause.ID
	}
	if s.run != nil && s.run.key() == r.key() {
		s.run.Count++
		s.run.Last = r.Time
		return nil
	}
	if err := s.endRun(); err != nil {
		return err
	}
	s.run = &r
	s.stats.Reports++
	return s.emit(r)
}

// endRun reports the run of repeats when there was one.
func (s *Stream) endRun() error {
	run := s.run
	s.run = nil
	if run == nil || run.Count < 2 {
		return nil
	}
	rep := *run
	rep.Event = "repeat"
	s.stats.Reports++
	return s.emit(rep)
}

// Options are Run's settings.
type Options struct {
	Diagnose Diagnose
	Secrets  *redact.Set
	Now      func() time.Time
	Emit     func(Report) error
	// Idle is how long a record may wait for a continuation line before it is read as
	// complete (and a run of repeats reported); 0 means 500ms.
	Idle time.Duration
}

// Run reads r to its end (or until ctx ends) and reports each OAuth error in it. The
// record being read when the stream ends is read as complete. A follower (Follow) never
// ends on its own; ctx ending stops it.
func Run(ctx context.Context, r io.Reader, o Options) (Stats, error) {
	if o.Idle <= 0 {
		o.Idle = 500 * time.Millisecond
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := NewStream(o.Diagnose, o.Secrets, o.Now, o.Emit)
	type item struct {
		line []byte
		err  error
	}
	lines := make(chan item)
	next := make(chan struct{})
	go func() {
		lr := newLineReader(r)
		for {
			l, err := lr.next()
			select {
			case lines <- item{l, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
			// The line's bytes live in the reader's buffer: wait until it has been taken.
			select {
			case <-next:
			case <-ctx.Done():
				return
			}
		}
	}()
	idle := time.NewTimer(o.Idle)
	defer idle.Stop()
	waiting := false // a record or a run is pending, for the idle timer to end
	for {
		select {
		case it := <-lines:
			if it.err != nil {
				err := s.Idle()
				st := s.Stats()
				if errors.Is(it.err, io.EOF) {
					return st, err
				}
				return st, errors.Join(fmt.Errorf("reading the log: %w", it.err), err)
			}
			err := s.Line(it.line)
			next <- struct{}{}
			if err != nil {
				return s.Stats(), err
			}
			idle.Reset(o.Idle)
			waiting = true
		case <-idle.C:
			if waiting {
				waiting = false
				if err := s.Idle(); err != nil {
					return s.Stats(), err
				}
			}
		case <-ctx.Done():
			err := s.Idle()
			return s.Stats(), errors.Join(ctx.Err(), err)
		}
	}
}

// ShortForm is an observation in a few words: where, the answer, the error and the
// server's words, e.g. `token POST HTTP 400 invalid_grant "Authorization code has been
// revoked"`.
func ShortForm(o knowledge.Observation) string {
	var parts []string
	add := func(v string) {
		if v = strings.TrimSpace(v); v != "" {
			parts = append(parts, v)
		}
	}
	add(string(o.Endpoint))
	add(o.Method)
	if o.Status != 0 {
		add(fmt.Sprintf("HTTP %d", o.Status))
	}
	add(o.Transport)
	add(o.Error)
	add(o.Exception)
	for _, t := range []string{o.Hint, o.Description, o.Message, o.TransportDetail} {
		if t = strings.TrimSpace(t); t != "" {
			t = shorten(t, 120)
			parts = append(parts, fmt.Sprintf("%q", t))
			break
		}
	}
	if len(parts) == 0 {
		return strings.Join(o.Sources, ", ")
	}
	return strings.Join(parts, " ")
}

// shorten cuts s to about n bytes at a space, on a rune boundary.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexByte(s[:n], ' ')
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return strings.TrimSpace(s[:cut]) + "…"
}
