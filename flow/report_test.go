package flow_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Markers a secret could carry; none may appear in any report.
const (
	markCode     = "def502SECRETCODEMARKER7f3a9c1e5b2d8f4a6c0e9b3d7f1a5c8e2b6d0f4a"
	markSecret   = "SECRETCLIENTMARKERq9W8e7R6t5Y4u3I2o1P0"
	markToken    = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiJ9.SECRETTOKENMARKERsig0123456789"
	markVerifier = "SECRETVERIFIERMARKERabcdefghijklmnopqrstuvwxyz0123456"
	markRefresh  = "def502SECRETREFRESHMARKER0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e"
)

var allMarkers = []string{markCode, markSecret, markToken, markVerifier, markRefresh,
	"SECRETCODEMARKER", "SECRETCLIENTMARKER", "SECRETTOKENMARKER", "SECRETVERIFIERMARKER", "SECRETREFRESHMARKER"}

const pastedExchange = `curl -v -X POST https://accounts.mubarokah.com/oauth/token \
  -H 'Authorization: Bearer ` + markToken + `' \
  -d grant_type=authorization_code -d client_id=demo-client \
  -d client_secret=` + markSecret + ` -d code=` + markCode + ` \
  -d refresh_token=` + markRefresh + ` -d code_verifier=` + markVerifier + `
< HTTP/1.1 400 Bad Request
< Content-Type: application/json
{"error":"invalid_grant","error_description":"The provided authorization grant is invalid","hint":"Authorization code has expired","message":"The provided authorization grant is invalid"}
https://app.example.com/callback?code=` + markCode + `&state=abc123
`

var reportTime = time.Date(2026, 1, 2, 10, 4, 5, 0, time.FixedZone("WIB", 7*3600))

func TestReportNeverCarriesSecrets(t *testing.T) {
	g, _ := loadReal(t)
	s := g.Start()
	paste, err := flow.PasteText(pastedExchange, reportTime)
	if err != nil {
		t.Fatal(err)
	}
	step := func(e flow.Event) {
		t.Helper()
		next, err := g.Next(s, e)
		if err != nil {
			t.Fatal(err)
		}
		s = next
	}
	step(paste)
	// Walk to the PKCE check whatever the paste answered, then feed it secret inputs.
	for s.Node != "c2_check_pkce" {
		n, _ := g.Node(s.Node)
		switch n.ID {
		case "B":
			step(flow.Answer("4xx"))
		case "C":
			step(flow.Answer("request"))
		case "C2":
			step(flow.Answer("invalid_grant"))
		case "c2_grant":
			step(flow.Answer("code"))
		case "c2_code_hint":
			step(flow.Answer("pkce"))
		case "r_code_expired", "Fix":
			step(flow.Continue())
		case "Test":
			step(flow.Answer("branch"))
		default:
			t.Fatalf("unexpected node %s on the way to the PKCE check", n.ID)
		}
	}
	n, _ := g.Node("c2_check_pkce")
	ev, err := flow.RunCheck(n, map[string]string{"verifier": markVerifier, "challenge": markVerifier, "method": "S256"}, reportTime)
	if err != nil {
		t.Fatal(err)
	}
	step(ev)
	for !s.Done() {
		switch n, _ := g.Node(s.Node); n.Kind {
		case flow.KindResult, flow.KindFix:
			step(flow.Continue())
		case flow.KindQuestion:
			step(flow.Answer("escalate"))
		default:
			step(flow.Skip("not run"))
		}
	}
	// An answer that is a pasted secret is refused without being repeated.
	if _, err := flow.Replay(g, []string{markToken}, flow.ReplayOptions{}); err == nil || strings.Contains(err.Error(), "SECRETTOKENMARKER") {
		t.Errorf("a secret given as an answer came back in the error: %v", err)
	}

	r := g.NewReport(s, flow.ReportMeta{Time: reportTime, BaseURL: "https://accounts.mubarokah.com", ClientID: "demo-client"})
	md := r.Markdown()
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range allMarkers {
		if strings.Contains(md, m) {
			t.Errorf("Markdown report carries %q", m)
		}
		if strings.Contains(string(js), m) {
			t.Errorf("JSON report carries %q", m)
		}
	}
	if !strings.Contains(md, "client_id: demo-client") {
		t.Error("the client_id is not a secret and must be shown")
	}
}

func TestReportScrubsConfiguredSecrets(t *testing.T) {
	g := fixture(t)
	const secret = `s3cr"et<and>more-than-six`
	s := walk(t, g, flow.Skip(""), flow.Answer("net"),
		flow.ProbeDone(check.ProbeResult{ID: "reachability", Status: check.Fail, Summary: "sent " + secret + " and failed"}))
	set := &redact.Set{}
	set.Add(secret)
	r := g.NewReport(s, flow.ReportMeta{Time: reportTime, Secrets: set})
	js, _ := r.JSON()
	if md := r.Markdown(); strings.Contains(md, secret) {
		t.Errorf("Markdown carries a configured secret:\n%s", md)
	}
	if strings.Contains(string(js), `s3cr\"et`) || strings.Contains(string(js), "more-than-six") {
		t.Errorf("JSON carries a configured secret:\n%s", js)
	}
}

func TestReportContents(t *testing.T) {
	g := fixture(t)
	s := walk(t, g,
		flow.Paste(knowledge.Observation{Endpoint: "token", Method: "POST", URL: "https://x/oauth/token", Status: 400, Error: "expired", Description: "It ran out"}),
		flow.Answer("unsure"))
	s, _ = g.Tick(s, "be_quick", true)
	s = mustNext(t, g, s, flow.Continue(), flow.Continue(), flow.Answer("escalate"))
	r := g.NewReport(s, flow.ReportMeta{Time: reportTime, BaseURL: "https://accounts.mubarokah.com", ClientID: "demo-client"})
	md := r.Markdown()
	for _, want := range []string{
		"- Time (UTC): 2026-01-02T03:04:05Z",
		"- Server: https://accounts.mubarokah.com",
		"- client_id: demo-client",
		"- Outcome: escalated to Mubarokah ID support",
		"| 1 | A | Paste it. | pasted: token, HTTP 400, expired, 'It ran out' |",
		"| 2 | B | What type? | 4xx: A 4xx (evidence: error 'expired') |",
		"| 3 | Q | When was it used? | unsure: Not sure |",
		"- Step 1 (A, paste): endpoint 'token', method 'POST', URL 'https://x/oauth/token', HTTP 400, error 'expired'",
		"**expired**: The thing expired (severity medium; result r_all",
		"- [x] Use it at once. (`be_quick`)",
		"- [ ] Use it once. (`use_once`)",
		"## For Mubarokah ID support",
		"  - expired: It ran out",
		"  - POST https://x/oauth/token, answered HTTP 400",
		"Contact: hey@mubarokah.com, https://s.id/023w4. Status page: https://mdn.cronitorstatus.com/",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	js, _ := r.JSON()
	var back struct {
		Time      string `json:"time"`
		ClientID  string `json:"client_id"`
		Status    string `json:"status"`
		Path      []struct{ Node, Answer string }
		Diagnosis struct {
			Entry     string
			Checklist []struct {
				ID     string
				Ticked bool
			}
		}
		Support struct {
			Email  string
			Errors []string `json:"error_messages"`
		}
	}
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back.Time != "2026-01-02T03:04:05Z" || back.ClientID != "demo-client" || back.Status != "escalated" ||
		len(back.Path) != 6 || back.Diagnosis.Entry != "expired" || !back.Diagnosis.Checklist[0].Ticked ||
		back.Support.Email != "hey@mubarokah.com" || len(back.Support.Errors) != 1 {
		t.Errorf("JSON report = %+v", back)
	}
	// A solved walk carries no support request.
	solved := mustNext(t, g, s.History()[4], flow.Answer("fixed"))
	if r := g.NewReport(solved, flow.ReportMeta{Time: reportTime}); r.Support != nil || !strings.Contains(r.Markdown(), "Outcome: solved") {
		t.Error("a solved report asks support for help")
	}
}

func mustNext(t *testing.T, g *flow.Graph, s flow.State, events ...flow.Event) flow.State {
	t.Helper()
	for _, e := range events {
		next, err := g.Next(s, e)
		if err != nil {
			t.Fatal(err)
		}
		s = next
	}
	return s
}

// A report quotes evidence and probe summaries: no terminal control rides along into the
// Markdown someone will cat or the JSON someone will print.
func TestReportCarriesNoTerminalControl(t *testing.T) {
	g := fixture(t)
	s := walk(t, g, flow.Skip(""), flow.Answer("net"),
		flow.ProbeDone(check.ProbeResult{ID: "reachability", Status: check.Fail,
			Summary: "server said \x1b]52;c;ZXZpbA==\x07 and \u009b2J"}))
	r := g.NewReport(s, flow.ReportMeta{Time: reportTime})
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"Markdown": r.Markdown(), "JSON": string(js)} {
		for _, c := range []string{"\x1b", "\x07", "\u009b"} {
			if strings.Contains(text, c) {
				t.Errorf("%s report carries %q", name, c)
			}
		}
	}
}
