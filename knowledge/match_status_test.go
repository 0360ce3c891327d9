package knowledge_test

import (
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// A status retold in words, with nothing that says which request got it, is any web
// server's page: a guess below the fit bar. The same status with a request, or as a
// response pasted whole, is a diagnosis.
func TestBareStatusInWordsDoesNotFit(t *testing.T) {
	c := mustLoad(t)
	words := knowledge.Observation{Sources: []string{"status_phrase"}, Status: 404,
		Text: "404 Not Found\nnginx/1.25.3"}
	if d := c.Match(words); d.Fits() {
		best, _ := d.Best()
		t.Errorf("a retold 404 page fits %s at %.2f", best.Entry.Code, best.Strength)
	}
	placed := words
	placed.Method, placed.Endpoint, placed.URL = "POST", knowledge.EndpointToken, "https://id.example.org/oauth/token"
	if best, ok := c.Match(placed).Best(); !ok || best.Entry.Code != "resource_not_found" || !c.Match(placed).Fits() {
		t.Errorf("a 404 from the token URL: %+v", best)
	}
	pasted := answer("", 404, "text/html", "", "")
	pasted.Method = ""
	if d := c.Match(pasted); !d.Fits() {
		t.Errorf("a 404 response pasted whole does not fit")
	}
}

// A 401 from a resource API other than /api/user is the API's guard refusing the token.
func TestRefusalFromAnotherAPIIsTheGuards(t *testing.T) {
	c := mustLoad(t)
	o := knowledge.Observation{Sources: []string{"guzzle_error"}, Method: "GET", Status: 401, Endpoint: knowledge.EndpointAPI}
	best, ok := c.Match(o).Best()
	if !ok || best.Entry.Code != "token_invalid" || !c.Match(o).Fits() {
		t.Errorf("401 from a resource API: %+v", best)
	}
}
