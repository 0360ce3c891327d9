package cli

import (
	"io"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// liveFlags are walk's flags for --live: the settings, and the same consent flags check
// has. walk never asks: what spends a code or a refresh token runs only with its flag.
type liveFlags struct {
	on    bool
	allow map[string]*bool
}

func addLiveFlags(fl *pflag.FlagSet, lf *liveFlags, l lang.Lang) {
	lf.allow = map[string]*bool{}
	fl.BoolVar(&lf.on, "live", false, l.T("run the live checks the settings allow first and let their results answer (as 'check')"))
	for _, p := range probe.Consenting() {
		lf.allow[p.ID] = fl.Bool(p.Consent.Flag, false, l.Tf("with --live, %s", l.T(p.Consent.Help)))
	}
	fl.Bool("no-env-file", false, l.T("do not read .env in the working directory"))
	addSettingFlags(fl, l)
}

// runLive runs every live check the configuration allows, correlated and diagnosed as
// check reports them, for the walk to start from.
func runLive(cmd *cobra.Command, env *appEnv, lf liveFlags) ([]check.ProbeResult, config.Config, error) {
	cfg, _, err := loadSettings(cmd, env, true)
	if err != nil {
		return nil, cfg, err
	}
	for id, allowed := range lf.allow {
		if *allowed {
			cfg = cfg.Allowing(id)
		}
	}
	cat, err := env.catalogue()
	if err != nil {
		return nil, cfg, err
	}
	ctx := cmd.Context()
	results := (&probe.Prober{Now: env.now}).RunAll(ctx, cfg, nil)
	if ctx.Err() != nil {
		return nil, cfg, ctx.Err()
	}
	for i := range results {
		results[i].Diagnose(cat)
	}
	return results, cfg, nil
}

// maxSessionFile is the most of a saved session or report read: a long session's report
// is a few hundred kilobytes.
const maxSessionFile = 8 << 20

// resumeSession reads a saved session (a report, Markdown or JSON) and replays it to the
// step it was saved at.
func resumeSession(env *appEnv, g *flow.Graph, name string) (flow.State, error) {
	f, err := os.Open(name)
	if err != nil {
		return flow.State{}, usageErr("--resume: %v", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSessionFile+1))
	if err != nil {
		return flow.State{}, usageErr("--resume %s: %v", name, err)
	}
	if len(data) > maxSessionFile {
		return flow.State{}, usageErr("--resume %s: larger than %d MiB; give the report the wizard or walk --report wrote", name, maxSessionFile>>20)
	}
	sess, err := flow.ReadSession(string(data))
	if err != nil {
		return flow.State{}, usageErr("--resume %s: %v", name, err)
	}
	s, err := g.Resume(sess)
	if err != nil {
		return flow.State{}, usageErr("--resume %s: %v", name, err)
	}
	return s, nil
}
