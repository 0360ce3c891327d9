package flow_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/har/hartest"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
)

// A HAR pasted at the walk's paste step is read as a trace: the walk goes on from its
// failing step's evidence, and the report carries the timeline with that step marked and
// none of the file's secrets.
func TestPastedHARGoesIntoTheReportAsATimeline(t *testing.T) {
	g, _ := loadReal(t)
	data, err := os.ReadFile(filepath.Join("har", "testdata", "recorded", "code_reused.har"))
	if err != nil {
		t.Fatal(err)
	}
	planted, markers := hartest.Planted()
	for name, doc := range map[string]string{"recorded": string(data), "planted": string(planted)} {
		t.Run(name, func(t *testing.T) {
			ev, err := flow.PasteText(doc, reportTime)
			if err != nil {
				t.Fatal(err)
			}
			if ev.Timeline == nil || ev.Timeline.Failing == 0 || ev.Obs.Empty() {
				t.Fatalf("read as %+v, want a timeline with a failing step and its evidence", ev)
			}
			s, err := g.Next(g.Start(), ev)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.Evidence) != 1 || s.Evidence[0].Timeline != ev.Timeline {
				t.Fatalf("the timeline is not kept with the evidence: %+v", s.Evidence)
			}
			r := g.NewReport(s, flow.ReportMeta{Time: reportTime, Secrets: &redact.Set{}})
			md := r.Markdown()
			js, err := r.JSON()
			if err != nil {
				t.Fatal(err)
			}
			failing := ev.Timeline.Steps[ev.Timeline.Failing-1]
			for _, want := range []string{"## Sign-in timeline", "**first to go wrong** (HAR entry", "| ✗ |"} {
				if !strings.Contains(md, want) {
					t.Errorf("the Markdown lacks %q:\n%s", want, md)
				}
			}
			if !strings.Contains(string(js), `"har_timeline"`) || !strings.Contains(md, string(failing.Kind)) {
				t.Errorf("the JSON has no timeline:\n%s", js)
			}
			if name == "recorded" && (failing.Kind != "token" || failing.Entry != 12) {
				t.Errorf("failing step %s at entry %d, want the second token request, entry 12", failing.Kind, failing.Entry)
			}
			for _, m := range markers {
				if strings.Contains(md, m) || strings.Contains(string(js), m) {
					t.Errorf("the report shows the planted secret %s", m)
				}
			}
		})
	}
}

// A HAR in which nothing failed gives the walk nothing to go on: an error says so.
func TestPastedHealthyHARIsRefusedWithAReason(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("har", "testdata", "recorded", "spa_ok.har"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := flow.PasteText(string(data), reportTime); err == nil || !strings.Contains(err.Error(), "none went wrong") {
		t.Errorf("err = %v, want one saying no step went wrong", err)
	}
}
