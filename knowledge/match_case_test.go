package knowledge_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// matchCase is one observation and what the matcher must make of it; the seed and the
// other entries' tables share it and its checks.
type matchCase struct {
	name  string
	obs   knowledge.Observation
	entry string
	cause string // the first cause, where the evidence tells it; "" to leave it unchecked
	// undetermined: the evidence names the entry but not a cause, so Undetermined must be
	// set and every cause and step listed, ranked by how common each cause is.
	undetermined bool
	causes       []string // when given, the order the causes must start with
}

func (tc matchCase) check(t *testing.T, c *knowledge.Catalogue) {
	t.Helper()
	d := c.Match(tc.obs)
	best, ok := d.Best()
	if !ok {
		t.Fatalf("nothing matched; want %s", tc.entry)
	}
	if best.Entry.Code != tc.entry {
		t.Fatalf("first entry %s, want %s\n%s", best.Entry.Code, tc.entry, describe(d))
	}
	if tc.cause != "" && (len(best.Causes) == 0 || best.Causes[0].Cause.ID != tc.cause) {
		t.Fatalf("first cause of %s is not %s\n%s", tc.entry, tc.cause, describe(d))
	}
	for i, want := range tc.causes {
		if i >= len(best.Causes) || best.Causes[i].Cause.ID != want {
			t.Fatalf("cause %d of %s should be %s\n%s", i+1, tc.entry, want, describe(d))
		}
	}
	switch {
	case tc.undetermined:
		if !best.Undetermined {
			t.Errorf("%s should be undetermined: the response cannot tell its causes apart\n%s", tc.entry, describe(d))
		}
		if len(best.Causes) != len(best.Entry.Causes) {
			t.Errorf("%d of %d causes listed; an undetermined entry lists every candidate\n%s",
				len(best.Causes), len(best.Entry.Causes), describe(d))
		}
		if len(best.Steps) != len(best.Entry.Steps) {
			t.Errorf("%d of %d steps listed; every candidate's steps belong in the checklist", len(best.Steps), len(best.Entry.Steps))
		}
	case tc.cause != "" && best.Undetermined:
		t.Errorf("%s is marked undetermined although the evidence names %s\n%s", tc.entry, tc.cause, describe(d))
	}
	if len(best.Steps) == 0 {
		t.Errorf("%s came with an empty checklist", tc.entry)
	}
}

// describe shows the top of a diagnosis, for failure messages.
func describe(d knowledge.Diagnosis) string {
	var b strings.Builder
	for i, m := range d.Entries {
		if i == 3 {
			break
		}
		fmt.Fprintf(&b, "  %s %.1f undetermined=%v %v\n", m.Entry.Code, m.Score, m.Undetermined, m.Signals)
		for j, cm := range m.Causes {
			if j == 4 {
				break
			}
			fmt.Fprintf(&b, "    %s %.1f %v\n", cm.Cause.ID, cm.Score, cm.Signals)
		}
	}
	return b.String()
}
