package flow_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// walk --report json says the diagnosis's signals in the run's language, as diagnose
// --json does; the entry, the cause ids and the English report stay as they are.
func TestReportJSONSignalsInTheRunsLanguage(t *testing.T) {
	id, en := indonesian(t)
	paste := `{"error":"invalid_grant","error_description":"The provided authorization grant is invalid","hint":"Authorization code has expired"}`
	type diag struct {
		Entry   string   `json:"entry"`
		Signals []string `json:"signals"`
		Causes  []struct {
			ID      string   `json:"id"`
			Signals []string `json:"signals"`
		} `json:"causes"`
	}
	read := func(g *flow.Graph) (diag, flow.Report) {
		t.Helper()
		s := g.Start()
		ev, err := flow.PasteText(paste, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if s, err = g.Next(s, ev); err != nil {
			t.Fatal(err)
		}
		r := g.NewReport(s, flow.ReportMeta{Time: reportTime})
		js, err := r.JSON()
		if err != nil {
			t.Fatal(err)
		}
		var back struct{ Diagnosis *diag }
		if err := json.Unmarshal(js, &back); err != nil || back.Diagnosis == nil {
			t.Fatalf("no diagnosis in %s (%v)", js, err)
		}
		return *back.Diagnosis, r
	}
	dID, rID := read(id)
	dEN, rEN := read(en)
	if dID.Entry != dEN.Entry || len(dID.Causes) != len(dEN.Causes) || len(dEN.Signals) == 0 {
		t.Fatalf("the two runs differ: %+v / %+v", dID, dEN)
	}
	for i, s := range dEN.Signals {
		if s != rEN.Diagnosis.Signals[i] {
			t.Errorf("English signal changed: %q", s)
		}
		if want := lang.Indonesian.Reason(s); dID.Signals[i] != want || want == s {
			t.Errorf("Indonesian signal %q, want %q (the English %q)", dID.Signals[i], want, s)
		}
	}
	for i, c := range dID.Causes {
		if c.ID != dEN.Causes[i].ID {
			t.Errorf("cause ids differ: %s / %s", c.ID, dEN.Causes[i].ID)
		}
		for j, s := range dEN.Causes[i].Signals {
			if c.Signals[j] != lang.Indonesian.Reason(s) {
				t.Errorf("cause %s signal %q not said in Indonesian (%q)", c.ID, c.Signals[j], s)
			}
		}
	}
	// The report itself keeps the English the Markdown says as it writes.
	if strings.Join(rID.Diagnosis.Signals, "") != strings.Join(rEN.Diagnosis.Signals, "") {
		t.Errorf("the report's own signals changed: %q", rID.Diagnosis.Signals)
	}
}

// A masked secret's length reads in the report's language; the session block, which is
// data for --resume, keeps the mask as redact wrote it.
func TestReportMarkdownSaysMaskedLengthInItsLanguage(t *testing.T) {
	id, _ := indonesian(t)
	paste := "> GET /api/user HTTP/1.1\n> Host: accounts.mubarokah.com\n" +
		"> Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMiLCJleHAiOjE3MDAwMDAwMDB9.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU\n" +
		"< HTTP/1.1 401 Unauthorized\n< Content-Type: application/json\n<\n{\"message\":\"Unauthenticated.\"}\n"
	s := id.Start()
	ev, err := flow.PasteText(paste, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if s, err = id.Next(s, ev); err != nil {
		t.Fatal(err)
	}
	md := id.NewReport(s, flow.ReportMeta{Time: reportTime}).Markdown()
	human, data, _ := strings.Cut(md, "```json")
	if !strings.Contains(human, "karakter)") || strings.Contains(human, " chars)") {
		t.Errorf("the report's text does not say the masked length in Indonesian:\n%s", human)
	}
	if strings.Contains(data, "karakter)") {
		t.Errorf("the session block's masks were rewritten: %s", data)
	}
}
