// Package cli is mubarokah-doctor's command line: the cobra commands, each in a file named
// after it, their flags, their text and JSON output, and the exit codes a script branches on.
// It wires configuration, the catalogue, the flow engine and the probes to either the wizard
// (package ui) or a sub-command; the domain work itself lives in flow and knowledge.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/ui"
)

// Exit codes a script can branch on.
const (
	exitOK       = 0
	exitProblem  = 1 // nothing recognised, or a check failed
	exitUsage    = 2 // bad usage, unknown code
	exitInternal = 3 // a bug or an unreadable built-in asset
	// exitInterrupted is what a shell reports for a program ended by SIGINT (128 + 2); a
	// command stopped by ctrl+c says it was not finished.
	exitInterrupted = 130
)

// exitError carries an exit code and a message for the user up to main.
type exitError struct {
	code int
	msg  string
	// format and args are the message before it was put together, so describeErr can say
	// it in the session's language (usageErr keeps them).
	format string
	args   []any
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, args ...any) error {
	return &exitError{code: exitUsage, msg: fmt.Sprintf(format, args...), format: format, args: args}
}

// silentExit ends with a code after the command already printed what it had to say.
func silentExit(code int) error { return &exitError{code: code} }

// Main runs the program with the process's arguments, streams and environment and returns
// its exit code.
func Main() int {
	// The first ctrl+c cancels the command's context, so live checks stop and the command
	// ends with exitInterrupted; once it has, a second one ends the program at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	go func() {
		<-ctx.Done()
		stop()
	}()
	env := newEnv(os.Stdin, os.Stdout, os.Stderr, os.Environ())
	env.ctx = ctx
	return run(os.Args[1:], env)
}

// run executes one command line and returns the process exit code. The root runs inside
// ui.Execute (fang: styled help, --version, completions, the man page), which hands the
// command's error back as it was, so the codes stay ours.
func run(args []string, env *appEnv) int {
	if err := env.chooseLang(args); err != nil {
		_, _ = io.WriteString(env.stderr, err.Error()+"\n")
		return exitUsage
	}
	root := newRootCmd(env)
	root.SetArgs(args)
	ctx := env.context()
	err := ui.Execute(ctx, root, ui.ExecOptions{
		Version:  versionString(),
		Describe: func(err error) (string, string) { return env.describeErr(ctx, args, err) },
		Plain:    plainTerminal(env, args),
		Stderr:   env.stderr,
	})
	return exitCode(ctx, err)
}

// plainTerminal says the commands run without fang's styling, which asks the terminal for
// its background colour: on a dumb terminal and in accessible mode. The flag is looked for
// before cobra parses it, since the choice comes first.
func plainTerminal(env *appEnv, args []string) bool {
	return env.getenv("TERM") == "dumb" || slices.Contains(args, "--accessible")
}

// exitCode is the process exit code for a command's error.
func exitCode(ctx context.Context, err error) int {
	var ee *exitError
	switch {
	case err == nil:
		// A command that made ctrl+c its normal end (the sandbox shutting down) finished.
		return exitOK
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return exitInterrupted
	case errors.As(err, &ee):
		return ee.code
	}
	// cobra's own errors (unknown command, unknown flag, wrong number of arguments).
	return exitUsage
}

// describeErr words an error for stderr: nothing for a command that said what it had to,
// the message (masked, see safeMessage) for the others, and for cobra's own usage errors
// where to find the usage. They quote the argument, which may be a token given where a
// command or a flag goes (check --refresh TOKEN).
func (e *appEnv) describeErr(ctx context.Context, args []string, err error) (msg, hint string) {
	var ee *exitError
	switch {
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return e.lang.T("interrupted"), ""
	case errors.As(err, &ee):
		if ee.msg == "" {
			return "", ""
		}
		msg := ee.msg
		if ee.format != "" {
			msg = e.lang.Tf(ee.format, e.argsIn(ee.args)...)
		}
		return e.safeMessage(msg, args), ""
	}
	return e.safeMessage(cobraErrIn(e.lang, err.Error()), args), e.lang.T("Run 'mubarokah-doctor --help' for usage.")
}

// argsIn is a usage error's values with those that know their words in a language (a
// sandbox.Problem, an error of the program's own) said in the session's.
func (e *appEnv) argsIn(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if s, ok := a.(interface{ In(lang.Lang) string }); ok {
			a = s.In(e.lang)
		} else if err, ok := a.(error); ok {
			// An error the program wrote in English (an evidence refusal) read back by its
			// shape; any other stays as it is.
			a = e.lang.Reason(err.Error())
		}
		out[i] = a
	}
	return out
}

// said is an English string of the program given as a usage error's value (marked with
// lang.N where it is written): argsIn says it in the session's language.
type said string

func (s said) In(l lang.Lang) string { return l.T(string(s)) }

func newRootCmd(env *appEnv) *cobra.Command {
	root := &cobra.Command{
		Use: "mubarokah-doctor",
		// The quotes are typographic: the man page's title is a quoted roff argument.
		Short: env.lang.T("Troubleshoot a “Login with Mubarokah ID” integration"),
		// One line per paragraph: help wraps it to the terminal, the man page to the page.
		Long: env.lang.T("mubarokah-doctor walks you from an OAuth or API error of a Mubarokah ID integration to its " +
			"cause and a resolution checklist. Run it with no arguments on a terminal for the wizard, or use " +
			"a sub-command in scripts."),
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runWizard(cmd, env)
		},
	}
	addWizardFlags(root, env)
	addLangFlag(root, env)
	root.SetOut(headingsIn(env.lang, env.stdout))
	root.SetErr(env.stderr)
	root.AddCommand(
		newExplainCmd(env),
		newListCmd(env),
		newSearchCmd(env),
		newDiagnoseCmd(env),
		newCheckCmd(env),
		newSandboxCmd(env),
		newWalkCmd(env),
		newWatchCmd(env),
		newFlowCmd(env),
		newVersionCmd(env),
	)
	addCompletions(root, env)
	sayCobraIn(root, env.lang)
	return root
}
