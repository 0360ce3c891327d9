package ui

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// switchLanguage goes to Settings, switches the language and comes back where it was.
func switchLanguage(t *testing.T, m Model) Model {
	t.Helper()
	return send(t, m, press("o"), press("l"), press("esc"))
}

// TestSwitchingLanguageRedrawsWhatWasAlreadyFound is the issue's "the current screen
// redraws in the new language" for what was found before the switch: live checks run
// against a sandbox, a result diagnosed from one of them, then the language switched in
// Settings. The checks screen and the result screen say everything in Indonesian, no
// English sentence of before is left, nothing is sent again; switched back, both screens
// are the English ones of before, byte for byte.
func TestSwitchingLanguageRedrawsWhatWasAlreadyFound(t *testing.T) {
	m := testModel(t, 100, 30, withSandbox(t, sandbox.FaultBasicOnly))
	m = send(t, m, press("3"), press("enter"))
	m = selectCheck(t, m, probe.IDClientAuth)
	checksEN := screenText(m)
	// Sentences are looked for with the screen's lines joined: a wrap falls anywhere.
	flat := func(m Model) string { return strings.Join(strings.Fields(screenText(m)), " ") }
	englishChecks := []string{" chars)", "the server refuses the client's credentials in the body", "Client authentication (body and HTTP Basic)",
		"the way this application sends them", "called http://", "(the default path)", "most likely auth_method_mismatch",
		"HTTP Basic: accepted (access token", "not offered (HTTP 404); using the configured paths", "is an IP address; nothing to resolve"}
	mustContain(t, flat(m), englishChecks...)
	runs := m.sh.runSeq

	m = send(t, m, press("enter"))
	resultEN := screenText(m)
	englishResult := []string{"started from the live check client_auth and the checks run with it", "evidence names invalid_client",
		"The credentials are sent in a way the server does not accept"}
	mustContain(t, flat(m), englishResult...)

	// Indonesian: the result screen, where the switch was made.
	m = switchLanguage(t, m)
	id := flat(m)
	mustContain(t, id, "dimulai dari pemeriksaan langsung client_auth dan pemeriksaan yang dijalankan bersamanya",
		"Kredensial dikirim dengan cara yang tidak diterima server")
	mustNotContain(t, id, englishResult...)

	// The checks screen, its results kept from before.
	m = send(t, m, press("esc"), press("esc"), press("3"))
	if screenOf[checks](m, screenChecks).results == nil {
		t.Fatal("the checks' results were lost on the way")
	}
	id = flat(m)
	mustContain(t, id, "Pemeriksaan langsung", "server menolak kredensial client di body", "Autentikasi client (body dan HTTP Basic)",
		"memanggil http://", "(path bawaan)", "paling mungkin auth_method_mismatch", "HTTP Basic: diterima (access token",
		"memakai path dari konfigurasi", "adalah alamat IP", " karakter)")
	mustNotContain(t, id, englishChecks...)
	if m.sh.runSeq != runs {
		t.Errorf("the switch ran something again (run %d, was %d)", m.sh.runSeq, runs)
	}

	// Back to English: the same screens as before, byte for byte.
	m = switchLanguage(t, m)
	if got := screenText(m); got != checksEN {
		t.Errorf("the checks screen in English again differs from before:\n%s\nwas:\n%s", got, checksEN)
	}
	m = send(t, m, press("enter"))
	if got := screenText(m); got != resultEN {
		t.Errorf("the result screen in English again differs from before:\n%s\nwas:\n%s", got, resultEN)
	}
	if strings.Contains(resultEN, "karakter") || strings.Contains(checksEN, "karakter") {
		t.Error("English screens say a masked length in Indonesian")
	}
}

// The timeline of a HAR read before the switch says its findings and the entry's title in
// the new language, and in English again as it was.
func TestSwitchingLanguageRedrawsTheTimeline(t *testing.T) {
	m := openTimeline(t, 100, 30, recordedHAR("code_reused"))
	en := screenText(m)
	catEN, _ := knowledge.Builtin()
	catID, err := knowledge.BuiltinIn(knowledge.LangIndonesian)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := catEN.Entry("invalid_grant")
	ei, _ := catID.Entry("invalid_grant")
	flat := func(m Model) string { return strings.Join(strings.Fields(screenText(m)), " ") }
	mustContain(t, flat(m), e.Title, "this code was already exchanged by step 4")

	m = send(t, m, press("esc"), press("5"), press("l"), press("esc"), press("6"))
	id := flat(m)
	mustContain(t, id, "Linimasa login", ei.Title, "kode ini sudah ditukar oleh langkah 4")
	mustNotContain(t, id, e.Title, "this code was already exchanged")

	m = send(t, m, press("esc"), press("5"), press("l"), press("esc"), press("6"))
	if got := screenText(m); got != en {
		t.Errorf("the timeline in English again differs from before:\n%s\nwas:\n%s", got, en)
	}
}

// The steps walked, listed to undo one, say their questions, answers and the engine's
// reasons in the language switched to, though they were walked in the other.
func TestSwitchingLanguageRedrawsTheStepsWalked(t *testing.T) {
	m := testModel(t, 300, 30, withBuiltin(t))
	m = send(t, m, press("1"), press("h"))
	en := screenText(m)
	mustContain(t, en, "Steps so far", "answering questions instead")
	// A question has no key to Settings (esc there goes back a step): the switch is made
	// as Settings makes it.
	m = send(t, m, press("esc"))
	m = m.relang(lang.Indonesian)
	m = send(t, m, press("h"))
	id := screenText(m)
	start, _ := screenOf[wizard](m, screenWizard).g.Node(screenOf[wizard](m, screenWizard).state.Steps[0].Node)
	mustContain(t, id, "Langkah sejauh ini", "dengan menjawab pertanyaan", firstLine(start.Text))
	mustNotContain(t, id, "answering questions instead", "Steps so far", "Paste what you have of the error")
}

// firstLine is the start of a text up to where a narrow row would cut it.
func firstLine(s string) string {
	if r := []rune(s); len(r) > 20 {
		return string(r[:20])
	}
	return s
}

// An offline check run in the walk is remembered in every language (it is local: run
// again, nothing is sent), so its result on the steps list and its re-said sentences
// follow a language switched later, both ways.
func TestOfflineCheckResultFollowsTheLanguage(t *testing.T) {
	g := builtinGraph(t)
	var n *flow.Node
	for _, c := range g.Nodes {
		if c.Kind == flow.KindCheck && c.Check == "state" {
			n = c
		}
	}
	if n == nil {
		t.Fatal("no state check in the flow")
	}
	values := map[string]string{"sent": "Xy7kP2qLm9", "received": "xy7kp2qlm9"}
	for _, start := range []lang.Lang{lang.English, lang.Indonesian} {
		sh := &shared{lang: start}
		e, err := flow.RunCheckIn(start, n, values, fixedNow)
		if err != nil {
			t.Fatal(err)
		}
		sh.rememberCheck(n, values, fixedNow, e)
		en, _ := flow.RunCheckIn(lang.English, n, values, fixedNow)
		id, _ := flow.RunCheckIn(lang.Indonesian, n, values, fixedNow)
		if en.Check.Summary == id.Check.Summary {
			t.Fatalf("the check says the same in both languages: %q", en.Check.Summary)
		}
		for _, l := range lang.All {
			sh.lang = l
			want := en.Check.Summary
			if l == lang.Indonesian {
				want = id.Check.Summary
			}
			if got := sh.reason(e.Check.Summary); got != want {
				t.Errorf("made in %s, said in %s: %q, want %q", start, l, got, want)
			}
		}
	}
}
