package main

import (
	"os"
	"testing"
)

// /dev/null is a character device but no terminal: a command fed from it (cron, CI) must
// read it as input, not ask it questions.
func TestDevNullIsNotATerminal(t *testing.T) {
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Skip("no", os.DevNull)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Errorf("isTerminal(%s) = true", os.DevNull)
	}
}
