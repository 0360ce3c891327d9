package flow_test

import (
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
)

// A curl -v answer as a customer pastes it, dated, with a client secret and a token in it.
const datedPaste = `> POST /oauth/token HTTP/1.1
> Host: accounts.mubarokah.com
> Authorization: Basic MGE5ZjhkZDktOWYxMy00MTM4OlNFQ1JFVE1BUktFUi1jbGllbnQtc2VjcmV0LXZhbHVl
> Content-Type: application/x-www-form-urlencoded
>
< HTTP/1.1 401 Unauthorized
< Date: Tue, 03 Mar 2026 08:15:42 GMT
< Content-Type: application/json
<
{"error":"invalid_client","error_description":"Client authentication failed","message":"Client authentication failed"}`

// TestReportOpensAgainAtTheSameStep: a session with a paste, answers, a tick and a re-test,
// written as a report, is read back from the Markdown and from the JSON and lands on the
// same step with the same ticks, checks and ranking, as on another machine.
func TestReportOpensAgainAtTheSameStep(t *testing.T) {
	g, _ := loadReal(t)
	ev, err := flow.PasteText(datedPaste, time.Date(2026, 3, 3, 9, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	s := g.Start()
	for _, e := range []flow.Event{ev, flow.Skip("not run"), flow.Answer("yes"), flow.Answer("yes"), flow.Answer("no"), flow.Answer("code"), flow.Answer("yes"), flow.Answer("no")} {
		if s, err = g.Next(s, e); err != nil {
			t.Fatalf("at %s: %v", s.Node, err)
		}
	}
	d, ok := g.Diagnose(s)
	if !ok {
		t.Fatalf("no result at %s", s.Node)
	}
	if s, err = g.Tick(s, d.Checklist[0].Step.ID, true); err != nil {
		t.Fatal(err)
	}
	s = g.Retested(s, check.ProbeResult{ID: "client_auth", Name: "Client authentication", Status: check.Fail, Summary: "still refused"})

	r := g.NewReport(s, flow.ReportMeta{Time: time.Date(2026, 3, 3, 10, 0, 0, 0, time.UTC), Tool: "mubarokah-doctor v9.9.9"})
	md := r.Markdown()
	for _, want := range []string{
		"- Time (UTC): 2026-03-03T10:00:00Z, when this report was made",
		"- Failure seen (UTC): 2026-03-03T08:15:42Z",
		"- Tool: mubarokah-doctor v9.9.9 on ",
		"- Server in the evidence: https://accounts.mubarokah.com",
		"- Replay the answers: `mubarokah-doctor walk --answers 4xx,config,invalid_client,yes,yes,no,code,yes,no`",
		"| live re-test | FAIL | still refused |",
		"ruled out: answered",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "SECRETMARKER") || strings.Contains(md, "U0VDUkVUTUFSS0VS") || strings.Contains(md, "MGE5ZjhkZDktOWYxMy00MTM4OlNF") {
		t.Errorf("the report carries the pasted credentials:\n%s", md)
	}
	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"markdown": md, "json": string(js)} {
		sess, err := flow.ReadSession(text)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		back, err := g.Resume(sess)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if back.Node != s.Node || len(back.Steps) != len(s.Steps) || len(back.Checks) != len(s.Checks) ||
			strings.Join(back.Ticked, ",") != strings.Join(s.Ticked, ",") {
			t.Errorf("%s: resumed at %s step %d, %d checks, ticks %v; saved at %s step %d, %d checks, ticks %v", name,
				back.Node, len(back.Steps), len(back.Checks), back.Ticked, s.Node, len(s.Steps), len(s.Checks), s.Ticked)
		}
		if rc, ok := back.LastRetest(); !ok || rc.Summary != "still refused" {
			t.Errorf("%s: the re-test did not come back", name)
		}
	}
}

// TestReadSessionSaysWhatIsWrong: a file without a session, or with a damaged one, is
// refused in words.
func TestReadSessionSaysWhatIsWrong(t *testing.T) {
	for text, want := range map[string]string{
		"# some notes\n": "no saved session in it",
		"```json mubarokah-doctor-session/1\n{\"f":      "cut off",
		"```json mubarokah-doctor-session/1\n{]\n```\n": "damaged",
		`{"format":"other/2"}`:                          "not a saved session",
	} {
		if _, err := flow.ReadSession(text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadSession(%.30q) = %v, want %q", text, err, want)
		}
	}
	g, _ := loadReal(t)
	_, err := g.Resume(flow.Session{Format: flow.SessionFormat, Node: "B", Steps: 1,
		Moves: []flow.Move{{Kind: flow.EventAnswer, Choice: "nonsense"}}})
	if err == nil || !strings.Contains(err.Error(), "move 1 of 1") {
		t.Errorf("a move that does not fit: %v", err)
	}
}

// TestReportDatesTheFailureByTheLog: a pasted log line's own stamp is the failure's time;
// a stamp without a zone says so rather than guess one.
func TestReportDatesTheFailureByTheLog(t *testing.T) {
	g, _ := loadReal(t)
	for paste, want := range map[string]string{
		`[2026-03-01 10:00:00] production.ERROR: {"error":"invalid_grant","error_description":"The provided authorization grant is invalid","hint":"Authorization code has expired"}`:       "2026-03-01 10:00:00 (the log's own time zone, not given)",
		`2026-03-01T17:00:00+07:00 ERROR token refused {"error":"invalid_grant","error_description":"The provided authorization grant is invalid","hint":"Authorization code has expired"}`: "2026-03-01T10:00:00Z (the stamp of the log line pasted)",
	} {
		ev, err := flow.PasteText(paste, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		s, err := g.Next(g.Start(), ev)
		if err != nil {
			t.Fatal(err)
		}
		md := g.NewReport(s, flow.ReportMeta{}).Markdown()
		if !strings.Contains(md, "- Failure seen") || !strings.Contains(md, want) {
			t.Errorf("report lacks the failure time %q:\n%s", want, md)
		}
		// The stamp survives a resume.
		sess, _ := flow.ReadSession(md)
		back, err := g.Resume(sess)
		if err != nil || !strings.Contains(g.NewReport(back, flow.ReportMeta{}).Markdown(), want) {
			t.Errorf("after a resume the failure time is lost (%v)", err)
		}
	}
}
