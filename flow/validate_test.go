package flow_test

import (
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow"
)

func TestFixtureGraphIsValid(t *testing.T) {
	g := fixture(t)
	if g.StartID != "A" || len(g.Nodes) != 13 {
		t.Fatalf("start %q, %d nodes; want A and 13", g.StartID, len(g.Nodes))
	}
}

// Each broken graph must fail with a message that names the file, the line and the node,
// and says what is wrong.
func TestLoadRejectsBrokenGraphs(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(string) string
		files map[string]string // extra files
		want  []string          // substrings of the error
	}{
		{
			name: "choice to a missing node",
			edit: replace("{id: twice, label: Twice, next: r_twice}", "{id: twice, label: Twice, next: r_nowhere}"),
			want: []string{"g/graph.yaml:22: node Q:", `choice "twice" goes to "r_nowhere", which is not a node`},
		},
		{
			name: "unreachable node",
			edit: appendNode("  - {id: Orphan, kind: result, text: x, entry: down, causes: [not_running], next: Fix}\n"),
			want: []string{"node Orphan: cannot be reached from the start node A"},
		},
		{
			name: "loop with no way out",
			edit: func(s string) string {
				s = strings.Replace(s, "{id: lost, label: No idea, next: Escalate}", "{id: lost, label: No idea, next: X1}", 1)
				return s + "  - {id: X1, kind: question, text: a, choices: [{id: a, label: a, next: X2}, {id: b, label: b, next: X2}]}\n" +
					"  - {id: X2, kind: question, text: b, choices: [{id: a, label: a, next: X1}, {id: b, label: b, next: X1}]}\n"
			},
			want: []string{"node X1: no path from here ends in a solved or escalate node", "node X2: no path"},
		},
		{
			name: "unknown entry",
			edit: replace("entry: down, causes: [not_running]", "entry: nope, causes: [not_running]"),
			want: []string{"node r_down: entry \"nope\" is not in the catalogue"},
		},
		{
			name: "cause of another entry",
			edit: replace("entry: expired, causes: [too_late], next: Fix", "entry: expired, causes: [not_running], next: Fix"),
			want: []string{"node r_late: cause \"not_running\" belongs to down, not to expired"},
		},
		{
			name: "unknown cause",
			edit: replace("causes: [used_twice]", "causes: [used_thrice]"),
			want: []string{"node r_twice: cause \"used_thrice\" is not a cause of expired (its causes: too_late, used_twice)"},
		},
		{
			name: "unknown kind",
			edit: replace("{id: Fix, kind: fix,", "{id: Fix, kind: repair,"),
			want: []string{"node Fix: kind \"repair\" is not one of question, paste"},
		},
		{
			name: "duplicate id",
			edit: appendNode("  - {id: Solved, kind: solved, text: again}\n"),
			want: []string{"node Solved: id is also used at g/graph.yaml:"},
		},
		{
			name: "misspelt field",
			edit: replace("{id: Fix, kind: fix, text: Do the checklist., next: Test}", "{id: Fix, kind: fix, text: Do the checklist., nxet: Test}"),
			want: []string{"g/graph.yaml:", `unknown field "nxet"`},
		},
		{
			name: "fix without a result",
			edit: replace("{id: lost, label: No idea, next: Escalate}", "{id: lost, label: No idea, next: Fix}"),
			want: []string{"node Fix: can be reached without passing a result node"},
		},
		{
			name: "skip_if chooses a missing choice",
			edit: replace("choose: net", "choose: network"),
			want: []string{"node B: skip_if chooses \"network\", which is not one of its choices (4xx, net, lost)"},
		},
		{
			name: "skip_if unknown fact",
			edit: replace(`when: {transport: "*"}`, `when: {fact: "token_gone"}`),
			want: []string{"node B: skip_if: unknown fact \"token_gone\""},
		},
		{
			name: "unknown check",
			edit: replace("check: redirect_uri", "check: redirect"),
			want: []string{"node CK: check \"redirect\" is not one of redirect_uri, pkce"},
		},
		{
			// Whether "ping" is registered is flow/probe's to say (its test of the graph and
			// go generate): flow does not link the probes.
			name: "malformed probe id",
			edit: replace("probe: reachability", "probe: Reach-ability"),
			want: []string{"node N: probe \"Reach-ability\" is not a probe id"},
		},
		{
			name: "start is not a node",
			edit: replace("start: A", "start: Z"),
			want: []string{`start "Z" is not a node`},
		},
		{
			name: "no start",
			edit: replace("start: A\n", ""),
			want: []string{"no start node"},
		},
		{
			name:  "two starts",
			files: map[string]string{"more.yaml": "start: B\nnodes: []\n"},
			want:  []string{"g/more.yaml: start is also set in g/graph.yaml"},
		},
		{
			name: "question with one choice",
			edit: replace("      - {id: lost, label: No idea, next: Escalate}\n", "").
				then(replace("      - {id: net, label: Network, next: N}\n", "")).
				then(replace("choose: net", "choose: 4xx")),
			want: []string{"node B: a question needs at least two choices"},
		},
		{
			name: "terminal with next",
			edit: replace("{id: Solved, kind: solved, text: Done.}", "{id: Solved, kind: solved, text: Done., next: A}"),
			want: []string{"node Solved: next (the walk ends here) does not belong on a solved node"},
		},
		{
			name: "alias where a code belongs",
			edit: replace("{id: r_down, kind: result, text: Down., entry: down,", "{id: r_down, kind: result, text: Down., entry: DOWN,"),
			want: []string{"node r_down: entry \"DOWN\" is an alias; name the entry by its code \"down\""},
		},
		{
			name: "YAML syntax",
			edit: replace("nodes:\n", "nodes:\n  - {id: [\n"),
			want: []string{"g/graph.yaml:"},
		},
	}
	place := regexp.MustCompile(`g/(graph|more)\.yaml`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := fixtureGraph
			if tt.edit != nil {
				text = tt.edit(text)
				if text == fixtureGraph {
					t.Fatal("the edit changed nothing; the fixture moved")
				}
			}
			files := map[string]string{"graph.yaml": text}
			for k, v := range tt.files {
				files[k] = v
			}
			_, err := loadGraph(t, files)
			if err == nil {
				t.Fatal("Load accepted a broken graph")
			}
			var gap *flow.GapError
			if errors.As(err, &gap) {
				t.Fatalf("a structural problem came back as a coverage gap: %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not say %q:\n%v", w, err)
				}
			}
			if tt.name != "no start" && !place.MatchString(err.Error()) {
				t.Errorf("error does not name the file:\n%v", err)
			}
		})
	}
}

func TestLoadReportsUnreachableCausesByID(t *testing.T) {
	text := strings.Replace(fixtureGraph, "causes: [used_twice]", "causes: [too_late]", 1)
	text = strings.Replace(text, "causes: [too_late, used_twice]", "causes: [too_late]", 1)
	g, err := loadGraph(t, map[string]string{"graph.yaml": text})
	var gap *flow.GapError
	if !errors.As(err, &gap) {
		t.Fatalf("want a *GapError, got %v", err)
	}
	if len(gap.Causes) != 1 || gap.Causes[0].Cause != "used_twice" || gap.Causes[0].Entry != "expired" {
		t.Fatalf("gap = %+v; want used_twice of expired", gap.Causes)
	}
	if !strings.Contains(err.Error(), `cause "used_twice" of entry expired (cat/expired.yaml)`) {
		t.Errorf("message does not name the cause and its file: %v", err)
	}
	if g == nil {
		t.Fatal("a coverage gap should still return the usable graph")
	}
}

func TestLoadWithoutFilesOrCatalogue(t *testing.T) {
	if _, err := loadGraph(t, map[string]string{}); err == nil || !strings.Contains(err.Error(), "no flow graph files") {
		t.Errorf("empty dir: %v", err)
	}
	if _, err := flow.Load(nil, "g", nil); err == nil || !strings.Contains(err.Error(), "no catalogue") {
		t.Errorf("nil catalogue: %v", err)
	}
}

type edit func(string) string

func replace(old, new string) edit {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

func (e edit) then(next edit) edit { return func(s string) string { return next(e(s)) } }

func appendNode(node string) edit { return func(s string) string { return s + node } }
