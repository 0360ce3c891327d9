package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/term"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
	"github.com/mubarokah/mubarokah-doctor/ui"
)

// appEnv is what a command may touch of the outside world. Tests build one over buffers.
type appEnv struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	environ        []string
	now            func() time.Time
	// ctx ends when the person interrupts the program (main ties it to SIGINT); nil means
	// never.
	ctx context.Context
	// secrets is the session's one secret set: the environment's secrets from the start,
	// then the configuration's, every paste's and every secret flag's as a command reads
	// them. Everything printed goes through it (print.go).
	secrets *redact.Set

	// lang is the language of everything shown (lang.go): the catalogue and the flow in
	// it, and the program's own strings.
	lang lang.Lang

	loadOnce sync.Once
	cat      *knowledge.Catalogue
	catErr   error
}

func newEnv(stdin io.Reader, stdout, stderr io.Writer, environ []string) *appEnv {
	e := &appEnv{stdin: stdin, stdout: stdout, stderr: stderr, environ: environ, now: time.Now,
		secrets: &redact.Set{}}
	for _, s := range config.Settings() {
		if s.Secret {
			e.secrets.Add(e.getenv(s.Env))
		}
	}
	if secret := e.getenv("MUBAROKAH_CLIENT_SECRET"); secret != "" {
		e.secrets.AddBasic(strings.TrimSpace(e.getenv("MUBAROKAH_CLIENT_ID")), secret)
	}
	return e
}

// context is the command's context: cancelled on an interrupt.
func (e *appEnv) context() context.Context {
	if e.ctx == nil {
		return context.Background()
	}
	return e.ctx
}

// catalogue returns the built-in catalogue (compiled from assets/catalogue by go generate,
// validated here). A broken built-in catalogue is a bug of ours, reported with the file and
// line, not a panic.
func (e *appEnv) catalogue() (*knowledge.Catalogue, error) {
	e.loadOnce.Do(func() {
		e.cat, e.catErr = knowledge.BuiltinIn(e.lang.Code())
	})
	if e.catErr != nil {
		return nil, &exitError{code: exitInternal, msg: e.lang.Tf("the built-in catalogue is broken: %v", e.catErr)}
	}
	return e.cat, nil
}

// loadGraph returns the flow graph compiled into the program, checked against the
// catalogue. A graph that leaves some catalogue cause unreached still works for every other
// cause: that gap comes back apart from the error, as a warning for the caller to show (the
// tests are where a gap fails).
func (e *appEnv) loadGraph() (g *flow.Graph, gap, err error) {
	cat, err := e.catalogue()
	if err != nil {
		return nil, nil, err
	}
	g, err = flow.BuiltinIn(cat, e.lang.Code())
	var ge *flow.GapError
	if errors.As(err, &ge) && g != nil {
		return g, err, nil
	}
	return g, nil, err
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

// printer is how a command writes text for a person to out: styled on a colour terminal,
// plain in a pipe, every piece scrubbed with the session's secrets (ui.Printer).
func (e *appEnv) printer(out io.Writer) *ui.Printer { return ui.NewPrinter(e.output(out)) }

// output is what the printer needs to know about out: the one terminal test, the width, the
// command's environment and the session's secrets.
func (e *appEnv) output(out io.Writer) ui.Output {
	return ui.Output{W: out, TTY: isTerminal(out), Cols: termCols(out), In: e.stdin, InTTY: isTerminal(e.stdin),
		Getenv: e.getenv, Environ: e.environ, Secrets: e.secrets, Lang: e.lang}
}

// termCols is a terminal's width in columns, 0 for anything else.
func termCols(w any) int {
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil {
			return cols
		}
	}
	return 0
}

// isTerminal reports whether w is a terminal. A character device is not enough: /dev/null
// is one, and a command run with </dev/null must not wait for an answer or start the wizard.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
