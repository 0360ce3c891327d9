package line

import (
	"bytes"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The seed document's seven entries (Common Issue Resolution Guide and the general API
// errors): each must be reachable in accessible mode.
var seedEntries = []string{"invalid_client", "invalid_grant", "invalid_scope", "access_denied",
	"unapproved_scope", "token_invalid", "insufficient_scope"}

var (
	loadOnce sync.Once
	testCat  *knowledge.Catalogue
	testG    *flow.Graph
	loadErr  error
)

func graph(t testing.TB) *flow.Graph {
	t.Helper()
	loadOnce.Do(func() {
		testCat, loadErr = knowledge.Builtin()
		if loadErr == nil {
			testG, loadErr = flow.Builtin(testCat)
		}
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return testG
}

// fakeProber answers every live check with what results holds for it (a pass otherwise),
// and counts the runs.
type fakeProber struct {
	mu      sync.Mutex
	results map[string]probe.Result
	runs    []string
}

func (f *fakeProber) Run(_ context.Context, _ config.Config, id string) probe.Result {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.runs = append(f.runs, id)
	if r, ok := f.results[id]; ok {
		return r
	}
	return probe.Result{ID: id, Name: id, Status: check.Pass, Summary: "fine"}
}

func (f *fakeProber) RunAll(ctx context.Context, cfg config.Config, ids []string) []probe.Result {
	out := make([]probe.Result, len(ids))
	for i, id := range ids {
		if ok, why := probe.Ready(cfg, id); !ok {
			out[i] = probe.Result{ID: id, Name: id, Status: check.Skip, Summary: why}
			continue
		}
		out[i] = f.Run(ctx, cfg, id)
	}
	return out
}

var testNow = time.Date(2026, 12, 6, 4, 0, 0, 0, time.UTC)

// session runs accessible mode over input with the given settings and returns what it
// printed and how it ended.
func runLine(t testing.TB, input string, cfg *config.Config, p Prober, secrets *redact.Set) (string, error) {
	t.Helper()
	// A report saved under a name typed at a prompt lands in a directory of the test's own.
	t.Chdir(t.TempDir())
	g := graph(t)
	if cfg == nil {
		d := config.Default()
		cfg = &d
	}
	if p == nil {
		p = &fakeProber{}
	}
	var out bytes.Buffer
	err := Run(context.Background(), Options{Catalogue: g.Catalogue(), Graph: g, Config: cfg, Prober: p,
		Now: func() time.Time { return testNow }, Secrets: secrets, In: strings.NewReader(input), Out: &out})
	return out.String(), err
}

// lines joins answers as typed lines.
func lines(answers ...string) string { return strings.Join(answers, "\n") + "\n" }

// answersTo works out the lines a person types in accessible mode to walk the given choice
// ids from "Diagnose step by step" to the first result, as numbers: each question's
// choice by its place in the list, each offline check skipped (its second choice), each
// live check skipped (second choice when it could run, the only choice when it cannot).
// It walks the graph itself beside, and returns the result node reached.
func answersTo(t testing.TB, g *flow.Graph, cfg config.Config, ids []string) ([]string, *flow.Node) {
	t.Helper()
	typed := []string{"1"} // home: diagnose step by step
	st, err := g.Next(g.Start(), flow.Skip("answering questions instead"))
	if err != nil {
		t.Fatal(err)
	}
	used := 0
	for range 200 {
		n, _ := g.Node(st.Node)
		var e flow.Event
		switch n.Kind {
		case flow.KindQuestion:
			if used == len(ids) {
				t.Fatalf("the answers %v stop at question %s", ids, n.ID)
			}
			i := slices.IndexFunc(n.Choices, func(c flow.Choice) bool { return c.ID == ids[used] })
			if i < 0 {
				t.Fatalf("%s has no choice %q", n.ID, ids[used])
			}
			typed = append(typed, strconv.Itoa(i+1))
			used++
			e = flow.Answer(n.Choices[i].ID)
		case flow.KindPaste:
			typed = append(typed, "")
			e = flow.Skip("nothing pasted")
		case flow.KindCheck:
			typed = append(typed, "2")
			e = flow.Skip("not checked")
		case flow.KindProbe:
			info, _ := probe.Lookup(n.Probe)
			c := cfg
			if info.Consent != nil {
				c = c.Allowing(n.Probe)
			}
			if ok, _ := probe.Ready(c, n.Probe); ok {
				typed = append(typed, "2")
			} else {
				typed = append(typed, "1")
			}
			e = flow.Skip("skipped")
		default:
			return typed, n
		}
		if st, err = g.Next(st, e); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("the answers %v never reach a result", ids)
	return nil, nil
}

// controls lists every control character and escape in s other than the line feed: ESC,
// the other C0 controls, DEL and the C1 range, and bytes that are not UTF-8.
func controls(s string) []string {
	var bad []string
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				bad = append(bad, "byte "+strconv.Itoa(int(s[i]))+" at "+strconv.Itoa(i))
			}
		case r == '\n':
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			bad = append(bad, strconv.QuoteRune(r)+" at "+strconv.Itoa(i))
		}
	}
	return bad
}
