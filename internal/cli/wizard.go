package cli

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
	"github.com/mubarokah/mubarokah-doctor/ui"
)

// addWizardFlags adds the flags of the interactive wizard to the root command: how it looks,
// and the same target and credential settings `check` takes, so the wizard's live checks
// and settings screen start from them.
func addWizardFlags(root *cobra.Command, env *appEnv) {
	fl := root.Flags()
	fl.Bool("present", false, "presenter mode for screen-sharing: high contrast, more space, secrets never shown even masked")
	fl.Bool("no-color", false, "no colours (bold and the ✓ ✗ ! marks stay); NO_COLOR=1 does the same")
	fl.Bool("no-env-file", false, "do not read .env in the working directory")
	addSettingFlags(fl)
}

// runWizard opens the TUI when stdin and stdout are terminals. Anywhere else (a pipe, a
// script, CI) it says why not and prints the help, with the usage exit code.
func runWizard(cmd *cobra.Command, env *appEnv) error {
	if !isTerminal(env.stdin) || !isTerminal(env.stdout) {
		fmt.Fprintln(env.stderr, "mubarokah-doctor: the interactive wizard needs a terminal on stdin and stdout.")
		fmt.Fprintln(env.stderr, "In scripts use a sub-command: explain, list, search, diagnose, check.")
		fmt.Fprintln(env.stderr)
		cmd.SetOut(env.stderr)
		_ = cmd.Help()
		return silentExit(exitUsage)
	}
	fl := cmd.Flags()
	present, _ := fl.GetBool("present")
	noColor, _ := fl.GetBool("no-color")
	noDotEnv, _ := fl.GetBool("no-env-file")

	cat, err := env.catalogue()
	if err != nil {
		return err
	}
	cfg, notes := wizardConfig(cmd, env, noDotEnv)
	g, gerr := wizardGraph(cat)
	if gerr != nil {
		notes = append(notes, "The troubleshooting flow did not load ("+gerr.Error()+"); the reference and live checks still work.")
	}
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	err = ui.Run(ctx, ui.Options{
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

// wizardConfig reads the settings the way `check` does, but a bad value does not stop the
// wizard: it keeps the default for it and says so on the home screen, where the settings
// screen can fix it.
func wizardConfig(cmd *cobra.Command, env *appEnv, noDotEnv bool) (config.Config, []string) {
	in := config.Inputs{Flags: map[string]string{}, Getenv: env.getenv}
	for _, s := range config.Settings() {
		if f := cmd.Flags().Lookup(s.Key); f != nil && f.Changed {
			in.Flags[s.Key] = f.Value.String()
		}
	}
	if !noDotEnv {
		if wd, err := os.Getwd(); err == nil {
			in.Dir = wd
		}
	}
	cfg, err := config.Load(in)
	var notes []string
	var probs config.Problems
	if errors.As(err, &probs) {
		for _, p := range probs {
			notes = append(notes, p.Error())
		}
	} else if err != nil {
		notes = append(notes, err.Error())
	}
	for _, p := range cfg.Validate() {
		notes = append(notes, p.Error())
	}
	return cfg, notes
}

// wizardGraph is the flow graph compiled into the program. A graph that leaves some
// catalogue causes unreached is still walkable; the tests are where that gap fails.
func wizardGraph(cat *knowledge.Catalogue) (*flow.Graph, error) {
	g, err := flow.Builtin(cat)
	var gap *flow.GapError
	if errors.As(err, &gap) && g != nil {
		return g, nil
	}
	return g, err
}
