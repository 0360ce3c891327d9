package redact

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPrintableTakesOutEveryControl(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"OSC 52 clipboard, BEL", "a\x1b]52;c;ZXZpbA==\x07b", "ab"},
		{"OSC 52 clipboard, ST", "a\x1b]52;c;ZXZpbA==\x1b\\b", "ab"},
		{"OSC 0 title", "\x1b]0;pwned\x07title kept", "title kept"},
		{"OSC 8 link", "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\", "click"},
		{"ESC c reset", "x\x1bcy", "xy"},
		{"ESC 7 and ESC 8", "\x1b7a\x1b8", "a"},
		{"charset ESC ( B", "\x1b(Bok", "ok"},
		{"CSI colour", "\x1b[1;31mred\x1b[0m", "red"},
		{"CSI cursor up and erase", "line\x1b[2A\x1b[2Kover", "lineover"},
		{"C1 CSI", "a\u009b31mb", "ab"},
		{"C1 OSC", "a\u009d52;c;eA==\u009cb", "ab"},
		{"C1 DCS", "a\u0090qpayload\u009cb", "ab"},
		{"C1 NEL and others", "a\u0085b\u0084c", "abc"},
		{"DCS 7-bit", "a\x1bPq#0\x1b\\b", "ab"},
		{"APC", "a\x1b_hidden\x1b\\b", "ab"},
		{"unterminated OSC stops at the line end", "a\x1b]0;title\nnext", "a\nnext"},
		{"OSC cut by another ESC", "a\x1b]0;t\x1b[31mb", "ab"},
		{"lone ESC at the end", "a\x1b", "a"},
		{"ESC before a non-ASCII rune", "a\x1béb", "aéb"},
		{"C0 controls", "a\x00\x07\x08\x0b\x0c\r\x0e\x1fb", "ab"},
		{"DEL", "a\x7fb", "ab"},
		{"raw 0x9b byte", "a\x9b31mb", "a\ufffd31mb"},
		{"line feeds and tabs stay", "a\n\tb", "a\n\tb"},
		{"plain text untouched", "İK café ✓ 日本", "İK café ✓ 日本"},
	} {
		if got := Printable(tc.in); got != tc.want {
			t.Errorf("%s: Printable(%q) = %q, want %q", tc.name, tc.in, got, tc.want)
		}
	}
}

func TestPrintableLineIsOneLine(t *testing.T) {
	if got := PrintableLine("a\n\tb\x1b[2Kc\r\nd"); got != "a  bc d" {
		t.Errorf("PrintableLine = %q", got)
	}
}

// JSONSafe escapes what encoding/json leaves raw (C1, DEL) and the value decodes the same.
func TestJSONSafeEscapesC1AndDEL(t *testing.T) {
	v := map[string]string{"m": "a\u009b31m\u009d52;c;x\u0007\x7fb\x1b"}
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	safe := JSONSafe(string(raw))
	for _, r := range safe {
		if r == 0x1b || r == 0x7f || r >= 0x80 && r < 0xa0 {
			t.Fatalf("JSONSafe left %U in %q", r, safe)
		}
	}
	var back map[string]string
	if err := json.Unmarshal([]byte(safe), &back); err != nil || back["m"] != v["m"] {
		t.Fatalf("JSONSafe changed the value: %q (%v)", back["m"], err)
	}
}

// FuzzPrintable: whatever the text, what comes out holds no control and no escape, is valid
// UTF-8, and a second pass changes nothing.
func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b]52;c;eA==\x07", "\x1b[31m", "\u009b1m", "\x9b", "\x1bP", "a\x1b", "\xc2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := Printable(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Printable(%q) = %q is not UTF-8", s, out)
		}
		for _, r := range out {
			if IsControl(r) {
				t.Fatalf("Printable(%q) = %q keeps %U", s, out, r)
			}
		}
		if again := Printable(out); again != out {
			t.Fatalf("Printable is not stable: %q then %q", out, again)
		}
		if line := PrintableLine(s); strings.ContainsAny(line, "\n\t") {
			t.Fatalf("PrintableLine(%q) = %q keeps a line break", s, line)
		}
		if js, err := json.Marshal(s); err == nil {
			safe := JSONSafe(string(js))
			var back string
			if err := json.Unmarshal([]byte(safe), &back); err != nil {
				t.Fatalf("JSONSafe broke the JSON %s: %v", safe, err)
			}
			for _, r := range safe {
				if IsControl(r) {
					t.Fatalf("JSONSafe(%s) keeps %U", js, r)
				}
			}
		}
	})
}
