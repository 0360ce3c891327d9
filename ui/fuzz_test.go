package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

// fuzzKeys is the alphabet FuzzSession presses. It leaves out s, which opens "save the
// report", so a fuzz run never writes files.
var fuzzKeys = []string{
	"1", "2", "3", "4", "5", "j", "k", "enter", "esc", "space", "t", "h", "/", "r", "w", "c",
	"n", "y", "q", "?", "x", "tab", "pgdown", "pgup", "ctrl+d", "ctrl+x", "backspace", "g", "G", "o",
}

// FuzzSession drives the whole program with any sequence of keys and a paste, on the test
// flow with a fake prober: it must never panic, and every frame must fit the terminal.
func FuzzSession(f *testing.F) {
	f.Add([]byte{0, 7, 0, 7, 8, 8}, "HTTP/1.1 401 Unauthorized\r\n\r\n{\"error\":\"invalid_client\"}", uint8(80), uint8(24))
	f.Add([]byte{1, 23, 0, 0, 0, 7, 9, 10, 11}, "", uint8(60), uint8(16))
	f.Add([]byte{3, 12, 20, 7, 17, 7, 8, 8, 8}, "access_token="+testToken, uint8(160), uint8(48))
	f.Add([]byte{2, 24, 4, 0}, "\x00\x01binary", uint8(40), uint8(10))
	f.Add([]byte{1, 23, 0, 0, 0, 7, 9, 10, 11}, "HTTP/1.1 401\x1b]52;c;ZXZpbA==\x07\u009b2J\x1bc\n\n{\"error\":\"invalid_client\"}", uint8(80), uint8(24))
	f.Fuzz(func(t *testing.T, presses []byte, paste string, w, h uint8) {
		if len(presses) > 200 {
			presses = presses[:200]
		}
		fp := &fakeProber{}
		fp.set(probe.IDClientAuth, probe.Result{Name: "Client authentication", Status: probe.Fail, Obs: invalidClientObs()})
		m := testModel(t, int(w), int(h), withLive(t, fp))
		for i, p := range presses {
			msg := tea.Msg(press(fuzzKeys[int(p)%len(fuzzKeys)]))
			if i == len(presses)/2 && paste != "" {
				msg = tea.PasteMsg{Content: paste}
			}
			var quit bool
			m, quit = sendQ(t, m, msg)
			if quit {
				return
			}
			// The frame's own styling is SGR (ESC [ … m); anything else came from outside.
			raw := m.View().Content
			for _, bad := range []string{"\x1b]", "\x1bP", "\x1b_", "\x1b^", "\x1bX", "\x1bc", "\x07", "\u009b", "\u009d", "\u0090"} {
				if strings.Contains(raw, bad) {
					t.Fatalf("after %d presses the frame holds %q", i+1, bad)
				}
			}
			if strings.Contains(raw, testToken[8:24]) || strings.Contains(raw, testSecret[8:16]) {
				t.Fatalf("after %d presses the frame shows a secret", i+1)
			}
			lines := strings.Split(screenText(m), "\n")
			if int(h) >= minHeight && int(w) >= minWidth && len(lines) > int(h) {
				t.Fatalf("after %d presses the frame is %d lines on a %dx%d terminal", i+1, len(lines), w, h)
			}
			for _, l := range lines {
				if n := width(l); n > max(int(w), minWidth) {
					t.Fatalf("after %d presses a line is %d wide on a %dx%d terminal: %q", i+1, n, w, h, l)
				}
			}
		}
	})
}
