package evidence

import (
	"strings"
	"testing"
)

func TestValidateRefusesWithAClearMessage(t *testing.T) {
	cases := []struct {
		name, text, says string
	}{
		{"over 1 MiB", strings.Repeat("a", MaxInput+1), "limit is 1 MiB"},
		{"NUL bytes", "HTTP/1.1 200 OK\x00\x00\x01", "binary"},
		{"mostly invalid UTF-8", strings.Repeat("\xff\xfe", 200), "binary"},
	}
	for _, c := range cases {
		_, err := Parse(c.text, testNow)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: err = %v, want it to say %q", c.name, err, c.says)
			continue
		}
		if !strings.Contains(err.Error(), "paste") && !strings.Contains(err.Error(), "Paste") {
			t.Errorf("%s: the message should say what is accepted: %v", c.name, err)
		}
	}
}

func TestValidateAcceptsText(t *testing.T) {
	for _, text := range []string{"", strings.Repeat("a", MaxInput), "caf\xe9 {\"error\":\"invalid_grant\"}", "\x1b[31mHTTP/1.1 401\x1b[0m"} {
		if _, err := Parse(text, testNow); err != nil {
			t.Errorf("Parse(%.20q…) = %v", text, err)
		}
	}
	o := parse(t, "caf\xe9 {\"error\":\"invalid_grant\"}")
	if o.Error != "invalid_grant" {
		t.Errorf("a stray invalid byte should not stop parsing: %+v", o)
	}
	o = parse(t, "\x1b[1;34mHTTP/1.1\x1b[0m \x1b[36m401\x1b[0m Unauthorized\n\n{\"message\":\"Unauthenticated.\"}")
	if o.Status != 401 {
		t.Errorf("colours should be stripped: status %d", o.Status)
	}
}

func TestNothingRecognised(t *testing.T) {
	o := parse(t, "hello, it does not work, please help\nsee https://example.com/docs")
	if !o.Empty() || len(o.Sources) != 0 {
		t.Errorf("plain prose should give an empty observation: %+v", o)
	}
}
