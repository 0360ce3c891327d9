package check

import (
	"testing"
	"testing/fstest"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// A scope refusal where the server's words and this program's own reading of the request
// weigh the same, the reading (a scope Mubarokah ID does not define) being more common.
const scopeEntry = `code: invalid_scope
title: A scope was refused
severity: medium
summary: A scope was refused.
appears_at: [token_endpoint]
http_status: [400]
signals:
  - when: {error: "=invalid_scope"}
    weight: 4
causes:
  - id: scope_unknown
    text: Unknown.
    prior: 3
    signals:
      - when: {fact: scope_unknown}
        weight: 10
  - id: scope_not_allowed_for_client
    text: Not allowed.
    prior: 1
    signals:
      - when: {words: "not allowed to request scope"}
        weight: 10
steps:
  - id: fix
    text: Fix it.
    fixes: [scope_unknown, scope_not_allowed_for_client]
prevention: [Be careful.]
`

func TestDiagnoseLetsTheServersWordsOutrankInferences(t *testing.T) {
	cat, err := knowledge.Load(fstest.MapFS{"cat/invalid_scope.yaml": {Data: []byte(scopeEntry)}}, "cat")
	if err != nil {
		t.Fatal(err)
	}
	refusal := func(desc string) ProbeResult {
		o := knowledge.Observation{Endpoint: "token", Status: 400, Error: "invalid_scope", Description: desc}
		o.AddFact(knowledge.FactScopeUnknown, `"admin-all" is not a Mubarokah ID scope`)
		return ProbeResult{Status: Fail, Obs: o}
	}
	named := refusal("The OAuth 2.0 Client is not allowed to request scope 'admin-all'.")
	named.Diagnose(cat)
	if got := named.Diagnosis.TopCause(); got != "scope_not_allowed_for_client" {
		t.Errorf("the server named the cause, yet %s comes first (%v)", got, named.Diagnosis.Causes)
	}
	silent := refusal("The requested scope is invalid, unknown, or malformed.")
	silent.Diagnose(cat)
	if got := silent.Diagnosis.TopCause(); got != "scope_unknown" || silent.Diagnosis.Undetermined {
		t.Errorf("the server named no cause, so the reading of the request decides; got %s (%+v)", got, silent.Diagnosis)
	}
	if named.Obs.HasFact(knowledge.FactScopeUnknown) == false {
		t.Error("Diagnose dropped the inferred fact from the observation itself")
	}
}
