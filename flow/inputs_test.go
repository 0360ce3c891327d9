package flow_test

import (
	"slices"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func TestRunInputsRunsTheCheckNodeAndNamesItsSecrets(t *testing.T) {
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	g, err := flow.Builtin(cat)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	verifier := "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	results, secrets, err := g.RunInputs(map[string]map[string]string{
		check.NamePKCE: {"verifier": verifier, "challenge": "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"},
	}, now)
	if err != nil {
		t.Fatal(err)
	}
	if r, ok := results[check.NamePKCE]; !ok || r.Status != check.Pass || len(results) != 1 {
		t.Errorf("results = %+v, want one passing pkce check", results)
	}
	if !slices.Contains(secrets, verifier) {
		t.Errorf("secrets = %q, want the verifier in them", secrets)
	}
	// A check node missing an input it needs is an error, and the secret given so far is
	// still named so the caller masks it in that message.
	_, secrets, err = g.RunInputs(map[string]map[string]string{check.NamePKCE: {"verifier": verifier}}, now)
	if err == nil || !slices.Contains(secrets, verifier) {
		t.Errorf("half the inputs: err %v, secrets %q", err, secrets)
	}
}
