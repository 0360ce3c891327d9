package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/ui"
	"github.com/mubarokah/mubarokah-doctor/ui/line"
)

// addWizardFlags adds the flags of the interactive wizard to the root command: how it looks,
// and the same target and credential settings `check` takes, so the wizard's live checks
// and settings screen start from them.
func addWizardFlags(root *cobra.Command, env *appEnv) {
	fl := root.Flags()
	fl.Bool("present", false, "presenter mode for screen-sharing: high contrast, more space, secrets never shown even masked")
	fl.Bool("no-color", false, "no colours (bold and the ✓ ✗ ! marks stay); NO_COLOR=1 does the same")
	fl.Bool("no-env-file", false, "do not read .env in the working directory")
	fl.Bool("accessible", false, "accessible mode: plain numbered prompts read line by line, for screen readers and dumb terminals (on by itself when TERM=dumb)")
	fl.String("resume", "", "open a saved session (a report the wizard or walk --report wrote) at the step it was saved at")
	addSettingFlags(fl)
}

// runWizard opens the TUI when stdin and stdout are terminals, or the accessible line mode
// when asked for (--accessible, or TERM=dumb on a terminal). Anywhere else (a pipe, a
// script, CI) it says why not and prints the help, with the usage exit code.
func runWizard(cmd *cobra.Command, env *appEnv) error {
	if accessible(cmd, env) {
		return runLineWizard(cmd, env)
	}
	if !isTerminal(env.stdin) || !isTerminal(env.stdout) {
		fmt.Fprintln(env.stderr, "mubarokah-doctor: the interactive wizard needs a terminal on stdin and stdout.")
		fmt.Fprintln(env.stderr, "In scripts use a sub-command: explain, list, search, diagnose, check.")
		fmt.Fprintln(env.stderr, "For the wizard as plain numbered prompts (a screen reader, a pipe), add --accessible.")
		fmt.Fprintln(env.stderr)
		cmd.SetOut(env.stderr)
		_ = cmd.Help()
		return silentExit(exitUsage)
	}
	fl := cmd.Flags()
	present, _ := fl.GetBool("present")
	noColor, _ := fl.GetBool("no-color")

	cat, err := env.catalogue()
	if err != nil {
		return err
	}
	// A bad setting does not stop the wizard: it keeps the default and says so on the home
	// screen, where the settings screen can fix it.
	cfg, notes, _ := loadSettings(cmd, env, false)
	g, gap, gerr := env.loadGraph()
	switch {
	case gerr != nil:
		notes = append(notes, "The troubleshooting flow did not load ("+gerr.Error()+"); the reference and live checks still work.")
	case gap != nil:
		notes = append(notes, gap.Error())
	}
	var resume *flow.State
	if name, _ := fl.GetString("resume"); name != "" && g != nil {
		s, err := resumeSession(env, g, name)
		if err != nil {
			return err
		}
		resume = &s
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	err = ui.Run(ctx, ui.Options{
		Resume:    resume,
		Catalogue: cat,
		Config:    &cfg,
		Graph:     g,
		Present:   present,
		NoColor:   noColor,
		Notes:     notes,
		Now:       env.now,
		Secrets:   env.secrets,
		In:        env.stdin,
		Out:       env.stdout,
		Environ:   env.environ,
	})
	switch {
	case errors.Is(err, ui.ErrInterrupted) || errors.Is(err, context.Canceled):
		// SIGINT from outside the wizard (its own ctrl+c is a key that asks first).
		return &exitError{code: exitInterrupted, msg: "interrupted"}
	case err != nil:
		return &exitError{code: exitInternal, msg: "the wizard stopped: " + err.Error()}
	}
	return nil
}

// accessible reports whether the wizard runs in line mode: --accessible says so; without
// the flag, TERM=dumb on a terminal does (a console that cannot draw a screen, an editor's
// shell buffer a screen reader follows). --accessible=false keeps the full screen.
func accessible(cmd *cobra.Command, env *appEnv) bool {
	if f := cmd.Flags().Lookup("accessible"); f != nil && f.Changed {
		on, _ := cmd.Flags().GetBool("accessible")
		return on
	}
	return env.getenv("TERM") == "dumb" && isTerminal(env.stdin)
}

// runLineWizard runs the wizard as plain prompts on stdin and stdout (package line): it
// works from a pipe as well as a terminal, and writes no escape sequence.
func runLineWizard(cmd *cobra.Command, env *appEnv) error {
	fl := cmd.Flags()
	present, _ := fl.GetBool("present")
	cat, err := env.catalogue()
	if err != nil {
		return err
	}
	cfg, notes, _ := loadSettings(cmd, env, false)
	g, gap, gerr := env.loadGraph()
	switch {
	case gerr != nil:
		notes = append(notes, "The troubleshooting flow did not load ("+gerr.Error()+"); the reference and live checks still work.")
	case gap != nil:
		notes = append(notes, gap.Error())
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	err = line.Run(ctx, line.Options{
		Catalogue: cat,
		Graph:     g,
		Config:    &cfg,
		Present:   present,
		Notes:     notes,
		Now:       env.now,
		Secrets:   env.secrets,
		In:        env.stdin,
		Out:       env.stdout,
	})
	switch {
	case errors.Is(err, context.Canceled) || ctx.Err() != nil:
		return &exitError{code: exitInterrupted, msg: "interrupted"}
	case err != nil:
		return &exitError{code: exitInternal, msg: "the wizard stopped: " + err.Error()}
	}
	return nil
}
