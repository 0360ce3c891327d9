package cli

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// realCase is one row of testdata/realworld/index-*.yaml: a paste copied from a public
// thread, with the entry (and, where the paste shows it, the cause) decided by the person
// who collected it, before the tool ever read it. See testdata/realworld/README.md.
type realCase struct {
	File   string `yaml:"file"`
	Source string `yaml:"source"`
	Family string `yaml:"family"`
	Shape  string `yaml:"shape"`
	Entry  string `yaml:"entry"`
	Cause  string `yaml:"cause"`
	Why    string `yaml:"why"`
	New    bool   `yaml:"new"`
}

// The figures the matcher has reached on the real-world corpus. They only go up: raise them
// when the matcher improves, never lower them to let a change through.
const (
	realEntryFloor = 257 // cases whose first entry is the expected one (of 261)
	realCauseFloor = 115 // cases whose first cause is the expected one (of those with a cause)
	// A paste that is not an OAuth error at all must not get a diagnosis above this.
	realFalsePositiveConfidence = 0.5
	realFalsePositiveCeiling    = 0
)

func loadRealCases(t testing.TB) []realCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "realworld", "index-*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no index files under testdata/realworld (%v)", err)
	}
	var all []realCase
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var rows []realCase
		if err := yaml.Unmarshal(raw, &rows); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		all = append(all, rows...)
	}
	return all
}

// Every row names a paste that exists, a source to check it against, and an entry and cause
// the catalogue has (or "none"), so a renamed cause cannot quietly turn a case into a miss.
func TestRealWorldLabels(t *testing.T) {
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cases := loadRealCases(t)
	if len(cases) < 150 {
		t.Errorf("the real-world corpus has %d cases; it needs at least 150", len(cases))
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.File] {
			t.Errorf("%s is listed twice", c.File)
		}
		seen[c.File] = true
		if _, err := os.Stat(filepath.Join(repoRoot, "testdata", "realworld", c.File)); err != nil {
			t.Errorf("%s: %v", c.File, err)
		}
		if !strings.HasPrefix(c.Source, "https://") {
			t.Errorf("%s: source %q is not a link", c.File, c.Source)
		}
		if c.Entry == "none" || c.New {
			continue
		}
		e, ok := cat.Entry(c.Entry)
		if !ok || e.Code != c.Entry {
			// The new entries the corpus was labelled with before they existed count as
			// misses until they do; they are not label errors.
			continue
		}
		if _, ok := e.Cause(c.Cause); c.Cause != "" && !ok {
			t.Errorf("%s: %q is not a cause of %s", c.File, c.Cause, c.Entry)
		}
	}
}

// realScore is what the matcher got right for one expected entry.
type realScore struct{ cases, entry, withCause, cause int }

// The matcher on pastes nobody here wrote: the first entry must be the expected one, the
// first cause too where the paste shows it, and a paste that is not an OAuth error must not
// get a confident diagnosis. The figures are printed per entry and may not fall.
func TestRealWorldScore(t *testing.T) {
	total, falsePositives := scoreReal(t, "real-world corpus", loadRealCases(t))
	if total.entry < realEntryFloor {
		t.Errorf("entry right for %d cases, below the %d reached before", total.entry, realEntryFloor)
	}
	if total.cause < realCauseFloor {
		t.Errorf("cause right for %d cases, below the %d reached before", total.cause, realCauseFloor)
	}
	if len(falsePositives) > realFalsePositiveCeiling {
		t.Errorf("%d pastes that are not OAuth errors got a diagnosis above %.0f%% confidence (at most %d)",
			len(falsePositives), 100*realFalsePositiveConfidence, realFalsePositiveCeiling)
	}
}

// scoreReal runs diagnose --json on every paste of cases and logs, under name, how often the
// first entry and its first cause are right per expected entry, the pastes that are not
// OAuth errors yet got a confident diagnosis, and (with -v) every miss. The tuning corpus and
// each held-out file are scored by it alike, so their figures compare.
func scoreReal(t *testing.T, name string, cases []realCase) (total realScore, falsePositives []string) {
	t.Helper()
	per := map[string]*realScore{}
	var misses []string
	for _, c := range cases {
		paste, err := os.ReadFile(filepath.Join(repoRoot, "testdata", "realworld", c.File))
		if err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runCLI(t, string(paste), "diagnose", "--json")
		if code != exitOK && code != exitProblem {
			t.Errorf("%s: exit %d: %s", c.File, code, errOut)
			continue
		}
		var d diagJSON
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Errorf("%s: --json output does not decode: %v", c.File, err)
			continue
		}
		top, cause, confidence := "none", "", 0.0
		if len(d.Diagnoses) > 0 {
			best := d.Diagnoses[0]
			top, confidence = best.Code, best.Confidence
			if len(best.Causes) > 0 && !best.Undetermined {
				cause = best.Causes[0].ID
			}
		}
		s := per[c.Entry]
		if s == nil {
			s = &realScore{}
			per[c.Entry] = s
		}
		s.cases++
		entryOK := top == c.Entry
		if entryOK {
			s.entry++
		}
		if c.Entry == "none" && top != "none" && confidence > realFalsePositiveConfidence {
			falsePositives = append(falsePositives, fmt.Sprintf("%s: %s at %.2f", c.File, top, confidence))
		}
		if c.Cause != "" {
			s.withCause++
			if entryOK && cause == c.Cause {
				s.cause++
			}
		}
		if !entryOK || (c.Cause != "" && cause != c.Cause) {
			misses = append(misses, fmt.Sprintf("%s: want %s/%s, got %s/%s (%.2f)",
				c.File, c.Entry, c.Cause, top, cause, confidence))
		}
	}
	var lines []string
	for _, entry := range slices.Sorted(maps.Keys(per)) {
		s := per[entry]
		lines = append(lines, fmt.Sprintf("%-24s entry %3d/%-3d cause %3d/%-3d", entry, s.entry, s.cases, s.cause, s.withCause))
		total.cases += s.cases
		total.entry += s.entry
		total.withCause += s.withCause
		total.cause += s.cause
	}
	t.Logf("%s, per expected entry:\n%s", name, strings.Join(lines, "\n"))
	t.Logf("%s: entry right %d/%d (%.1f%%), cause right %d/%d (%.1f%%), confident false positives %d",
		name, total.entry, total.cases, percent(total.entry, total.cases), total.cause, total.withCause,
		percent(total.cause, total.withCause), len(falsePositives))
	if len(falsePositives) > 0 {
		t.Logf("confident false positives:\n%s", strings.Join(falsePositives, "\n"))
	}
	if testing.Verbose() {
		t.Logf("misses:\n%s", strings.Join(misses, "\n"))
	}
	return total, falsePositives
}

func percent(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}
