package flow_test

import (
	"testing"
	"testing/fstest"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// A two-entry catalogue small enough to read in one glance: "expired" has two causes, one
// of which a hint names exactly (weight 10), so a paste can jump to it.
const fixtureCatalogueExpired = `code: expired
title: The thing expired
severity: medium
summary: It ran out.
appears_at: [token_endpoint]
http_status: [400]
signals:
  - when: {error: "=expired"}
    weight: 4
causes:
  - id: too_late
    text: It was used too late.
    prior: 2
    signals:
      - when: {hint: "has run out"}
        weight: 10
  - id: used_twice
    text: It was used twice.
    prior: 1
steps:
  - id: be_quick
    text: Use it at once.
    fixes: [too_late]
  - id: use_once
    text: Use it once.
    fixes: [used_twice]
prevention: [Be quick.]
`

const fixtureCatalogueDown = `code: down
title: The server is down
severity: high
summary: Nothing answers.
appears_at: [transport]
signals:
  - when: {transport: "=refused"}
    weight: 6
causes:
  - id: not_running
    text: It is not running.
steps:
  - id: start_it
    text: Start it.
    fixes: [not_running]
prevention: [Watch it.]
`

// fixtureGraph walks: A (paste, jump) -> B (question: 4xx or net, skip by evidence) ->
// Q (question on the expired entry) -> results -> Fix -> Test -> Solved / Escalate.
const fixtureGraph = `start: A
nodes:
  - {id: A, kind: paste, text: Paste it., jump: true, next: B}
  - id: B
    kind: question
    text: What type?
    choices:
      - {id: 4xx, label: A 4xx, next: Q}
      - {id: net, label: Network, next: N}
      - {id: lost, label: No idea, next: Escalate}
    skip_if:
      - when: {transport: "*"}
        choose: net
      - when: {error: "=expired"}
        choose: 4xx
  - id: Q
    kind: question
    branch: true
    text: When was it used?
    choices:
      - {id: late, label: Late, next: r_late}
      - {id: twice, label: Twice, next: r_twice}
      - {id: unsure, label: Not sure, next: r_all}
  - id: N
    kind: probe
    branch: true
    text: Try to connect.
    probe: reachability
    on: {fail: r_down}
    next: r_down
  - id: CK
    kind: check
    text: Compare the redirect URIs.
    check: redirect_uri
    inputs:
      - {name: authorize, label: on authorize}
      - {name: token, label: on token}
    next: r_all
  - {id: r_late, kind: result, text: Too late., entry: expired, causes: [too_late], next: Fix}
  - {id: r_twice, kind: result, text: Twice., entry: expired, causes: [used_twice], next: Fix}
  - {id: r_all, kind: result, text: Either., entry: expired, causes: [too_late, used_twice], next: Fix}
  - {id: r_down, kind: result, text: Down., entry: down, causes: [not_running], next: Fix}
  - {id: Fix, kind: fix, text: Do the checklist., next: Test}
  - id: Test
    kind: question
    text: Fixed?
    choices:
      - {id: fixed, label: Yes, next: Solved}
      - {id: branch, label: Again here, next: "@branch"}
      - {id: checkit, label: Check the URIs, next: CK}
      - {id: restart, label: From the top, next: B}
      - {id: escalate, label: No, next: Escalate}
  - {id: Solved, kind: solved, text: Done.}
  - {id: Escalate, kind: escalate, text: Ask support.}
`

func fixtureCatalogue(t testing.TB) *knowledge.Catalogue {
	t.Helper()
	cat, err := knowledge.Load(fstest.MapFS{
		"cat/expired.yaml": {Data: []byte(fixtureCatalogueExpired)},
		"cat/down.yaml":    {Data: []byte(fixtureCatalogueDown)},
	}, "cat")
	if err != nil {
		t.Fatalf("fixture catalogue: %v", err)
	}
	return cat
}

func loadGraph(t testing.TB, files map[string]string) (*flow.Graph, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys["g/"+name] = &fstest.MapFile{Data: []byte(data)}
	}
	return flow.Load(fsys, "g", fixtureCatalogue(t))
}

func fixture(t testing.TB) *flow.Graph {
	t.Helper()
	g, err := loadGraph(t, map[string]string{"graph.yaml": fixtureGraph})
	if err != nil {
		t.Fatalf("fixture graph: %v", err)
	}
	return g
}
