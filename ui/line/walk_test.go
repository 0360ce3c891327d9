package line

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
)

// seedResults lists, for every result node of the seed's entries that answers alone reach,
// the choice ids of its shortest path (the ones docs/flow.md lists).
func seedResults(t *testing.T) map[string][]string {
	g := graph(t)
	paths := g.ShortestAnswers()
	out := map[string][]string{}
	for _, n := range g.Nodes {
		if n.Kind == flow.KindResult && slices.Contains(seedEntries, n.Entry) {
			if p, ok := paths[n.ID]; ok {
				out[n.ID] = p
			}
		}
	}
	return out
}

// TestPipedAnswersReachEverySeedEntry types, as numbers, the answers that lead to every
// result of the seed's seven entries and reads what accessible mode printed there: the
// step, the entry, its causes and its checklist, in plain text.
func TestPipedAnswersReachEverySeedEntry(t *testing.T) {
	g := graph(t)
	reached := map[string]int{}
	for node, ids := range seedResults(t) {
		t.Run(node, func(t *testing.T) {
			typed, res := answersTo(t, g, config.Default(), ids)
			if res.ID != node {
				t.Fatalf("the answers %v lead to %s, not %s", ids, res.ID, node)
			}
			out, err := runLine(t, lines(typed...), nil, nil, nil)
			if err != nil {
				t.Fatalf("the session ended with %v", err)
			}
			e, _ := g.Catalogue().Entry(res.Entry)
			want := []string{
				"(" + res.ID + ")",
				"Error: " + e.Code + ". " + strings.TrimSuffix(e.Title, ".") + ".",
				"Severity: " + string(e.Severity),
				"Checklist: 0 of ",
				"Checklist step 1, not done: ",
				"Cause 1 of ",
				"Cause id: " + res.Causes[0] + ".",
				"The input ended, so the session ends here.",
			}
			for _, w := range want {
				if !strings.Contains(out, w) {
					t.Fatalf("typed %q: the output lacks %q:\n%s", typed, w, out)
				}
			}
			if bad := controls(out); len(bad) > 0 {
				t.Fatalf("control characters in the output: %v", bad)
			}
			// The replay line it offers support walks to the same result.
			i := strings.Index(out, "walk --answers ")
			if i < 0 {
				t.Fatalf("no replay line:\n%s", out)
			}
			replay := strings.TrimSuffix(strings.Fields(out[i+len("walk --answers "):])[0], ".")
			st, err := flow.Replay(g, strings.Split(replay, ","), flow.ReplayOptions{})
			if err != nil || st.Result == nil || st.Result.Node != res.ID {
				t.Fatalf("walk --answers %s does not replay to %s: %v", replay, res.ID, err)
			}
			reached[res.Entry]++
		})
	}
	for _, code := range seedEntries {
		if reached[code] == 0 {
			t.Errorf("no walk reached the seed entry %s", code)
		}
	}
}

// TestChoiceIDsWorkAsAnswers: support reads out `walk --answers` ids; typed at the
// prompts they work as well as the numbers.
func TestChoiceIDsWorkAsAnswers(t *testing.T) {
	out, err := runLine(t, lines("1", "4xx", "token", "401", "skip", "expired"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "(r_token_expired)") || !strings.Contains(out, "Error: token_invalid.") {
		t.Fatalf("the ids did not lead to r_token_expired:\n%s", out)
	}
}

// TestBadAnswersAreRepromptedWithWhatIsRight: a number out of range, letters, an empty
// line, a negative number and a long pasted value at a choice prompt each get a sentence
// that says what was wrong and what would be right, and the question again; the walk then
// goes on as if they had not been typed.
func TestBadAnswersAreRepromptedWithWhatIsRight(t *testing.T) {
	secret := "def50200" + strings.Repeat("a1b2c3d4", 8)
	out, err := runLine(t, lines("0", "7", "abc", "", "-3", secret, "1.", "99", " 1) "), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"0 is not one of the choices: type a number from 1 to 6.",
		"7 is not one of the choices: type a number from 1 to 6.",
		`"abc" is not a choice: type a number from 1 to 6 (or h for help).`,
		"Nothing was typed: type a number from 1 to 6 and press Enter.",
		"-3 is not one of the choices: type a number from 1 to 6.",
		"99 is not one of the choices: type a number from 1 to 4.",
		"Step 3 (C, ",
	} {
		if !strings.Contains(out, w) {
			t.Fatalf("the output lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, secret) {
		t.Fatal("a long value typed at a prompt was repeated whole")
	}
}

// TestEndOfInputAtEveryPromptEndsCleanly cuts the input after every line of walks that pass
// each kind of prompt (home, questions, a paste, an offline check with a secret, a live
// check, the result's menu, ticking, the report's save prompt): every cut ends the session
// with nil and says so, never a panic or a hang.
func TestEndOfInputAtEveryPromptEndsCleanly(t *testing.T) {
	dir := t.TempDir()
	cfg := config.Default()
	cfg.BaseURL = "https://id.example.test"
	scripts := map[string][]string{
		"question walk": {"1", "1", "3", "1", "1", "2", "1", "1", "r", "1", filepath.Join(dir, "a.md"), "q"},
		"paste":         {"2", `{"error":"invalid_grant","hint":"Authorization code has expired"}`, "line two", ".", "1", "1"},
		"pkce check":    {"1", "4xx", "request", "invalid_grant", "code", "pkce", "run", "verifier-" + strings.Repeat("x", 40), "abc", "", "1"},
		"live check":    {"1", "4xx", "config", "invalid_client", "run", "1"},
		"home screens":  {"4", "invalid_grant", "l", "1", "", "5", "3", "2", "6"},
		"quit unsaved":  {"1", "1", "q", "3", "q", "1", ""},
	}
	for name, script := range scripts {
		for cut := 0; cut <= len(script); cut++ {
			t.Run(fmt.Sprintf("%s/%d", name, cut), func(t *testing.T) {
				in := strings.Join(script[:cut], "\n")
				out, err := runLine(t, in, &cfg, nil, nil)
				if err != nil {
					t.Fatalf("after %q the session ended with %v", script[:cut], err)
				}
				if !strings.Contains(out, "The input ended, so the session ends here.") && !strings.HasSuffix(out, "Goodbye.\n") {
					t.Fatalf("after %q the end was not said:\n%s", script[:cut], out)
				}
				if bad := controls(out); len(bad) > 0 {
					t.Fatalf("control characters in the output: %v", bad)
				}
			})
		}
	}
}

// TestBackAnswersTheStepAgain: b at a question goes back one step, and b at the first
// question of the walk leaves for home.
func TestBackAnswersTheStepAgain(t *testing.T) {
	out, err := runLine(t, lines("1", "1", "b", "2", "b", "b", "6"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(out, "Step 3 (C, ") != 1 || !strings.Contains(out, "Back one step.") {
		t.Fatalf("b did not go back to step 2:\n%s", out)
	}
	if !strings.Contains(out, "Step 3 (D, ") {
		t.Fatalf("the second answer to step 2 did not lead to D:\n%s", out)
	}
	if strings.Count(out, "Home. What would you like to do?") != 2 || !strings.HasSuffix(out, "Goodbye.\n") {
		t.Fatalf("b at the first question did not go home, or 6 did not quit:\n%s", out)
	}
}

// TestReportIsReadAndSavedWithoutOverwriting: the report reads out between its start and
// end lines; saved, it is the flow's Markdown report; a name that exists is refused and
// the file left alone; quitting after saving asks nothing.
func TestReportIsReadAndSavedWithoutOverwriting(t *testing.T) {
	dir := t.TempDir()
	taken := filepath.Join(dir, "taken.md")
	if err := os.WriteFile(taken, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "report.md")
	// To r_token_expired, read the report, save it: first over a file that exists, then anew.
	out, err := runLine(t, lines("1", "4xx", "token", "401", "skip", "expired", "r", "1", taken, path, "q"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"The report starts here.", "The report ends here.", taken + " already exists and is left as it is",
		"Saved the report to " + path, "Goodbye."} {
		if !strings.Contains(out, w) {
			t.Fatalf("the output lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, "not saved in a report yet") {
		t.Fatal("quitting after saving asked about an unsaved session")
	}
	if b, _ := os.ReadFile(taken); string(b) != "mine" {
		t.Fatalf("the file that existed was changed: %q", b)
	}
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"token_invalid", "token_expired", "r_token_expired"} {
		if !strings.Contains(string(md), w) {
			t.Fatalf("the saved report lacks %q:\n%s", w, md)
		}
	}
}

// TestQuitAsksBeforeLosingAWalk: q in a walk not saved asks; "Stay" stays, "Quit without
// saving" quits.
func TestQuitAsksBeforeLosingAWalk(t *testing.T) {
	out, err := runLine(t, lines("1", "1", "q", "3", "q", "2"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(out, "Your answers are not saved in a report yet.") != 2 || !strings.HasSuffix(out, "Goodbye.\n") {
		t.Fatalf("q did not ask, stay, then quit:\n%s", out)
	}
}

// TestTickingTheChecklist: a checklist step marked done shows as done, and again not done.
func TestTickingTheChecklist(t *testing.T) {
	out, err := runLine(t, lines("1", "4xx", "token", "401", "skip", "expired", "tick", "1", "again", "tick", "1"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Checklist step 1 is marked done.", "Checklist: 1 of ", "Checklist step 1, done: ",
		"Checklist step 1 is marked not done."} {
		if !strings.Contains(out, w) {
			t.Fatalf("the output lacks %q:\n%s", w, out)
		}
	}
}

// TestWalkToTheEnd: past the fix, "fixed" ends at Solved and "escalate" at Escalate,
// which says where support is.
func TestWalkToTheEnd(t *testing.T) {
	out, err := runLine(t, lines("1", "4xx", "token", "401", "skip", "expired", "continue", "continue", "fixed", "quit", "2"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Solved. ") || !strings.HasSuffix(out, "Goodbye.\n") {
		t.Fatalf("the walk did not end at Solved:\n%s", out)
	}
	out, err = runLine(t, lines("1", "4xx", "token", "401", "skip", "expired", "continue", "continue", "escalate"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Escalate to Mubarokah ID support.") || !strings.Contains(out, flow.SupportEmail) {
		t.Fatalf("the walk did not end at Escalate with support's address:\n%s", out)
	}
}

// TestNewSessionFromAResult asks before dropping a walk not saved: keeping it stays at the
// result, starting anew asks the first question again.
func TestNewSessionFromAResult(t *testing.T) {
	out, err := runLine(t, lines("1", "4xx", "token", "401", "skip", "expired", "new", "2", "new", "1", "2"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(out, "A session is under way and not saved in a report.") != 2 ||
		!strings.Contains(out, "Still at step 7 (r_token_expired): token_invalid, checklist 0 of ") {
		t.Fatalf("a new session was not asked about, or keeping the old one did not stay:\n%s", out)
	}
	tail := out[strings.LastIndex(out, "A session is under way"):]
	if !strings.Contains(tail, "Step 2 (B).") || !strings.Contains(tail, "Step 3 (D, ") {
		t.Fatalf("the new session did not start at the first question:\n%s", tail)
	}
}

// TestReportIsReadAsSentences: read out, the report's headings lose their hashes and its
// tables become "Column: value" rows, an escaped bar kept inside its cell.
func TestReportIsReadAsSentences(t *testing.T) {
	md := "# Session report\n\n- Time: now\n\n## Path walked\n\n| # | Node | Answer |\n|---|---|---|\n" +
		"| 1 | A | pasted: a \\| b. |\n| 2 | B | `4xx` |\n\n- [ ] **step** one\n- [x] two\n"
	got := strings.Join(spoken(md), "\n")
	want := "Session report.\n\n- Time: now\n\nPath walked.\n\nNumber: 1; Node: A; Answer: pasted: a | b.\n" +
		"Number: 2; Node: B; Answer: 4xx.\n\nNot done: step one\nDone: two"
	if got != want {
		t.Fatalf("read as:\n%s\nwant:\n%s", got, want)
	}
	out, err := runLine(t, lines("1", "4xx", "token", "401", "skip", "expired", "r", "2"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Number: 2; Node: B; ") || strings.Contains(out, "|---|") {
		t.Fatalf("the report was not read row by row:\n%s", out)
	}
}
