package ui

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

var printNow = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

// printCase is one printer method over fixed data, as one command calls it.
type printCase struct {
	name  string
	print func(p *Printer)
}

func printCases(t *testing.T) []printCase {
	t.Helper()
	g := builtinGraph(t)
	cat := g.Catalogue()
	entry, _ := cat.Lookup("invalid_grant")
	paste, err := os.ReadFile(filepath.Join("..", "testdata", "corpus", "insufficient_scope--scope_not_granted--passport-missing-scope-details-curlv.txt"))
	if err != nil {
		t.Fatal(err)
	}
	obs, vals, err := evidence.ParseAll(string(paste), printNow)
	if err != nil {
		t.Fatal(err)
	}
	checks, err := check.Plan(check.Given{Scope: "view-user,detail-user", HasScope: true}, vals, obs, printNow)
	if err != nil {
		t.Fatal(err)
	}
	walked, _ := flow.Replay(g, []string{"4xx", "request", "invalid_grant", "code", "expired"}, flow.ReplayOptions{})
	pending, _ := flow.Replay(g, []string{"4xx"}, flow.ReplayOptions{})
	results := []probe.Result{
		{ID: "dns", Name: "DNS resolves the server's host", Status: check.Pass, Summary: "127.0.0.1 is an IP address"},
		{ID: "clock", Name: "Clock agrees with the server", Status: check.Warn, Summary: "the server's clock is 2m ahead"},
		{ID: "client", Name: "Client authentication", Status: check.Fail, Summary: `HTTP 401, invalid_client, "Client authentication failed"`,
			Details:   []string{"credentials in the body: refused"},
			Diagnosis: &probe.Diagnosis{Code: "invalid_client", Causes: []string{"wrong_secret", "unknown_client"}}},
		{ID: "code", Name: "Exchange the authorization code", Status: check.Skip, Summary: "no authorization code given"},
	}
	return []printCase{
		{"entry", func(p *Printer) { p.Entry(entry) }},
		{"search", func(p *Printer) { p.Search(cat.Search("refresh token revoked")) }},
		{"diagnosis", func(p *Printer) { p.Diagnosis(obs, cat.Match(obs), checks) }},
		{"nothing", func(p *Printer) { p.Diagnosis(knowledge.Observation{}, knowledge.Diagnosis{}, nil) }},
		{"checks", func(p *Printer) {
			p.Checks("https://accounts.mubarokah.com", "client-1", []string{"redirect-uri: not set"}, results)
		}},
		{"walk", func(p *Printer) { p.Walk(g, walked) }},
		{"pending", func(p *Printer) { p.Walk(g, pending) }},
		{"outline", func(p *Printer) { p.Outline(g) }},
		{"sandbox", func(p *Printer) {
			p.Sandbox(SandboxBanner{Base: "http://127.0.0.1:7050", ClientID: "demo", Secret: "demo-secret",
				RedirectURIs: []string{"http://127.0.0.1:3090/callback"}, Faults: []string{"slow"}})
		}},
	}
}

func render(o Output, pc printCase) string {
	var buf bytes.Buffer
	o.W = &buf
	pc.print(NewPrinter(o))
	return buf.String()
}

// Styling never changes the words or where lines break: a terminal's output with the escape
// codes stripped is a pipe's, for every command's text.
func TestStyledOutputStrippedIsThePlainOutput(t *testing.T) {
	term := Output{TTY: true, Cols: 80, Environ: []string{"TERM=xterm-256color"}, Getenv: envOf("TERM=xterm-256color")}
	for _, pc := range printCases(t) {
		t.Run(pc.name, func(t *testing.T) {
			plain := render(Output{Cols: 80}, pc)
			styled := render(term, pc)
			if strings.Contains(plain, "\x1b") {
				t.Fatalf("the plain output has an escape code:\n%q", plain)
			}
			if !strings.Contains(styled, "\x1b[") {
				t.Fatalf("the terminal's output is not styled:\n%s", styled)
			}
			if got := ansi.Strip(styled); got != plain {
				t.Errorf("styled output, stripped, differs from the plain one:\n--- plain\n%s\n--- stripped\n%s", plain, got)
			}
		})
	}
}

// No colour where a person asked for none or the terminal cannot show it.
func TestPlainWhereColourIsNotWanted(t *testing.T) {
	pc := printCases(t)[0]
	for name, environ := range map[string][]string{
		"NO_COLOR":  {"TERM=xterm-256color", "NO_COLOR=1"},
		"TERM=dumb": {"TERM=dumb"},
		"no TERM":   nil,
	} {
		t.Run(name, func(t *testing.T) {
			out := render(Output{TTY: true, Cols: 80, Environ: environ, Getenv: envOf(environ...)}, pc)
			if strings.Contains(out, "\x1b") {
				t.Errorf("escape codes with %v:\n%q", environ, out[:min(len(out), 200)])
			}
		})
	}
}

// The background decides the colours: COLORFGBG names it, and a light one gets the light
// palette.
func TestColourFollowsTheBackground(t *testing.T) {
	pc := printCases(t)[0]
	out := func(fgbg string) string {
		env := []string{"TERM=xterm-256color", "COLORTERM=truecolor", "COLORFGBG=" + fgbg}
		return render(Output{TTY: true, Cols: 80, Environ: env, Getenv: envOf(env...)}, pc)
	}
	dark, light := out("15;0"), out("0;15")
	if dark == light {
		t.Error("a light and a dark background print the same colours")
	}
	if ansi.Strip(dark) != ansi.Strip(light) {
		t.Error("the background changed the words")
	}
	if darkBackground(Output{}, envOf("COLORFGBG=0;default;15")) || !darkBackground(Output{}, envOf("COLORFGBG=7;0")) {
		t.Error("COLORFGBG is read wrongly")
	}
}

// Text from outside is scrubbed piece by piece before it is styled, and the whole once more: a
// secret the session knows never comes out, styled or not, and no control of the paste reaches the
// terminal.
func TestPrinterScrubsSecretsAndControls(t *testing.T) {
	const secret = "Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5cE8gK1nM4"
	var set redact.Set
	set.Add(secret)
	results := []probe.Result{{ID: "api", Name: "GET /api/user", Status: check.Fail,
		Summary:   "answered \x1b]52;c;" + secret + "\x07 with 401",
		Diagnosis: &probe.Diagnosis{Code: secret}}}
	for _, o := range []Output{{Cols: 80}, {TTY: true, Cols: 80, Environ: []string{"TERM=xterm-256color"}, Getenv: envOf("TERM=xterm-256color")}} {
		o.Secrets = &set
		out := render(o, printCase{"checks", func(p *Printer) { p.Checks("https://x.test", "", nil, results) }})
		if strings.Contains(out, secret[:redact.CutMin]) || strings.Contains(out, "\x1b]") || strings.ContainsRune(out, '\x07') {
			t.Errorf("a secret or a control came through (styled %v):\n%q", o.TTY, out)
		}
	}
}

func envOf(kv ...string) func(string) string {
	return func(key string) string {
		for i := len(kv) - 1; i >= 0; i-- {
			if k, v, ok := strings.Cut(kv[i], "="); ok && k == key {
				return v
			}
		}
		return ""
	}
}

// COLORFGBG is whatever the environment says; reading it never fails.
func FuzzColorFGBG(f *testing.F) {
	for _, s := range []string{"15;0", "0;15", "7;default;0", ";", "", "99999999999999999999", "-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		_ = darkBackground(Output{}, envOf("COLORFGBG="+v))
	})
}
