// Package knowledgetest makes catalogues for tests and benchmarks: a large one shaped like
// the real catalogue, to measure search and the reference browser at a size the shipped
// one will not reach. Only _test.go files import it.
package knowledgetest

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Generated builds a catalogue of n entries shaped like real ones: a code (gen_00000 ...),
// a severity, an HTTP status, a title, server messages, three causes, three steps and a
// prevention tip, their words drawn from a small vocabulary so that common words hit
// thousands of entries, as "token" does in the real one.
func Generated(tb testing.TB, n int) *knowledge.Catalogue {
	tb.Helper()
	cat, err := knowledge.Load(Files(n), "catalogue")
	if err != nil {
		tb.Fatalf("the generated catalogue does not load: %v", err)
	}
	return cat
}

// Files is the generated catalogue as YAML files under catalogue/.
func Files(n int) fstest.MapFS {
	sev := []string{"critical", "high", "medium", "low", "info"}
	words := []string{"token", "client", "grant", "scope", "redirect", "consent", "refresh", "server", "network", "certificate"}
	fsys := fstest.MapFS{}
	for i := range n {
		code := fmt.Sprintf("gen_%05d", i)
		w1, w2 := words[i%len(words)], words[(i/len(words))%len(words)]
		var y strings.Builder
		fmt.Fprintf(&y, "code: %s\ntitle: The %s was refused because of the %s\nseverity: %s\n", code, w1, w2, sev[i%len(sev)])
		fmt.Fprintf(&y, "summary: A generated entry about the %s and the %s, long enough to read like one.\n", w1, w2)
		fmt.Fprintf(&y, "appears_at: [token_endpoint]\nhttp_status: [%d]\n", 400+i%30)
		fmt.Fprintf(&y, "messages:\n  - The %s %d is invalid\n  - Check the %s parameter\n", w1, i, w2)
		y.WriteString("causes:\n")
		for c := range 3 {
			fmt.Fprintf(&y, "  - id: %s_c%d\n    text: Cause %d of the %s, when the %s is stale.\n", code, c, c, w1, w2)
		}
		y.WriteString("steps:\n")
		for c := range 3 {
			fmt.Fprintf(&y, "  - id: s%d\n    text: Check the %s again, then the %s.\n    fixes: [%s_c%d]\n", c, w2, w1, code, c)
		}
		y.WriteString("prevention:\n  - Validate settings at start.\n")
		fsys["catalogue/"+code+".yaml"] = &fstest.MapFile{Data: []byte(y.String())}
	}
	return fsys
}
