package ui

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// Commands, flags, scopes and URLs copied from the screen must be what was written: Wrap
// breaks only at spaces, never inside one of them.
func TestWrapNeverBreaksInsideAPiece(t *testing.T) {
	cases := []struct {
		text  string
		cols  int
		whole []string // each must appear unbroken on one line
	}{
		{"Run the DNS check alone with mubarokah-doctor check --dns and read what it says", 24,
			[]string{"mubarokah-doctor", "--dns"}},
		{"The token lacks the scopes view-user and detail-user that the endpoint asks for", 22,
			[]string{"view-user", "detail-user"}},
		{"Open https://accounts.mubarokah.com/oauth/authorize?client_id=abc&response_type=code in a browser", 30,
			[]string{"https://accounts.mubarokah.com/oauth/authorize?client_id=abc&response_type=code"}},
		{"Look the host up with `nslookup accounts.mubarokah.com 1.1.1.1` and compare", 26,
			[]string{"`nslookup accounts.mubarokah.com 1.1.1.1`"}},
		{"The file /var/www/app/storage/logs/laravel.log holds the exception", 20,
			[]string{"/var/www/app/storage/logs/laravel.log"}},
		{"Send --exchange-code or --refresh to allow the spending checks", 20,
			[]string{"--exchange-code", "--refresh"}},
	}
	for _, c := range cases {
		got := Wrap(c.text, c.cols, "", "")
		lines := strings.Split(got, "\n")
		for _, piece := range c.whole {
			if !slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, piece) }) {
				t.Errorf("Wrap(%q, %d) split %q:\n%s", c.text, c.cols, piece, got)
			}
		}
		for _, l := range lines {
			if strings.HasSuffix(l, "-") || strings.HasPrefix(l, " ") {
				t.Errorf("Wrap(%q, %d) broke a line at a hyphen or left a space:\n%s", c.text, c.cols, got)
			}
		}
	}
}

// Every line fits, the prefixes stand where they belong, and nothing is lost or added.
func TestWrapFitsAndKeepsEveryWord(t *testing.T) {
	text := "The grant sent to the token endpoint is expired, used, revoked or was issued for something else entirely."
	for _, cols := range []int{20, 33, 60, 200} {
		got := Wrap(text, cols, " 1. ", "    ")
		lines := strings.Split(got, "\n")
		if !strings.HasPrefix(lines[0], " 1. ") {
			t.Errorf("cols %d: first line lacks its prefix: %q", cols, lines[0])
		}
		for i, l := range lines {
			if i > 0 && !strings.HasPrefix(l, "    ") {
				t.Errorf("cols %d: line %d lacks the hanging indent: %q", cols, i, l)
			}
			if width(l) > cols {
				t.Errorf("cols %d: line %d is %d wide: %q", cols, i, width(l), l)
			}
		}
		if words := strings.Fields(strings.ReplaceAll(got, " 1. ", " ")); strings.Join(words, " ") != text {
			t.Errorf("cols %d: words changed:\n%s", cols, got)
		}
	}
	if got := Wrap("a  b\n\tc", 80, "", ""); got != "a b c" {
		t.Errorf("white space not made single: %q", got)
	}
	if got := Wrap("no wrapping below twenty columns at all", 10, "> ", ""); got != "> no wrapping below twenty columns at all" {
		t.Errorf("narrow: %q", got)
	}
}

// A piece wider than the line stands alone, whole; the words around it keep their lines.
func TestWrapPutsAnOverlongPieceOnItsOwnLine(t *testing.T) {
	url := "https://accounts.mubarokah.com/oauth/authorize?client_id=0a9f8dd9"
	got := Wrap("see "+url+" now", 20, "", "")
	want := "see\n" + url + "\nnow"
	if got != want {
		t.Fatalf("got\n%s\nwant\n%s", got, want)
	}
}

// Backticks pair from each to the next, as in Markdown; one left without a partner is a
// character like any other, and a span's inner spaces are made single.
func TestWrapCodeSpans(t *testing.T) {
	if got := wordTexts(splitWords("`a   b` and a lone ` here")); !slices.Equal(got, []string{"`a b`", "and", "a", "lone", "`", "here"}) {
		t.Errorf("spans paired wrongly: %q", got)
	}
	if got := wordTexts(splitWords("run `date  -u`, then")); !slices.Equal(got, []string{"run", "`date -u`,", "then"}) {
		t.Errorf("span with punctuation after it: %q", got)
	}
}

func wordTexts(ws []word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.text
	}
	return out
}

// On a screen a code span is drawn as code: no backticks, and a command too wide for the
// line breaks at its spaces with a shell's " \" at each break, so the lines copied
// together are still the command.
func TestWrapCodeDrawsCommandsToCopy(t *testing.T) {
	mark := func(s string) string { return "<" + s + ">" }
	got := WrapCode("Look the host up with `nslookup accounts.mubarokah.com 1.1.1.1` and compare.", 40, "", "", mark)
	if strings.Contains(got, "`") || !strings.Contains(got, "<nslookup accounts.mubarokah.com 1.1.1.1>") {
		t.Fatalf("the span is not drawn whole as code:\n%s", got)
	}
	long := "Then run `mubarokah-doctor diagnose --authorize-redirect-uri A --token-redirect-uri B`, which compares them."
	got = WrapCode(long, 50, "  ", "  ", mark)
	var cmd []string
	for _, l := range strings.Split(got, "\n") {
		if width(l) > 50 {
			t.Errorf("line wider than 50: %q", l)
		}
		if i := strings.IndexByte(l, '<'); i >= 0 {
			l = l[i+1:]
		}
		if i := strings.IndexByte(l, '>'); i >= 0 {
			cmd = append(cmd, l[:i])
		}
	}
	joined := strings.ReplaceAll(strings.Join(cmd, "\n"), " \\\n", " ")
	if joined != "mubarokah-doctor diagnose --authorize-redirect-uri A --token-redirect-uri B" || len(cmd) < 2 {
		t.Fatalf("the command does not survive a copy: %q from\n%s", joined, got)
	}
	// A span that is no command breaks without continuation marks; text for a pipe keeps
	// its backticks.
	got = WrapCode("Send `Authorization: Basic base64(client_id:client_secret)` on every request to it", 40, "", "", mark)
	if strings.Contains(got, "\\") {
		t.Errorf("a header got shell continuations:\n%s", got)
	}
	if got := Wrap("run `date -u` now", 40, "", ""); got != "run `date -u` now" {
		t.Errorf("Wrap dropped the backticks: %q", got)
	}
}

// Text glued to a span shares the line of the span's part it touches, so a long tail after
// a short span, or a second span glued to the first, still breaks within the width.
func TestWrapCodeBreaksSpansWithGluedText(t *testing.T) {
	same := func(s string) string { return s }
	for _, text := range []string{
		"`00 000`" + strings.Repeat("0", 30),
		strings.Repeat("x", 31) + "`a b c`",
		"`curl -sS https://a.example/x`,`dig +short a.example`",
	} {
		got := WrapCode(text, 35, "", "", same)
		if !strings.Contains(got, "\n") {
			t.Errorf("%q is not broken at 35 columns", text)
		}
		for _, l := range strings.Split(got, "\n") {
			if width(l) > 35 {
				t.Errorf("%q: line %q is %d wide at 35 columns", text, l, width(l))
			}
		}
		joined := strings.ReplaceAll(got, " \\\n", "\n")
		if strings.Join(strings.Fields(joined), " ") != strings.Join(strings.Fields(strings.ReplaceAll(text, "`", "")), " ") {
			t.Errorf("%q: words changed:\n%s", text, got)
		}
	}
}

// FuzzWrap: whatever the text and width, no word is lost, split or added, and a line wider
// than asked holds one piece only.
func FuzzWrap(f *testing.F) {
	f.Add("mubarokah-doctor check --dns view-user https://x.example/a?b=c `code span` end", 24)
	f.Add("`unpaired and `paired one` and \t tabs\nand lines", 20)
	f.Add("ünïcödé wörds and 日本語 text", 21)
	f.Fuzz(func(t *testing.T, text string, cols int) {
		if !utf8.ValidString(text) {
			return // the screen never draws broken UTF-8 (printable drops it first)
		}
		cols = 20 + abs(cols)%100
		got := Wrap(text, cols, "", "")
		if strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(text), " ") {
			t.Fatalf("words changed: %q -> %q", text, got)
		}
		for _, l := range strings.Split(got, "\n") {
			if width(l) > cols && len(splitWords(l)) > 1 {
				t.Fatalf("line %q is %d wide at %d columns and could have been broken", l, width(l), cols)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// FuzzWrapCode: on a screen, a line wider than asked holds one piece only, and no closed
// code span keeps its backticks.
func FuzzWrapCode(f *testing.F) {
	f.Add("run (`mubarokah-doctor diagnose --authorize-redirect-uri A --token-redirect-uri B`), then", 40)
	f.Add("`a b c d e f g h i j k l m n o p q r s t u v w x y z` and `x`", 24)
	f.Fuzz(func(t *testing.T, text string, cols int) {
		if !utf8.ValidString(text) || strings.ContainsAny(text, "\x1b\r") {
			return
		}
		cols = 20 + abs(cols)%100
		got := WrapCode(text, cols, "", "", func(s string) string { return s })
		for _, l := range strings.Split(got, "\n") {
			if width(l) > cols && len(strings.Fields(strings.TrimSuffix(l, " \\"))) > 1 {
				t.Fatalf("line %q is %d wide at %d columns", l, width(l), cols)
			}
		}
	})
}
