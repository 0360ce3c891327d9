package main

import (
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// appEnv is what a command may touch of the outside world. Tests build one over buffers.
type appEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	environ        []string
	now            func() time.Time

	loadOnce sync.Once
	cat      *knowledge.Catalogue
	catErr   error
}

func newEnv(stdin io.Reader, stdout, stderr io.Writer, environ []string) *appEnv {
	return &appEnv{stdin: stdin, stdout: stdout, stderr: stderr, environ: environ, now: time.Now}
}

// catalogue returns the built-in catalogue (compiled from assets/catalogue by go generate,
// validated here). A broken built-in catalogue is a bug of ours, reported with the file and
// line, not a panic.
func (e *appEnv) catalogue() (*knowledge.Catalogue, error) {
	e.loadOnce.Do(func() {
		e.cat, e.catErr = knowledge.Builtin()
	})
	if e.catErr != nil {
		return nil, &exitError{code: exitInternal, msg: "the built-in catalogue is broken: " + e.catErr.Error()}
	}
	return e.cat, nil
}

// getenv reads a variable from the command's environment (not the process's, for tests).
func (e *appEnv) getenv(key string) string {
	for i := len(e.environ) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(e.environ[i], "="); ok && k == key {
			return v
		}
	}
	return ""
}

// isTerminal reports whether w is a terminal. A character device is not enough: /dev/null
// is one, and a command run with </dev/null must not wait for an answer or start the wizard.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
