package redact

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriterMasksSecretsAndControls(t *testing.T) {
	var s Set
	s.Add("Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5c")
	var out bytes.Buffer
	w := Writer{W: &out, Secrets: &s}
	line := "token=Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5c \x1b]52;c;eA==\x07done\n"
	n, err := w.Write([]byte(line))
	if err != nil || n != len(line) {
		t.Fatalf("Write = %d, %v; want %d, nil", n, err, len(line))
	}
	got := out.String()
	if strings.Contains(got, "Zq8vN2xR4tY7") || strings.ContainsRune(got, '\x1b') || strings.ContainsRune(got, '\x07') {
		t.Errorf("Writer let through a secret or a control: %q", got)
	}
	if !strings.HasSuffix(got, "done\n") {
		t.Errorf("Writer lost the text around them: %q", got)
	}
}
