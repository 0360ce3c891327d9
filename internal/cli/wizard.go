package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
	"github.com/mubarokah/mubarokah-doctor/ui"
	"github.com/mubarokah/mubarokah-doctor/ui/line"
)

// addWizardFlags adds the flags of the interactive wizard to the root command: how it looks,
// and the same target and credential settings `check` takes, so the wizard's live checks
// and settings screen start from them.
func addWizardFlags(root *cobra.Command, env *appEnv) {
	fl := root.Flags()
	fl.Bool("present", false, env.lang.T("presenter mode for screen-sharing: high contrast, more space, secrets never shown even masked"))
	fl.Bool("no-color", false, env.lang.T("no colours (bold and the ✓ ✗ ! marks stay); NO_COLOR=1 does the same"))
	fl.Bool("no-env-file", false, env.lang.T("do not read .env in the working directory"))
	fl.Bool("accessible", false, env.lang.T("accessible mode: plain numbered prompts read line by line, for screen readers and dumb terminals (on by itself when TERM=dumb)"))
	fl.String("resume", "", env.lang.T("open a saved session (a report the wizard or walk --report wrote) at the step it was saved at"))
	addSettingFlags(fl, env.lang)
}

// runWizard opens the TUI when stdin and stdout are terminals, or the accessible line mode
// when asked for (--accessible, or TERM=dumb on a terminal). Anywhere else (a pipe, a
// script, CI) it says why not and prints the help, with the usage exit code.
func runWizard(cmd *cobra.Command, env *appEnv) error {
	lineMode := accessible(cmd, env)
	if !lineMode && (!isTerminal(env.stdin) || !isTerminal(env.stdout)) {
		fmt.Fprintln(env.stderr, env.lang.T("mubarokah-doctor: the interactive wizard needs a terminal on stdin and stdout."))
		fmt.Fprintln(env.stderr, env.lang.T("In scripts use a sub-command: explain, list, search, diagnose, check."))
		fmt.Fprintln(env.stderr, env.lang.T("For the wizard as plain numbered prompts (a screen reader, a pipe), add --accessible."))
		fmt.Fprintln(env.stderr)
		cmd.SetOut(env.stderr)
		_ = cmd.Help()
		return silentExit(exitUsage)
	}
	w, err := startWizard(cmd, env)
	if err != nil {
		return err
	}
	if lineMode {
		// The line mode works from a pipe as well as a terminal, and writes no escape
		// sequence.
		err = line.Run(w.ctx, line.Options{Catalogue: w.cat, Graph: w.graph, Config: &w.cfg, Present: w.present,
			Notes: w.notes, Now: env.now, Secrets: env.secrets, In: env.stdin, Out: env.stdout, Lang: env.lang})
	} else {
		noColor, _ := cmd.Flags().GetBool("no-color")
		var resume *flow.State
		if name, _ := cmd.Flags().GetString("resume"); name != "" && w.graph != nil {
			s, err := resumeSession(env, w.graph, name)
			if err != nil {
				return err
			}
			resume = &s
		}
		err = ui.Run(w.ctx, ui.Options{Resume: resume, Catalogue: w.cat, Config: &w.cfg, Graph: w.graph,
			Present: w.present, NoColor: noColor, Notes: w.notes, Now: env.now, Secrets: env.secrets,
			In: env.stdin, Out: env.stdout, Environ: env.environ, Lang: env.lang})
	}
	switch {
	case errors.Is(err, ui.ErrInterrupted) || errors.Is(err, context.Canceled) || lineMode && w.ctx.Err() != nil:
		// SIGINT from outside the wizard (the TUI's own ctrl+c is a key that asks first;
		// the line mode's read just ends).
		return &exitError{code: exitInterrupted, msg: env.lang.T("interrupted")}
	case err != nil:
		return &exitError{code: exitInternal, msg: env.lang.Tf("the wizard stopped: %v", err)}
	}
	return nil
}

// wizardStart is what both wizards, the TUI and the line mode, start from, gathered once.
type wizardStart struct {
	ctx     context.Context
	cat     *knowledge.Catalogue
	graph   *flow.Graph // nil when the flow did not load: the reference and checks still work
	cfg     config.Config
	notes   []string
	present bool
}

// startWizard loads what a wizard needs. A bad setting does not stop it: the setting keeps
// its default and a note says so on the home screen, where Settings can fix it; nor does a
// flow that did not load.
func startWizard(cmd *cobra.Command, env *appEnv) (wizardStart, error) {
	w := wizardStart{ctx: cmd.Context()}
	if w.ctx == nil {
		w.ctx = context.Background()
	}
	w.present, _ = cmd.Flags().GetBool("present")
	var err error
	if w.cat, err = env.catalogue(); err != nil {
		return w, err
	}
	w.cfg, w.notes, _ = loadSettings(cmd, env, false)
	g, gap, gerr := env.loadGraph()
	switch {
	case gerr != nil:
		w.notes = append(w.notes, env.lang.Tf("The troubleshooting flow did not load (%s); the reference and live checks still work.", gerr.Error()))
	case gap != nil:
		w.notes = append(w.notes, gap.Error())
	}
	w.graph = g
	return w, nil
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
