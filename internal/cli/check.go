package cli

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
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
		consent = append(consent, fmt.Sprintf("  --%-15s %s", p.Consent.Flag, p.Consent.Risk))
	}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Probe a Mubarokah ID server live: network, TLS, client authentication, tokens, APIs",
		Long: `check runs the live probes the configuration allows and prints one line per check, with the
diagnosis (catalogue entry and likely cause) for each failure. Settings come from flags, then the
environment (MUBAROKAH_CLIENT_ID, MUBAROKAH_CLIENT_SECRET, MUBAROKAH_REDIRECT_URI,
MUBAROKAH_BASE_URL, MUBAROKAH_SCOPES, MUBAROKAH_DOCTOR_*), then a .env file in the working
directory, then defaults. Every endpoint path can be a path under --base-url or a full URL.

Probes that use something up run only when allowed (on a terminal, check asks):
` + strings.Join(consent, "\n") + `
Keep a rotated refresh token with --save-refresh-token FILE.

Exit status: 0 nothing failed, 1 a check failed, 2 bad usage, 130 interrupted (ctrl+c).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runCheck(cmd, env, f) },
	}
	fl := cmd.Flags()
	addSettingFlags(fl)
	fl.BoolVar(&f.json, "json", false, "print the results as JSON")
	for _, p := range probe.Consenting() {
		f.allow[p.ID] = fl.Bool(p.Consent.Flag, false, p.Consent.Help)
	}
	fl.BoolVar(&f.e2e, "e2e", false, "sign in end to end through the browser (needs a loopback redirect URI)")
	fl.BoolVar(&f.noBrowser, "no-browser", false, "with --e2e, print the sign-in URL instead of opening a browser")
	fl.BoolVar(&f.noDotEnv, "no-env-file", false, "do not read .env in the working directory")
	fl.StringSliceVar(&f.probes, "probe", nil, "run only these probes (repeatable): "+strings.Join(probe.IDs(), ", "))
	return cmd
}

// addSettingFlags declares one string flag per configuration setting, and --X-url as
// another name for each --X-path.
func addSettingFlags(fl *pflag.FlagSet) {
	for _, s := range config.Settings() {
		help := s.Help
		if s.Env != "" {
			help += " (" + s.Env + ")"
		}
		if s.Secret {
			help += "; prefer the environment: flags show in the process list"
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

// loadConfig reads the settings of a command: changed flags, the environment, .env.
func loadConfig(cmd *cobra.Command, env *appEnv, noDotEnv bool) (config.Config, error) {
	in := config.Inputs{Flags: map[string]string{}, Getenv: env.getenv}
	for _, s := range config.Settings() {
		if fl := cmd.Flags().Lookup(s.Key); fl != nil && fl.Changed {
			in.Flags[s.Key] = fl.Value.String()
		}
	}
	if !noDotEnv {
		if wd, err := os.Getwd(); err == nil {
			in.Dir = wd
		}
	}
	cfg, err := config.Load(in)
	if err != nil {
		return cfg, usageErr("%v", err)
	}
	if bad := cfg.Validate().Errors(); len(bad) > 0 {
		return cfg, usageErr("%v", bad)
	}
	return cfg, nil
}

// checkReport is the --json shape.
type checkReport struct {
	Target   config.Target  `json:"target"`
	Warnings []string       `json:"warnings,omitempty"`
	Checks   []probe.Result `json:"checks"`
}

func runCheck(cmd *cobra.Command, env *appEnv, f checkFlags) error {
	cfg, err := loadConfig(cmd, env, f.noDotEnv)
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
	cfg.AddSecrets(env.secrets)
	// The command's context ends on ctrl+c (main): the probes stop, and run exits 130.
	ctx := cmd.Context()

	p := &probe.Prober{Now: env.now}
	var results []probe.Result
	if f.e2e {
		results = p.EndToEnd(ctx, cfg, probe.E2EOptions{Out: scrubWriter{env.stderr, env.secrets}, Open: browserOpener(env, f.noBrowser)})
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
		var out bytes.Buffer
		writeCheckText(&out, cfg, results)
		err = env.printText(env.stdout, out.String())
	}
	if err != nil {
		return err
	}
	if probe.Failed(results) {
		return silentExit(exitProblem)
	}
	return nil
}

// Glyphs of the doctor-style list; the word carries the meaning too, for NO_COLOR readers.
var statusGlyph = map[probe.Status]string{probe.Pass: "✓", probe.Warn: "!", probe.Fail: "✗", probe.Skip: "-"}

// writeCheckText prints the results as a doctor-style list.
func writeCheckText(w io.Writer, cfg config.Config, results []probe.Result) {
	fmt.Fprintf(w, "Checking %s", cfg.BaseURL)
	if cfg.ClientID != "" {
		fmt.Fprintf(w, " as client %s", cfg.ClientID)
	}
	fmt.Fprintln(w)
	for _, pr := range cfg.Validate() {
		fmt.Fprintf(w, "! setting: %s\n", pr.Error())
	}
	counts := map[probe.Status]int{}
	for _, r := range results {
		counts[r.Status]++
		fmt.Fprintf(w, "%s %s: %s\n", statusGlyph[r.Status], r.Name, r.Summary)
		for _, d := range r.Details {
			fmt.Fprintf(w, "    %s\n", d)
		}
		if d := r.Diagnosis; d != nil {
			line := "    diagnosis: " + d.Code
			if c := d.TopCause(); c != "" {
				line += ", most likely " + c
				if len(d.Causes) > 1 {
					line += " (also " + strings.Join(d.Causes[1:min(len(d.Causes), 4)], ", ") + ")"
				}
			}
			fmt.Fprintf(w, "%s; see: mubarokah-doctor explain %s\n", line, d.Code)
		}
	}
	fmt.Fprintf(w, "%d passed, %d warned, %d failed, %d skipped\n", counts[probe.Pass], counts[probe.Warn], counts[probe.Fail], counts[probe.Skip])
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
			if askYes(in, env.stderr, p.Consent.Ask) {
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

// scrubWriter passes text on with every known secret masked.
type scrubWriter struct {
	w io.Writer
	s *redact.Set
}

func (s scrubWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, s.s.Scrub(redact.Printable(string(p)))); err != nil {
		return 0, err
	}
	return len(p), nil
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
