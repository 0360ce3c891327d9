package ui

import (
	"context"
	"sync"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// fakeProber answers live checks from a table, records what it was asked, and never
// touches the network.
type fakeProber struct {
	mu      sync.Mutex
	answers map[string]probe.Result
	calls   []string
	cfgs    []config.Config
}

func (f *fakeProber) set(id string, r probe.Result) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.answers == nil {
		f.answers = map[string]probe.Result{}
	}
	r.ID = id
	f.answers[id] = r
}

func (f *fakeProber) Run(ctx context.Context, cfg config.Config, id string) probe.Result {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, id)
	f.cfgs = append(f.cfgs, cfg)
	if ctx.Err() != nil {
		return probe.Result{ID: id, Status: probe.Skip, Summary: "cancelled"}
	}
	if r, ok := f.answers[id]; ok {
		return r
	}
	return probe.Result{ID: id, Name: id, Status: probe.Pass, Summary: "fine"}
}

func (f *fakeProber) RunAll(ctx context.Context, cfg config.Config, ids []string) []probe.Result {
	out := make([]probe.Result, len(ids))
	for i, id := range ids {
		if ok, why := probe.Ready(cfg, id); !ok {
			out[i] = probe.Result{ID: id, Name: id, Status: probe.Skip, Summary: why}
			continue
		}
		out[i] = f.Run(ctx, cfg, id)
	}
	return out
}

func (f *fakeProber) called() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// A client secret and a token that must never appear on any screen or in any report.
const (
	testSecret = "s3cr3t-VALUE-that-must-never-show-0123456789"
	testToken  = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJleHAiOjF9.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZw"
)

// withLive gives the session credentials and the fake prober.
func withLive(t testing.TB, f *fakeProber) func(*Options) {
	return func(o *Options) {
		cfg := config.Default()
		cfg.ClientID = "0a9f8dd9-9f13-4138-abf7-566f30886cf1"
		cfg.ClientSecret = testSecret
		cfg.AccessToken = testToken
		cfg.Code = "def50200-authorization-code-value-long-enough"
		cfg.RedirectURI = "http://127.0.0.1:3090/callback"
		o.Config = &cfg
		o.Prober = f
		o.Graph = testGraph(t)
	}
}

// invalidClientObs is what a failed client authentication probe reports.
func invalidClientObs() knowledge.Observation {
	return knowledge.Observation{Endpoint: "token", Status: 401, Error: "invalid_client",
		Description: "Client authentication failed", Sources: []string{"probe"}}
}
