package cli

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

// repoRoot is the module's top directory, seen from this package's tests: the corpora under
// testdata/ and docs/flow.md belong to the whole project, not to the command line.
const repoRoot = "../.."
