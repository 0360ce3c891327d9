package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// englishWords give away a reason left in English once the server's quoted words are taken
// out: small words no Indonesian sentence of ours uses.
var englishWords = []string{" the ", " is ", " was ", " not ", " with ", " from ", " sent ", " says ",
	" has ", " and ", " near ", " no ", " of ", " for ", " its ", " but ", " names ", " which ", " an ",
	" to ", " in ", " on ", " by ", " it ", " are ", " were ", " at ", " as ", " or ", " The ", " It "}

// quotedRe is the server's text a reason quotes, which stays as the server wrote it.
// A value in single quotes may hold single quotes itself ('AppAuthError { message: 'Error: …' }'),
// so one runs to the last of them; an HTTP status line (405 Method Not Allowed) is kept as on the wire.
var quotedRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'.*'|` + "`[^`]*`" + `|\b[1-5][0-9]{2}(?: [A-Z][A-Za-z-]*)+`)

// stillEnglish says whether a reason shown in Indonesian is still English: one of the small
// English words is left once the quoted words, and the parts that are the paste's own text
// (a log line a fact quotes whole), are taken out.
func stillEnglish(paste, id string) bool {
	flat := strings.Join(strings.Fields(paste), " ")
	var kept []string
	for _, part := range strings.Split(id, "; ") {
		if inPaste(flat, part) {
			continue
		}
		kept = append(kept, part)
	}
	for i, part := range kept {
		kept[i] = quotedRe.ReplaceAllString(part, `""`)
	}
	// Case counts: a status phrase ("Not Found") is the wire's, "not" in a sentence is ours.
	bare := " " + strings.Join(kept, " ") + " "
	bare = strings.NewReplacer(",", " ", ":", " ", "(", " ", ")", " ").Replace(bare)
	for _, w := range englishWords {
		if strings.Contains(bare, w) {
			return true
		}
	}
	return false
}

// inPaste says whether a part of a reason is the paste's own words, cut with "…" where the
// reader shortened them.
func inPaste(flat, part string) bool {
	found := false
	for _, chunk := range strings.Split(strings.Join(strings.Fields(part), " "), "…") {
		if chunk = strings.TrimSpace(chunk); len(chunk) < 12 {
			continue
		}
		if !strings.Contains(flat, chunk) {
			return false
		}
		found = true
	}
	return found
}

// Every reason a diagnosis or a walk gives for a paste of the two corpora reads in
// Indonesian: the sentences the evidence readers write about what they read, the matcher's
// and the flow's notes. A new evidence sentence fails here, listed with what to add to
// internal/lang's reason tables.
func TestEveryReasonOfTheCorporaInIndonesian(t *testing.T) {
	var files []string
	for _, glob := range []string{"testdata/realworld/cases/*", "testdata/corpus/*--*--*"} {
		m, err := filepath.Glob(filepath.Join(repoRoot, glob))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 500 {
		t.Fatalf("only %d pastes found", len(files))
	}
	cat, err := knowledge.BuiltinIn("id")
	if err != nil {
		t.Fatal(err)
	}
	g, err := flow.BuiltinIn(cat, "id")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	seen := map[string]bool{}
	var english []string
	total := 0
	add := func(file, text, r string) {
		if r == "" || seen[r] {
			return
		}
		seen[r] = true
		total++
		id := lang.Indonesian.Reason(r)
		if stillEnglish(text, id) {
			english = append(english, r+"\n    => "+id+"\t("+filepath.Base(file)+")")
		}
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		obs, vals, err := evidence.ParseAll(text, now)
		if err != nil {
			continue
		}
		if checks, err := check.Plan(check.Given{Lang: lang.Indonesian}, vals, obs, now); err == nil {
			for _, r := range checks {
				obs.Merge(r.Obs)
			}
		}
		for _, m := range cat.Match(obs).Entries {
			for _, s := range m.Signals {
				add(f, text, s)
			}
			for _, c := range m.Causes {
				for _, s := range c.Signals {
					add(f, text, s)
				}
			}
		}
		ev, err := flow.PasteText(text, now)
		if err != nil {
			continue
		}
		s, _ := flow.ReplayFrom(g, g.Start(), nil, flow.ReplayOptions{Evidence: []knowledge.Observation{ev.Obs}})
		for _, st := range s.Steps {
			add(f, text, st.Why)
		}
	}
	slices.Sort(english)
	t.Logf("%d of %d reasons read in Indonesian", total-len(english), total)
	if len(english) > 0 {
		t.Errorf("%d reasons are still English in Indonesian; add their shape to internal/lang/reasons_evidence.go:\n%s",
			len(english), strings.Join(english, "\n"))
	}
}
