package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// corpusCase is one file of testdata/corpus, named ENTRY--CAUSE--SLUG.EXT. CAUSE is a cause
// id when the response names the cause, "undetermined" when it cannot tell the entry's
// causes apart (the diagnosis must say so), or "any" when it narrows them without naming one.
type corpusCase struct {
	path, entry, cause string
}

func loadCorpus(t *testing.T) []corpusCase {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "corpus", "*--*--*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusCase
	for _, f := range files {
		parts := strings.SplitN(filepath.Base(f), "--", 3)
		out = append(out, corpusCase{path: f, entry: parts[0], cause: parts[1]})
	}
	return out
}

// The labels must name real entries and causes of that entry, or a renamed cause would
// leave a case that can never pass for the wrong reason.
func TestCorpusLabelsNameCatalogueCauses(t *testing.T) {
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	cases := loadCorpus(t)
	if len(cases) < 120 {
		t.Fatalf("the corpus has %d cases; it should cover every Passport/league response (120+)", len(cases))
	}
	for _, c := range cases {
		e, ok := cat.Entry(c.entry)
		if !ok || e.Code != c.entry {
			t.Errorf("%s: %q is not an entry code", c.path, c.entry)
			continue
		}
		if c.cause == "undetermined" || c.cause == "any" {
			continue
		}
		found := false
		for _, cause := range e.Causes {
			found = found || cause.ID == c.cause
		}
		if !found {
			t.Errorf("%s: %q is not a cause of %s", c.path, c.cause, c.entry)
		}
	}
}

// corpusSecrets finds the secrets a corpus paste carries: Passport's encrypted codes and
// refresh tokens, JWT access tokens, client secrets in forms and Basic headers.
var corpusSecrets = []*regexp.Regexp{
	regexp.MustCompile(`def50200[0-9a-f]{32,}`),
	regexp.MustCompile(`eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}`),
	regexp.MustCompile(`client_secret(?:=|":\s*")([A-Za-z0-9]{16,})`),
	regexp.MustCompile(`Basic ([A-Za-z0-9+/=]{24,})`),
}

// Real Passport 8.x/9.x, Laravel and provider responses, as raw HTTP, bodies alone, callback
// URLs and client-library errors: the first diagnosis is the entry the response means, its
// first cause the one the response names, the text report leads with the same entry, and no
// secret of the paste comes back whole in either.
func TestDiagnoseCorpus(t *testing.T) {
	cases := loadCorpus(t)
	passed := 0
	for _, c := range cases {
		ok := t.Run(strings.TrimSuffix(filepath.Base(c.path), filepath.Ext(c.path)), func(t *testing.T) {
			paste, err := os.ReadFile(c.path)
			if err != nil {
				t.Fatal(err)
			}
			code, out, errOut := runCLI(t, string(paste), "diagnose", "--json")
			if code != exitOK {
				t.Fatalf("exit %d, want 0: %s", code, errOut)
			}
			var d diagJSON
			if err := json.Unmarshal([]byte(out), &d); err != nil {
				t.Fatalf("--json output does not decode: %v", err)
			}
			if len(d.Diagnoses) == 0 {
				t.Fatal("no diagnosis")
			}
			best := d.Diagnoses[0]
			if best.Code != c.entry {
				t.Fatalf("first entry %s, want %s (observation %v)", best.Code, c.entry, d.Observation)
			}
			switch c.cause {
			case "any":
			case "undetermined":
				if !best.Undetermined {
					t.Errorf("the response cannot tell %s's causes apart, yet the diagnosis is not marked undetermined (first cause %s)",
						c.entry, best.Causes[0].ID)
				}
			default:
				if len(best.Causes) == 0 || best.Causes[0].ID != c.cause {
					t.Errorf("first cause %s, want %s", firstCause(best.Causes), c.cause)
				}
				if best.Undetermined {
					t.Error("the response names the cause, yet the diagnosis is marked undetermined")
				}
			}
			// The report a person reads leads with the same entry.
			code, text, errOut := runCLI(t, string(paste), "diagnose")
			if code != exitOK || !strings.HasPrefix(text, c.entry+":") {
				t.Errorf("the text report (exit %d) does not lead with %s:\n%.300s%s", code, c.entry, text, errOut)
			}
			for _, re := range corpusSecrets {
				for _, m := range re.FindAllStringSubmatch(string(paste), -1) {
					secret := m[len(m)-1]
					if strings.Contains(out, secret) || strings.Contains(text, secret) {
						t.Errorf("the output shows a secret of the paste whole: %.12s…", secret)
					}
				}
			}
		})
		if ok {
			passed++
		}
	}
	t.Logf("%d of %d corpus cases pass", passed, len(cases))
}

func firstCause(cs []struct {
	ID         string   `json:"id"`
	Confidence float64  `json:"confidence"`
	Signals    []string `json:"signals"`
}) string {
	if len(cs) == 0 {
		return "(none)"
	}
	return cs[0].ID
}

// BenchmarkDiagnoseCorpus measures one diagnose --json over every corpus paste, start to end
// of the command (read, parse, match, print).
func BenchmarkDiagnoseCorpus(b *testing.B) {
	var pastes []string
	files, _ := filepath.Glob(filepath.Join(repoRoot, "testdata", "corpus", "*--*--*"))
	for _, f := range files {
		p, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pastes = append(pastes, string(p))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, p := range pastes {
			if code, _, errOut := runCLI(b, p, "diagnose", "--json"); code != exitOK {
				b.Fatalf("exit %d: %s", code, errOut)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pastes)), "ns/paste")
}
