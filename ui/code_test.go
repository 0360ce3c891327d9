package ui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

var codeSpan = regexp.MustCompile("`([^`]+)`")

// Every entry of the real catalogue, as the reference draws it at the widths of a shared
// screen: no raw backtick, and every code span that fits a line stands whole on one line,
// as it was written (a command copied from it runs).
func TestEntriesDrawCodeAsCode(t *testing.T) {
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	sh := testModel(t, 80, 24).sh
	for _, cols := range []int{54, 76, 150} {
		for _, e := range cat.Entries {
			out := ansi.Strip(RenderEntry(e, cols, sh.text))
			lines := strings.Split(out, "\n")
			for _, l := range lines {
				if strings.Contains(l, "`") {
					t.Fatalf("%s at %d columns shows a raw backtick: %q", e.Code, cols, l)
				}
			}
			var src []string
			for _, c := range e.Causes {
				src = append(src, c.Text)
			}
			for _, s := range e.Steps {
				src = append(src, s.Text)
			}
			src = append(append(src, e.Summary), e.Prevention...)
			for _, text := range src {
				for _, m := range codeSpan.FindAllStringSubmatch(text, -1) {
					span := strings.Join(strings.Fields(m[1]), " ")
					if width(span)+6 > cols {
						continue
					}
					if !strings.Contains(out, span) {
						t.Errorf("%s at %d columns: the code %q is not on one line:\n%s", e.Code, cols, span, out)
					}
				}
			}
		}
	}
}

// A reference URL wider than the entry's column is cut, but stays a link to the whole URL.
func TestLongURLsStayLinks(t *testing.T) {
	url := "https://docs-accounts.mubarokah.com/troubleshooting/runbooks/a-long-page-name-that-does-not-fit"
	got := truncate(linkURLs("  "+url), 40)
	if !strings.Contains(got, "\x1b]8;;"+url) || width(got) > 40 {
		t.Fatalf("the cut URL is not a link to the whole of it: %q", got)
	}
	if strings.Count(got, "\x1b]8;;") != 2 {
		t.Fatalf("the link is not closed: %q", got)
	}
}

// builtinCatalogue is the real catalogue, for tests that need more entries than a window.
func builtinCatalogue(t testing.TB) *knowledge.Catalogue {
	t.Helper()
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// withBuiltin runs the model on the real catalogue and flow.
func withBuiltin(t testing.TB) func(*Options) {
	g := builtinGraph(t)
	return func(o *Options) { o.Catalogue, o.Graph = g.Catalogue(), g }
}

// selectCheck moves down the checks screen to the result of the check id.
func selectCheck(t testing.TB, m Model, id string) Model {
	t.Helper()
	for range 100 {
		if _, r := screenOf[checks](m, screenChecks).selected(); r != nil && r.ID == id {
			return m
		}
		m = send(t, m, press("j"))
	}
	t.Fatalf("no %s result on the checks screen", id)
	return m
}

// builtinGraph is the real flow over the real catalogue.
func builtinGraph(t testing.TB) *flow.Graph {
	t.Helper()
	g, err := flow.Builtin(builtinCatalogue(t))
	if err != nil {
		t.Fatal(err)
	}
	return g
}
