package flow_test

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// One keypress in the wizard is one Next; it must stay far inside a frame.
func BenchmarkNextAnswer(b *testing.B) {
	g, _ := loadReal(b)
	s, err := flow.Replay(g, []string{"4xx", "request", "invalid_grant"}, flow.ReplayOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Next(s, flow.Answer("code")); err != nil {
			b.Fatal(err)
		}
	}
}

// A paste matches the whole catalogue and lets evidence answer the questions it can.
func BenchmarkNextPaste(b *testing.B) {
	g, _ := loadReal(b)
	obs := knowledge.Observation{Endpoint: "token", Status: 401, Error: "invalid_client", Description: "Client authentication failed"}
	s := g.Start()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Next(s, flow.Paste(obs)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReplay(b *testing.B) {
	g, _ := loadReal(b)
	answers := strings.Split("4xx,config,invalid_client,yes,yes,no,code,yes,yes,fixed", ",")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := flow.Replay(g, answers, flow.ReplayOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// Start-up cost of the graph on top of the catalogue.
func BenchmarkLoad(b *testing.B) {
	_, cat := loadReal(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := flow.Load(assets.Flow, "flow", cat); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReport(b *testing.B) {
	g, _ := loadReal(b)
	s, _ := flow.Replay(g, strings.Split("4xx,request,invalid_grant,code,expired,escalate", ","), flow.ReplayOptions{})
	b.ReportAllocs()
	for b.Loop() {
		r := g.NewReport(s, flow.ReportMeta{})
		_ = r.Markdown()
		if _, err := r.JSON(); err != nil {
			b.Fatal(err)
		}
	}
}

// A walk that starts from a run of live checks: the ranking reads each piece of evidence.
func BenchmarkReplayLive(b *testing.B) {
	g, _ := loadReal(b)
	live := wrongSecretChecks()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := flow.Replay(g, nil, flow.ReplayOptions{Live: live}); err != nil {
			b.Fatal(err)
		}
	}
}
