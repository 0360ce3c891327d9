package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// graph is the flow graph for walk and flow: a gap is a warning on stderr, a broken graph a
// bug of ours (exit 3).
func graph(env *appEnv) (*flow.Graph, error) {
	g, gap, err := env.loadGraph()
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return nil, err
		}
		return nil, &exitError{code: exitInternal, msg: env.lang.Tf("the built-in flow graph is broken: %v", err)}
	}
	if gap != nil {
		fmt.Fprintln(env.stderr, "mubarokah-doctor: warning:", env.safeText(gap.Error()))
	}
	return g, nil
}

type walkOpts struct {
	answers  string
	asJSON   bool
	evidence string
	inputs   []string
	report   string
	resume   string
	live     liveFlags
}

func newWalkCmd(env *appEnv) *cobra.Command {
	var o walkOpts
	cmd := &cobra.Command{
		Use:   "walk [ANSWER...]",
		Short: env.lang.T("Replay the troubleshooting wizard from a list of answers"),
		Long: env.lang.T(`Walk the troubleshooting flow without a terminal, answering its questions in order with
the choice ids given (the ids 'mubarokah-doctor flow' lists, the same a person picks in the
wizard), and print each step and the result: the error entry, its causes and the checklist.

Evidence from --evidence (- for stdin) is read at the first paste step and answers the
questions it can, as in the wizard. Offline checks run when --input gives their values.
With --live, the live checks the settings allow run first (as 'check' runs them; a code is
exchanged or a refresh token used only with --exchange-code or --refresh), their results are
the session's evidence, and the walk stops only where a person must answer; without it,
live check steps are skipped.

Exit status: 0 a result was reached, 1 the walk ended without a result (escalated),
2 an answer does not fit or the answers stop before a result, 130 interrupted.`),
		Example: `  mubarokah-doctor walk --answers 4xx,request,invalid_grant,code,expired
  mubarokah-doctor walk 4xx token 401 expired fixed --report md
  mubarokah-doctor walk --evidence response.txt --json
  mubarokah-doctor walk --live --json
  mubarokah-doctor walk --answers other,code,state --input state.sent=abc --input state.received=abd`,
		RunE: func(cmd *cobra.Command, args []string) error { return runWalk(cmd, env, o, args) },
	}
	f := cmd.Flags()
	f.StringVar(&o.answers, "answers", "", env.lang.T("comma-separated choice ids, in order (or give them as arguments)"))
	f.BoolVar(&o.asJSON, "json", false, env.lang.T("print the steps and the result as JSON"))
	f.StringVar(&o.evidence, "evidence", "", env.lang.T("a file with evidence to paste at the first paste step (- for stdin)"))
	f.StringArrayVar(&o.inputs, "input", nil, env.lang.T("a value for an offline check, as CHECK.NAME=VALUE (e.g. pkce.verifier=...)"))
	f.StringVar(&o.report, "report", "", env.lang.T("print the session report instead, as md or json"))
	f.StringVar(&o.resume, "resume", "", env.lang.T("open a saved session (a report written by the wizard or by walk --report, md or json) at the step it was saved at; answers go on from there"))
	addLiveFlags(f, &o.live, env.lang)
	return cmd
}

func runWalk(cmd *cobra.Command, env *appEnv, o walkOpts, args []string) error {
	if o.report != "" && o.report != "md" && o.report != "json" {
		return usageErr("--report takes md or json, not %q", o.report)
	}
	answers, err := splitAnswers(o.answers, args)
	if err != nil {
		return err
	}
	g, err := graph(env)
	if err != nil {
		return err
	}
	// The settings name the server and client of a report, and their secrets (.env's among
	// them) are masked in everything walk prints.
	cfg, _, _ := loadSettings(cmd, env, false)
	opt := flow.ReplayOptions{ProbeSkip: "walk runs live checks only with --live"}
	if o.live.on && o.evidence != "" {
		// Both would be read at the first step, and the flow has one: say so rather than
		// drop one of them.
		return usageErr("give --live or --evidence, not both: the walk starts from one of them")
	}
	if o.live.on {
		if opt.Live, cfg, err = runLive(cmd, env, o.live); err != nil {
			return err
		}
	}
	if o.evidence != "" {
		obs, err := readWalkEvidence(env, o.evidence)
		if err != nil {
			return err
		}
		opt.Evidence = []knowledge.Observation{obs}
	}
	if opt.Checks, err = runInputChecks(env, g, o.inputs); err != nil {
		return err
	}
	start := g.Start()
	if o.resume != "" {
		if start, err = resumeSession(env, g, o.resume); err != nil {
			return err
		}
	}
	s, walkErr := flow.ReplayFrom(g, start, answers, opt)
	var fe *flow.FitError
	if walkErr != nil && !errors.As(walkErr, &fe) {
		return &exitError{code: exitInternal, msg: walkErr.Error()}
	}
	switch {
	case o.report != "":
		err = printReport(env, cfg, g, s, o.report)
	case o.asJSON:
		err = env.printJSON(env.stdout, walkResult(g, s, answers, fe))
	default:
		env.printer(env.stdout).Walk(g, s)
	}
	if err != nil {
		return err
	}
	return walkExit(g, s, fe)
}

// walkExit turns where the walk stopped into an exit status and a message on stderr.
func walkExit(g *flow.Graph, s flow.State, fe *flow.FitError) error {
	if fe != nil {
		return usageErr("%v", fe)
	}
	if g.Pending(s) != nil && s.Result == nil {
		n := g.Offered(s)
		return usageErr("the answers stop at step %d before a result; node %s asks %q; choices: %s",
			len(s.Steps)+1, n.ID, n.Text, strings.Join(n.ChoiceIDs(), ", "))
	}
	if s.Result == nil {
		return silentExit(exitProblem)
	}
	return nil
}

// splitAnswers takes answers from --answers and the arguments, each comma-separated.
func splitAnswers(flag string, args []string) ([]string, error) {
	var lists []string
	if strings.TrimSpace(flag) != "" {
		lists = append(lists, flag)
	}
	var out []string
	for _, list := range append(lists, args...) {
		for _, a := range strings.Split(list, ",") {
			a = strings.TrimSpace(a)
			if a == "" {
				return nil, usageErr("answer %d is empty; give choice ids separated by commas, such as 4xx,request", len(out)+1)
			}
			out = append(out, a)
		}
	}
	return out, nil
}

// readWalkEvidence reads --evidence as diagnose reads --file, pasted at the first paste step.
func readWalkEvidence(env *appEnv, name string) (knowledge.Observation, error) {
	text, err := readEvidence(env, walkInput, []string{name}, nil)
	if err != nil {
		return knowledge.Observation{}, err
	}
	ev, err := flow.PasteText(text, env.now())
	if err != nil {
		var in interface{ In(lang.Lang) string }
		if errors.As(err, &in) {
			return knowledge.Observation{}, usageErr("evidence %s: %v", name, in)
		}
		return knowledge.Observation{}, usageErr("evidence %s: %v", name, err)
	}
	return ev.Obs, nil
}

// runInputChecks runs each offline check --input gives values for, the way the wizard runs
// it at its node (flow.Graph.RunInputs), and returns the results by check name. The secret
// values given join the session's secrets.
func runInputChecks(env *appEnv, g *flow.Graph, inputs []string) (map[string]check.Result, error) {
	byCheck := map[string]map[string]string{}
	for _, in := range inputs {
		key, value, ok := strings.Cut(in, "=")
		name, field, dotted := strings.Cut(key, ".")
		if !ok || !dotted || name == "" || field == "" {
			return nil, usageErr("--input %q: write CHECK.NAME=VALUE, such as redirect_uri.authorize=https://app.test/cb", shortInput(in))
		}
		if !slices.Contains(flow.CheckNames, name) {
			return nil, usageErr("--input %q: no check %q (checks: %s)", shortInput(in), name, strings.Join(flow.CheckNames, ", "))
		}
		if byCheck[name] == nil {
			byCheck[name] = map[string]string{}
		}
		byCheck[name][field] = value
	}
	results, secrets, err := g.RunInputs(byCheck, env.now())
	env.secrets.Add(secrets...)
	if err != nil {
		return nil, usageErr("--input: %v", err)
	}
	return results, nil
}

// shortInput repeats an --input back without its value, which may be a secret.
func shortInput(in string) string {
	if key, _, ok := strings.Cut(in, "="); ok {
		return key + "=…"
	}
	if len(in) > 24 {
		return in[:8] + "…"
	}
	return in
}

// printReport prints the session report of the walk, for the server and client the settings
// name.
func printReport(env *appEnv, cfg config.Config, g *flow.Graph, s flow.State, format string) error {
	r := g.NewReport(s, flow.ReportMeta{Time: env.now(), Tool: "mubarokah-doctor " + versionString(),
		BaseURL: cfg.BaseURL, ClientID: cfg.ClientID, Secrets: env.secrets})
	if format == "json" {
		data, err := r.JSON()
		if err != nil {
			return &exitError{code: exitInternal, msg: env.lang.Tf("cannot encode the report: %v", err)}
		}
		_, err = fmt.Fprintf(env.stdout, "%s\n", data)
		return err
	}
	return env.printText(env.stdout, r.Markdown())
}
