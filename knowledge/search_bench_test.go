package knowledge_test

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge/knowledgetest"
)

var benchQueries = []string{"token", "toke", "401", "check the scope parameter", "high", "gen_0999", "zzz", "tokn refused", "gn_09"}

// BenchmarkSearch10k is one query over 10,000 generated entries: the reference browser
// runs one per keystroke, so it must stay well inside a frame (budget 2 ms).
func BenchmarkSearch10k(b *testing.B) {
	cat := knowledgetest.Generated(b, 10000)
	cat.Search("warm up") // the index is built on the first query
	for _, q := range benchQueries {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			knowledgetest.CPULoop(b, func() { _ = cat.Search(q) })
		})
	}
}

// BenchmarkRank10k is the ranking alone, what the browser's filter asks for on every
// keystroke (it puts into words why only the entry under the cursor matched).
func BenchmarkRank10k(b *testing.B) {
	cat := knowledgetest.Generated(b, 10000)
	cat.Search("warm up")
	for _, q := range benchQueries {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			knowledgetest.CPULoop(b, func() { _ = cat.Rank(q) })
		})
	}
}
