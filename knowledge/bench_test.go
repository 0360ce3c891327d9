package knowledge_test

import (
	"strings"
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

// BenchmarkMatchLogText is a typical pasted log record as the parsers leave it: a class, a
// few lines of error text and trace, read against every vocabulary phrase.
func BenchmarkMatchLogText(b *testing.B) {
	c := mustLoad(b)
	obs := knowledge.Observation{Exception: `League\OAuth2\Server\Exception\OAuthServerException`,
		Text: strings.Repeat("[2024-05-01 10:00:00] production.ERROR: The resource owner or authorization server denied the request. "+
			"#0 vendor/league/oauth2-server/src/AuthorizationValidators/BearerTokenValidator.php(93): OAuthServerException::accessDenied('The JWT string ...')\n", 8)}
	b.ReportAllocs()
	for b.Loop() {
		c.Match(obs)
	}
}

// BenchmarkMatchHugeText is a megabyte of text in every field: the matcher reads a bounded
// prefix of each, so the cost stays that of a page.
func BenchmarkMatchHugeText(b *testing.B) {
	c := mustLoad(b)
	big := strings.Repeat("lorem ipsum dolor sit amet, token endpoint answered nothing useful. ", 1<<20/68)
	obs := knowledge.Observation{Error: big, Description: big, Message: big, Text: big, Exception: big}
	b.ReportAllocs()
	for b.Loop() {
		c.Match(obs)
	}
}
