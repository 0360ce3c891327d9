package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"
)

// noControls fails on any escape or control character but the line feed in out.
func noControls(t *testing.T, out string) {
	t.Helper()
	for i, r := range out {
		if r != '\n' && (r < 0x20 || r == 0x7f || r >= 0x80 && r < 0xa0) {
			t.Fatalf("control %q at %d in the output:\n%q", r, i, out)
		}
	}
}

// TestAccessibleWizardFromAPipe: --accessible runs the wizard on piped answers (no
// terminal needed), reaches a result, and ends with exit 0 when the input ends; nothing it
// prints is a control sequence, and nothing goes to stderr.
func TestAccessibleWizardFromAPipe(t *testing.T) {
	code, out, errOut := runCLI(t, "1\n4xx\ntoken\n401\nskip\nexpired\n", "--accessible", "--no-env-file")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, w := range []string{"accessible mode", "Home. What would you like to do?", "Error: token_invalid.",
		"Cause id: token_expired.", "The input ended, so the session ends here."} {
		if !strings.Contains(out, w) {
			t.Fatalf("stdout lacks %q:\n%s", w, out)
		}
	}
	noControls(t, out)
}

// TestAccessibleWizardInIndonesian: --accessible --lang id speaks Bahasa Indonesia from the
// command line down: the line mode's own prompts, the flow's questions and the catalogue's
// entry, with the same numbers and choice ids typed as in English, and no English prompt
// of the line mode left.
func TestAccessibleWizardInIndonesian(t *testing.T) {
	code, out, errOut := runCLI(t, "1\n4xx\ntoken\n401\nskip\nexpired\n", "--accessible", "--lang", "id", "--no-env-file")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, w := range []string{"mubarokah-doctor, mode aksesibel", "Beranda. Apa yang ingin Anda lakukan?",
		"Pilih 1 sampai ", "Error: token_invalid.", "Id penyebab: token_expired.", "Apa selanjutnya?",
		"Input sudah habis, jadi sesi berakhir di sini."} {
		if !strings.Contains(out, w) {
			t.Fatalf("stdout lacks %q:\n%s", w, out)
		}
	}
	for _, w := range []string{"accessible mode", "Home. What would you like to do?", "Choose 1 to", "Cause id:",
		"What next?", "The input ended"} {
		if strings.Contains(out, w) {
			t.Errorf("the Indonesian session says %q in English:\n%s", w, out)
		}
	}
	noControls(t, out)
}

// TestAccessibleIsOffWithoutAskingInAPipe: TERM=dumb turns the line mode on only on a
// terminal; from a pipe without --accessible the wizard still explains and shows the help,
// and --accessible=false keeps the full-screen path.
func TestAccessibleIsOffWithoutAskingInAPipe(t *testing.T) {
	for _, args := range [][]string{nil, {"--accessible=false"}} {
		var out, errOut bytes.Buffer
		env := newEnv(strings.NewReader("6\n"), &out, &errOut, []string{"TERM=dumb"})
		if code := run(args, env); code != exitUsage || !strings.Contains(errOut.String(), "needs a terminal") {
			t.Fatalf("%v: exit %d, stderr %q", args, code, errOut.String())
		}
	}
}

// TestTermDumbOnATerminalOpensTheLineMode runs the program on a pseudo-terminal with
// TERM=dumb: it speaks in plain prompts, takes a typed answer, and quits with exit 0,
// having written no escape sequence at all (no alternate screen, no cursor movement).
func TestTermDumbOnATerminalOpensTheLineMode(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	screen := &syncBuffer{}
	go func() { _, _ = io.Copy(screen, ptmx) }()
	errOut := &bytes.Buffer{}
	env := newEnv(tty, tty, errOut, []string{"TERM=dumb"})
	done := make(chan int, 1)
	go func() { done <- run([]string{"--no-env-file"}, env) }()
	waitText := func(what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(screen.String(), what) {
			if time.Now().After(deadline) {
				t.Fatalf("the terminal never showed %q:\n%s", what, screen.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	waitText("Choose 1 to 6")
	if _, err := ptmx.Write([]byte("6\n")); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("6 (Quit) did not end the session:\n%s", screen.String())
	}
	waitText("Goodbye.")
	// The terminal turns the typed line's end into CR LF; everything else is the program's.
	noControls(t, strings.ReplaceAll(screen.String(), "\r\n", "\n"))
}

// TestAccessiblePresenterPasteIsNotEchoed: in presenter mode on a terminal the paste is not
// echoed (the screen is shared), only its masked summary is shown, and the terminal echoes
// again once the paste is read.
func TestAccessiblePresenterPasteIsNotEchoed(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	screen := &syncBuffer{}
	go func() { _, _ = io.Copy(screen, ptmx) }()
	errOut := &bytes.Buffer{}
	env := newEnv(tty, tty, errOut, []string{"TERM=xterm-256color"})
	done := make(chan int, 1)
	go func() { done <- run([]string{"--accessible", "--present", "--no-env-file"}, env) }()
	waitText := func(what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(screen.String(), what) {
			if time.Now().After(deadline) {
				t.Fatalf("the terminal never showed %q:\n%s", what, screen.String())
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	const secret = "cs_SHAREDSCREEN_0123456789abcdef0123"
	type_ := func(s string) {
		t.Helper()
		if _, err := ptmx.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	waitText("Choose 1 to 6")
	type_("2\n")
	waitText("Paste:")
	type_("client_secret=" + secret + "\n")
	type_(`{"error":"invalid_client","error_description":"Client authentication failed"}` + "\n.\n")
	waitText("Read 2 lines")
	waitText("Choose 1 to ")
	type_("q\n")
	waitText("Quit without saving")
	type_("2\n")
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the session did not end:\n%s", screen.String())
	}
	if strings.Contains(screen.String(), "SHAREDSCREEN") {
		t.Fatalf("the paste was shown on the shared screen:\n%s", screen.String())
	}
	if !strings.Contains(screen.String(), "q\r\n") {
		t.Fatalf("the terminal did not echo the answer typed after the paste:\n%q", screen.String())
	}
}
