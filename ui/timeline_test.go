package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/har/hartest"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// withBuiltinCatalogue diagnoses with the real catalogue: the recordings' faults are
// entries the small test catalogue lacks.
func withBuiltinCatalogue(t testing.TB) func(*Options) {
	t.Helper()
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return func(o *Options) { o.Catalogue = cat }
}

func recordedHAR(name string) string {
	return filepath.Join("..", "flow", "har", "testdata", "recorded", name+".har")
}

// openTimeline goes from home to the timeline by its menu line and reads a file there.
func openTimeline(t *testing.T, w, h int, file string) Model {
	t.Helper()
	m := testModel(t, w, h, withBuiltinCatalogue(t))
	m = send(t, m, keys("6")...)
	m = send(t, m, typeText(file)...)
	return send(t, m, press("enter"))
}

// A recording of a code spent twice: every step with its mark, the failing one (the second
// token request, HAR entry 12) opened on its finding and the diagnosis, at both sizes.
func TestTimelineOpensTheFailingStep(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		m := openTimeline(t, size[0], size[1], recordedHAR("code_reused"))
		s := screenText(m)
		mustContain(t, s, "Sign-in timeline › code_reused.har", "went wrong at step 5: token, HAR entry 12",
			"✓  1", "✓  4", "› ✗  5", "already exchanged by step 4", "invalid_grant", "code_reused (")
		for i, l := range strings.Split(s, "\n") {
			if width(l) > size[0] {
				t.Errorf("%dx%d: line %d is %d columns wide: %q", size[0], size[1], i+1, width(l), l)
			}
		}
	}
}

// Steps open and close; e opens the failing step's entry in the reference, and esc comes
// back to the timeline as it was.
func TestTimelineKeys(t *testing.T) {
	m := openTimeline(t, 100, 30, recordedHAR("code_reused"))
	m = send(t, m, keys("k space")...)
	mustContain(t, screenText(m), "HTTP 200: tokens issued")
	m = send(t, m, keys("space j space")...)
	mustNotContain(t, screenText(m), "tokens issued", "already exchanged")
	m = send(t, m, keys("space e")...)
	mustContain(t, screenText(m), "Reference", "invalid_grant")
	m = send(t, m, press("esc"))
	if !strings.Contains(screenText(m), "Sign-in timeline") {
		m = send(t, m, press("esc")) // the reference's detail goes back to its list first
	}
	mustContain(t, screenText(m), "Sign-in timeline › code_reused.har", "already exchanged")
}

// A recording with secrets planted everywhere shows none of them, pasted or read from a
// file; the file is not written to.
func TestTimelineShowsNoSecret(t *testing.T) {
	doc, markers := hartest.Planted()
	file := filepath.Join(t.TempDir(), "planted.har")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	fromFile := openTimeline(t, 160, 48, file)
	pasted := send(t, testModel(t, 160, 48, withBuiltinCatalogue(t)), press("6"), tea.PasteMsg{Content: string(doc)})
	for name, m := range map[string]Model{"file": fromFile, "paste": pasted} {
		s := screenText(m)
		mustContain(t, s, "went wrong at step")
		// Open every step, so every summary and finding is drawn.
		for range 8 {
			m = send(t, m, keys("j space")...)
			s += screenText(m)
		}
		for _, mk := range markers {
			if strings.Contains(s, mk) || strings.Contains(s, mk[:12]) {
				t.Errorf("%s: the screen shows the planted %s", name, mk)
			}
		}
	}
	if now, _ := os.ReadFile(file); string(now) != string(doc) {
		t.Error("the HAR file was written to")
	}
}

// What cannot be read is said, with what to give instead, and the name can be corrected.
func TestTimelineRefusesWhatIsNotAHAR(t *testing.T) {
	dir := t.TempDir()
	notHAR := filepath.Join(dir, "x.json")
	if err := os.WriteFile(notHAR, []byte(`{"error":"invalid_grant"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{notHAR: "not a HAR", dir: "is a directory", filepath.Join(dir, "none.har"): "cannot read"} {
		s := screenText(openTimeline(t, 100, 30, file))
		mustContain(t, s, want, "HAR file:")
	}
	m := openTimeline(t, 100, 30, notHAR)
	m = send(t, m, press("ctrl+u"))
	m = send(t, m, typeText(recordedHAR("state_changed"))...)
	m = send(t, m, press("enter"))
	mustContain(t, screenText(m), "went wrong at step 4: callback", "state_mismatch")
}

// A HAR too big for the paste step is refused there with where it can be read instead.
func TestBigHARPastedInTheWizardIsSentToTheTimeline(t *testing.T) {
	doc, _ := hartest.Planted()
	big := strings.Replace(string(doc), `"version":"1.2"`, `"version":"1.2","comment":"`+strings.Repeat("x", 1<<20)+`"`, 1)
	m := testModel(t, 100, 30, withGraph(t))
	m = send(t, m, press("2"), tea.PasteMsg{Content: big})
	mustContain(t, screenText(m), "Paste not taken", "Read a HAR recording")
}
