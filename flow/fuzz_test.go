package flow_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mubarokah/mubarokah-doctor/flow"
)

// The graph loader reads YAML written by people: whatever the file holds, it either loads a
// graph that can be walked and drawn, or says what is wrong. It never panics.
func FuzzLoad(f *testing.F) {
	f.Add(fixtureGraph)
	f.Add("start: A\nnodes:\n  - {id: A, kind: solved, text: done}\n")
	f.Add("start: A\nnodes:\n  - {id: A, kind: question, text: q, choices: [{id: a, label: a, next: \"@branch\"}, {id: b, label: b, next: A}]}\n")
	f.Add("nodes: [{id: A, kind: result, entry: expired, causes: [too_late, used_twice], text: x, next: A}]\nstart: A")
	f.Add("start: [\n")
	f.Add("- just\n- a list\n")
	f.Add("start: A\nnodes:\n  - id: A\n    kind: paste\n    text: p\n    skip_if: [{when: {status: 9xx}, goto: A}]\n    next: A\n")
	cat := fixtureCatalogue(f)
	f.Fuzz(func(t *testing.T, text string) {
		g, err := flow.Load(fstest.MapFS{"g/graph.yaml": {Data: []byte(text)}}, "g", cat)
		var gap *flow.GapError
		if err != nil && !errors.As(err, &gap) {
			if err.Error() == "" {
				t.Fatal("an empty error message")
			}
			return
		}
		// A graph that loads can be exported and walked by its shortest answers.
		_ = g.Mermaid()
		if _, err := g.JSON(); err != nil {
			t.Fatal(err)
		}
		for node, answers := range g.ShortestAnswers() {
			s, err := flow.Replay(g, answers, flow.ReplayOptions{})
			if err != nil {
				t.Fatalf("the shortest answers to %s do not replay: %v", node, err)
			}
			_ = g.NewReport(s, flow.ReportMeta{}).Markdown()
		}
	})
}

// Any list of answers replays to a state or a *FitError, never a panic or another error.
func FuzzReplay(f *testing.F) {
	f.Add("4xx,request,invalid_grant,code,expired,branch,invalid_grant,refresh,none,unsure,restart,5xx,provider,up,server_error,no,fixed")
	f.Add("other,steps,html,login,escalate")
	f.Add("network,unsure,,dns,old_host,fixed,extra")
	f.Add("4xx,config,invalid_client,yes,yes,no,code,no,branch,config")
	g, _ := loadReal(f)
	f.Fuzz(func(t *testing.T, list string) {
		s, err := flow.Replay(g, strings.Split(list, ","), flow.ReplayOptions{})
		var fe *flow.FitError
		if err != nil && !errors.As(err, &fe) {
			t.Fatalf("replay %q: %v", list, err)
		}
		if _, ok := g.Node(s.Node); !ok {
			t.Fatalf("the walk stands at %q, not a node", s.Node)
		}
		if s.Result != nil {
			if _, ok := g.Diagnose(s); !ok {
				t.Fatal("a result without a diagnosis")
			}
		}
	})
}

// A saved session comes from a file someone sent: any text reads to a session or an
// error, and any session resumes to a state or an error, never a panic.
func FuzzResume(f *testing.F) {
	g, _ := loadReal(f)
	s, _ := flow.Replay(g, strings.Split("4xx,config,invalid_client,yes,no", ","), flow.ReplayOptions{Live: wrongSecretChecks()})
	f.Add(g.NewReport(s, flow.ReportMeta{}).Markdown())
	js, _ := g.NewReport(s, flow.ReportMeta{}).JSON()
	f.Add(string(js))
	f.Add("```json mubarokah-doctor-session/1\n{\"format\":\"mubarokah-doctor-session/1\",\"moves\":[{\"kind\":\"tick\",\"choice\":\"x\"},{\"kind\":\"live\"}]}\n```")
	f.Fuzz(func(t *testing.T, text string) {
		sess, err := flow.ReadSession(text)
		if err != nil {
			return
		}
		s, err := g.Resume(sess)
		if err == nil {
			if _, ok := g.Node(s.Node); !ok {
				t.Fatalf("resumed at %q, not a node", s.Node)
			}
		}
	})
}
