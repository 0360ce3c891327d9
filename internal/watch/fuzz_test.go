package watch

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Any stream is read without a panic, no record held over MaxRecord, and every report is
// one printable line of JSON whatever the log held.
func FuzzStream(f *testing.F) {
	f.Add([]byte(strings.Join([]string{infoLine, fmt.Sprintf(wrapped, 1), jsonLine, accessLine, otherError}, "\n")))
	f.Add([]byte("{\n{\"error\":\"invalid_grant\"}\n\x1b]0;title\x07\r\n#0 x\n"))
	f.Add([]byte("\n\n\n"))
	// The record machinery is what is fuzzed here (evidence and the catalogue have fuzz
	// targets of their own): every record with "error" in it is an error whose words are
	// the record itself, so whatever the log held reaches the report to be cleaned.
	entry := &knowledge.Entry{Code: "invalid_grant", Title: "fuzzed"}
	diagnose := func(record string, _ time.Time) (knowledge.Observation, knowledge.Diagnosis) {
		if !strings.Contains(record, "error") {
			return knowledge.Observation{}, knowledge.Diagnosis{}
		}
		return knowledge.Observation{Error: "invalid_grant", Hint: record},
			knowledge.Diagnosis{Entries: []knowledge.EntryMatch{{Entry: entry, Strength: knowledge.FitStrength}}}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := NewStream(diagnose, nil, fixedNow, func(r Report) error {
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range []string{r.Evidence, r.Title, r.Entry, r.Cause} {
				if redact.PrintableLine(v) != v {
					t.Fatalf("a report holds control characters: %q", v)
				}
			}
			_ = b
			return nil
		})
		lr := newLineReader(bytes.NewReader(data))
		for {
			l, err := lr.next()
			if err != nil {
				break
			}
			if len(l) > MaxLine {
				t.Fatalf("a line of %d bytes", len(l))
			}
			if err := s.Line(l); err != nil {
				t.Fatal(err)
			}
			if len(s.recs.buf) > MaxRecord {
				t.Fatalf("a record of %d bytes", len(s.recs.buf))
			}
		}
		if err := s.Idle(); err != nil {
			t.Fatal(err)
		}
	})
}
