package knowledge_test

import (
	"testing"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// BenchmarkLoad is the catalogue's share of every start-up.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := knowledge.Load(assets.Catalogue, "catalogue"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	c := mustLoad(b)
	obs := knowledge.Observation{Endpoint: "token", Status: 401, Error: "invalid_request",
		Description: "The refresh token is invalid.", Hint: "Token has been revoked", Message: "The refresh token is invalid."}
	b.ReportAllocs()
	for b.Loop() {
		c.Match(obs)
	}
}

func BenchmarkSearch(b *testing.B) {
	c := mustLoad(b)
	b.ReportAllocs()
	for b.Loop() {
		c.Search("refresh token revoked")
	}
}
