package cli

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// checkFlags are the flags of `check` beyond the configuration settings.
type checkFlags struct {
	json, e2e, noBrowser, noDotEnv bool
	allow                          map[string]*bool // probe id -> its consent flag (probe registry)
	probes                         []string
}

func newCheckCmd(env *appEnv) *cobra.Command {
	f := checkFlags{allow: map[string]*bool{}}
	var consent []string
	for _, p := range probe.Consenting() {
		p = p.In(env.lang)
		consent = append(consent, fmt.Sprintf("  --%-15s %s", p.Consent.Flag, p.Consent.Risk))
	}
	cmd := &cobra.Command{
		Use:   "check",
		Short: env.lang.T("Probe a Mubarokah ID server live: network, TLS, client authentication, tokens, APIs"),
		Long: env.lang.T(`check runs the live probes the configuration allows and prints one line per check, with the
diagnosis (catalogue entry and likely cause) for each failure. Settings come from flags, then the
environment (MUBAROKAH_CLIENT_ID, MUBAROKAH_CLIENT_SECRET, MUBAROKAH_REDIRECT_URI,
MUBAROKAH_BASE_URL, MUBAROKAH_SCOPES, MUBAROKAH_DOCTOR_*), then a .env file in the working
directory, then defaults. Every endpoint path can be a path under --base-url or a full URL.

Probes that use something up run only when allowed (on a terminal, check asks):
`) + strings.Join(consent, "\n") + env.lang.T(`
Keep a rotated refresh token with --save-refresh-token FILE.

Exit status: 0 nothing failed, 1 a check failed, 2 bad usage, 130 interrupted (ctrl+c).`),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runCheck(cmd, env, f) },
	}
	fl := cmd.Flags()
	addSettingFlags(fl, env.lang)
	fl.BoolVar(&f.json, "json", false, env.lang.T("print the results as JSON"))
	for _, p := range probe.Consenting() {
		f.allow[p.ID] = fl.Bool(p.Consent.Flag, false, p.In(env.lang).Consent.Help)
	}
	fl.BoolVar(&f.e2e, "e2e", false, env.lang.T("sign in end to end through the browser (needs a loopback redirect URI)"))
	fl.BoolVar(&f.noBrowser, "no-browser", false, env.lang.T("with --e2e, print the sign-in URL instead of opening a browser"))
	fl.BoolVar(&f.noDotEnv, "no-env-file", false, env.lang.T("do not read .env in the working directory"))
	fl.StringSliceVar(&f.probes, "probe", nil, env.lang.T("run only these probes (repeatable): ")+strings.Join(probe.IDs(), ", "))
	return cmd
}

// addSettingFlags declares one string flag per configuration setting, and --X-url as
// another name for each --X-path.
func addSettingFlags(fl *pflag.FlagSet, l lang.Lang) {
	for _, s := range config.Settings() {
		help := l.T(s.Help)
		if s.Env != "" {
			help += " (" + s.Env + ")"
		}
		if s.Secret {
			help += l.T("; prefer the environment: flags show in the process list")
		}
		fl.String(s.Key, "", help)
	}
	fl.SetNormalizeFunc(func(_ *pflag.FlagSet, name string) pflag.NormalizedName {
		if base, ok := strings.CutSuffix(name, "-url"); ok && base != "base" && base != "redirect" {
			return pflag.NormalizedName(base + "-path")
		}
		return pflag.NormalizedName(name)
	})
}

// checkReport is the --json shape.
type checkReport struct {
	Target   config.Target  `json:"target"`
	Warnings []string       `json:"warnings,omitempty"`
	Checks   []probe.Result `json:"checks"`
}

func runCheck(cmd *cobra.Command, env *appEnv, f checkFlags) error {
	cfg, _, err := loadSettings(cmd, env, true)
	if err != nil {
		return err
	}
	for _, id := range f.probes {
		if _, ok := probe.Lookup(id); !ok {
			return usageErr("there is no probe %q; the probes are: %s", id, strings.Join(probe.IDs(), ", "))
		}
	}
	cfg = allowSpending(cfg, env, f)
	cat, err := env.catalogue()
	if err != nil {
		return err
	}
	// The command's context ends on ctrl+c (main): the probes stop, and run exits 130.
	ctx := cmd.Context()

	p := &probe.Prober{Now: env.now}
	var results []probe.Result
	if f.e2e {
		results = p.EndToEnd(ctx, cfg, probe.E2EOptions{Out: redact.Writer{W: env.stderr, Secrets: env.secrets}, Open: browserOpener(env, f.noBrowser)})
	} else {
		results = p.RunAll(ctx, cfg, f.probes)
	}
	if ctx.Err() != nil {
		return ctx.Err() // interrupted: what ran is not a result
	}
	for i := range results {
		results[i].Diagnose(cat)
	}
	if f.json {
		used := p.Resolved(cfg) // with the endpoints discovery supplied: what the probes called
		rep := checkReport{Target: used.Target(), Checks: results}
		for _, pr := range cfg.Validate() {
			rep.Warnings = append(rep.Warnings, pr.Error())
		}
		err = env.printJSON(env.stdout, rep)
	} else {
		var warnings []string
		for _, pr := range cfg.Validate() {
			warnings = append(warnings, pr.Error())
		}
		env.printer(env.stdout).Checks(cfg.BaseURL, cfg.ClientID, warnings, results)
	}
	if err != nil {
		return err
	}
	if probe.Failed(results) {
		return silentExit(exitProblem)
	}
	return nil
}

// allowSpending gives the consent of the flags and, on a terminal, asks for each selected
// probe that would spend something it has (a code, a refresh token) and was not allowed.
func allowSpending(cfg config.Config, env *appEnv, f checkFlags) config.Config {
	var in *bufio.Reader
	for _, p := range probe.Consenting() {
		if len(f.probes) > 0 && !slices.Contains(f.probes, p.ID) {
			continue
		}
		switch {
		case *f.allow[p.ID]:
			cfg = cfg.Allowing(p.ID)
		case f.json || f.e2e || !isTerminal(env.stdin):
		default:
			if ok, _ := probe.Ready(cfg.Allowing(p.ID), p.ID); !ok {
				continue // it could not run anyway: no question worth asking
			}
			if in == nil {
				in = bufio.NewReader(env.stdin)
			}
			if askYes(in, env.stderr, p.In(env.lang).Consent.Ask) {
				cfg = cfg.Allowing(p.ID)
			}
		}
	}
	return cfg
}

// askYes asks a yes/no question; anything but y or yes is no.
func askYes(in *bufio.Reader, out io.Writer, question string) bool {
	fmt.Fprintf(out, "%s [y/N] ", question)
	line, _ := in.ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}

// browserOpener returns how to show the sign-in URL: a browser on a terminal, else nothing
// (the URL is printed either way).
func browserOpener(env *appEnv, disabled bool) func(string) error {
	if disabled || !isTerminal(env.stdout) {
		return nil
	}
	return func(u string) error {
		var c *exec.Cmd
		switch runtime.GOOS {
		case "darwin":
			c = exec.Command("open", u)
		case "windows":
			c = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
		default:
			c = exec.Command("xdg-open", u)
		}
		return c.Start()
	}
}
