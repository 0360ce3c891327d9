package cli

import (
	"errors"
	"os"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
)

// loadSettings reads the settings a command runs with, the one way every command reads
// them: the command's flags named after a setting (check and the wizard declare one per
// setting, diagnose has --client-id and --code-verifier), then the environment, then .env in
// the working directory unless --no-env-file, then the defaults. The secrets among them join
// the session's at once.
//
// strict (check) refuses a value that cannot be used with exit 2. Otherwise (the wizard, walk,
// diagnose) such a value keeps its default and comes back as a note, for the wizard's home
// screen, where the settings screen can fix it.
func loadSettings(cmd *cobra.Command, env *appEnv, strict bool) (config.Config, []string, error) {
	in := config.Inputs{Flags: map[string]string{}, Getenv: env.getenv, Lang: env.lang}
	for _, s := range config.Settings() {
		if fl := cmd.Flags().Lookup(s.Key); fl != nil && fl.Changed {
			in.Flags[s.Key] = fl.Value.String()
		}
	}
	if noDotEnv, _ := cmd.Flags().GetBool("no-env-file"); !noDotEnv {
		if wd, err := os.Getwd(); err == nil {
			in.Dir = wd
		}
	}
	cfg, err := config.Load(in)
	cfg.AddSecrets(env.secrets)
	if strict {
		if err != nil {
			return cfg, nil, usageErr("%v", err)
		}
		if bad := cfg.Validate().Errors(); len(bad) > 0 {
			return cfg, nil, usageErr("%v", bad)
		}
		return cfg, nil, nil
	}
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
	return cfg, notes, nil
}
