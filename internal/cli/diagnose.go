package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/har"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// diagnoseOpts are the flags of diagnose: where the evidence is, and the values the
// offline checks compare.
type diagnoseOpts struct {
	files                         []string
	harFile                       string
	asJSON                        bool
	authorizeURI, tokenURI        string
	verifier, challenge, method   string
	scope                         string
	stateSent, stateReceived      string
	token, endpoint, clientID     string
	hasStateReceived, hasScopeArg bool
}

func newDiagnoseCmd(env *appEnv) *cobra.Command {
	var o diagnoseOpts
	cmd := &cobra.Command{
		Use:   "diagnose [EVIDENCE...]",
		Short: env.lang.T("Find the cause of an error from pasted evidence and offline checks"),
		Long: env.lang.Tf(`Read whatever you have of a failing Mubarokah ID login or API call and say which error it
is, which causes fit and why, and what to do. Evidence comes from the arguments, from
--file (- for stdin), or from stdin when it is not a terminal. One paste may hold several
pieces; diagnose recognises on its own (and a browser's HAR recording, by its shape, or
with --har FILE for one over 1 MiB):

  %s.

Offline checks compare values you have in hand, without any network. Values found in the
evidence (an authorize URL, a token request body, a callback URL) fill in missing ones.
Secrets (tokens, codes, verifiers, client secrets) are only ever shown masked: those the
evidence labels, and those of the environment and of .env wherever they appear.

Exit status: 0 an entry fits (or every check passed), 1 nothing recognised (or only a
weak guess), 2 bad usage, 130 interrupted.`, env.lang.T(evidence.Accepted)),
		Example: `  mubarokah-doctor diagnose '{"error":"invalid_grant","hint":"Token has expired"}'
  curl -si -X POST https://accounts.mubarokah.com/oauth/token -d ... | mubarokah-doctor diagnose
  mubarokah-doctor diagnose --file response.txt --json
  mubarokah-doctor diagnose --har sign-in.har
  mubarokah-doctor diagnose --authorize-redirect-uri https://app.test/cb --token-redirect-uri https://app.test/cb/
  mubarokah-doctor diagnose --code-verifier "$VERIFIER" --code-challenge "$CHALLENGE"
  mubarokah-doctor diagnose --token "$ACCESS_TOKEN" --endpoint /api/user/details`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.hasStateReceived = cmd.Flags().Changed("state-received")
			o.hasScopeArg = cmd.Flags().Changed("scope")
			// The settings give --client-id its default (flag, environment, .env) and the
			// secrets of .env, which a paste may quote without saying what they are.
			cfg, _, _ := loadSettings(cmd, env, false)
			o.clientID = cfg.ClientID
			return runDiagnose(env, o, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&o.files, "file", "f", nil, env.lang.T("read evidence from `FILE` (- for stdin); may be repeated"))
	f.StringVar(&o.harFile, "har", "", env.lang.T("read a browser's HAR recording of the sign-in from `FILE` (- for stdin; up to 50 MiB)"))
	f.BoolVar(&o.asJSON, "json", false, env.lang.T("print the observation, diagnoses and checks as one JSON object"))
	f.StringVar(&o.authorizeURI, "authorize-redirect-uri", "", env.lang.T("the redirect_uri sent to /oauth/authorize (compared with --token-redirect-uri)"))
	f.StringVar(&o.tokenURI, "token-redirect-uri", "", env.lang.T("the redirect_uri sent to /oauth/token with the code"))
	f.StringVar(&o.verifier, "code-verifier", "", env.lang.T("the PKCE code_verifier sent to /oauth/token (shown masked)"))
	f.StringVar(&o.challenge, "code-challenge", "", env.lang.T("the PKCE code_challenge sent to /oauth/authorize"))
	f.StringVar(&o.method, "code-challenge-method", "", env.lang.T("the code_challenge_method sent (default S256)"))
	f.StringVar(&o.scope, "scope", "", env.lang.T(`the scope string sent, e.g. "view-user detail-user"`))
	f.StringVar(&o.stateSent, "state-sent", "", env.lang.T("the state your app stored and sent to /oauth/authorize"))
	f.StringVar(&o.stateReceived, "state-received", "", env.lang.T("the state on the callback URL (\"\" if it had none)"))
	f.StringVar(&o.token, "token", "", env.lang.T("an access token (JWT) to check; shown masked"))
	f.StringVar(&o.endpoint, "endpoint", "", env.lang.T("the API the token is used on: /api/user or /api/user/details"))
	f.StringVar(&o.clientID, "client-id", "", env.lang.T("your client_id, compared with the token's aud (default $MUBAROKAH_CLIENT_ID)"))
	return cmd
}

func runDiagnose(env *appEnv, o diagnoseOpts, args []string) error {
	env.secrets.Add(o.token, o.verifier)
	if o.harFile != "" {
		if len(o.files) > 0 || len(args) > 0 {
			return usageErr("--har reads a whole recording on its own: give other evidence in a separate diagnose")
		}
		text, err := readHARFile(env, o.harFile)
		if err != nil {
			return err
		}
		return runHARDiagnose(env, o, text)
	}
	text, err := readEvidence(env, diagnoseInput, o.files, args)
	if err != nil {
		return err
	}
	if har.Shaped(text) {
		return runHARDiagnose(env, o, text)
	}
	now := env.now()
	obs, vals, err := evidence.ParseAll(text, now)
	if err != nil {
		return usageErr("%v", err)
	}
	checks, err := check.Plan(o.given(env.lang), vals, obs, now)
	if err != nil {
		return checkInputErr(err)
	}
	if strings.TrimSpace(text) == "" && len(checks) == 0 {
		return usageErr("nothing to diagnose: give evidence as arguments, with --file FILE, or on stdin, " +
			"or use a check flag such as --scope or --token (see 'mubarokah-doctor diagnose --help')")
	}
	for _, r := range checks {
		obs.Merge(r.Obs)
	}
	cat, err := env.catalogue()
	if err != nil {
		return err
	}
	d := cat.Match(obs)
	if o.asJSON {
		err = env.printJSON(env.stdout, diagnosisOutput(env.lang, obs, d, checks))
	} else {
		env.printer(env.stdout).Diagnosis(obs, d, checks)
	}
	if err != nil {
		return err
	}
	// An entry fits when its evidence is more than a lone weak hint (knowledge.FitStrength);
	// a guess from a status or a content type alone is shown, but is no diagnosis.
	if d.Fits() || (len(checks) > 0 && !anyFailed(checks) && strings.TrimSpace(text) == "") {
		return nil
	}
	return &exitError{code: exitProblem, msg: nothingRecognised(env.lang, text, obs)}
}

// given are the values the flags hand the offline checks.
func (o diagnoseOpts) given(l lang.Lang) check.Given {
	return check.Given{AuthorizeRedirectURI: o.authorizeURI, TokenRedirectURI: o.tokenURI,
		CodeVerifier: o.verifier, CodeChallenge: o.challenge, CodeChallengeMethod: o.method,
		Scope: o.scope, HasScope: o.hasScopeArg,
		StateSent: o.stateSent, StateReceived: o.stateReceived, HasStateReceived: o.hasStateReceived,
		Token: o.token, Endpoint: o.endpoint, ClientID: o.clientID, Lang: l}
}

// checkInputErr words an error of the offline checks as a usage error: a half-given pair
// by the flags' names, a value a check cannot read as the check says.
func checkInputErr(err error) error {
	var ie *check.InputError
	if !errors.As(err, &ie) {
		return usageErr("%v", err)
	}
	msg := fmt.Sprintf("--%s needs --%s as well", ie.Given, ie.Needs)
	if ie.From != "" {
		msg += " (or " + ie.From + ")"
	}
	if ie.EmptyMeans != "" {
		msg += fmt.Sprintf(`; use --%s "" when %s`, ie.Needs, ie.EmptyMeans)
	}
	return usageErr("%s", msg)
}

func anyFailed(rs []check.Result) bool {
	for _, r := range rs {
		if r.Status == check.Fail {
			return true
		}
	}
	return false
}

// nothingRecognised is the exit-1 message: what was read, and what would work.
func nothingRecognised(l lang.Lang, text string, obs knowledge.Observation) string {
	read := l.T("nothing usable")
	if len(obs.Sources) > 0 {
		var kinds []string
		for _, s := range obs.Sources {
			kinds = append(kinds, l.T(evidence.Describe(s)))
		}
		read = strings.Join(kinds, "; ")
	}
	return l.Tf("no catalogue entry fits the evidence (%d bytes read: %s). diagnose recognises %s; "+
		"the offline check flags are listed by 'mubarokah-doctor diagnose --help'", len(text), read, l.T(evidence.Accepted))
}

// diagnosisJSON is the --json shape, best entry first.
type diagnosisJSON struct {
	Observation knowledge.Observation `json:"observation"`
	Diagnoses   []entryJSON           `json:"diagnoses"`
	Checks      []check.Result        `json:"checks"`
}

type entryJSON struct {
	Code         string           `json:"code"`
	Title        string           `json:"title"`
	Severity     string           `json:"severity"`
	Confidence   float64          `json:"confidence"`
	Undetermined bool             `json:"undetermined"`
	Signals      []string         `json:"signals"`
	Causes       []causeJSON      `json:"causes"`
	Steps        []knowledge.Step `json:"steps"`
}

type causeJSON struct {
	ID         string   `json:"id"`
	Context    string   `json:"context,omitempty"`
	Text       string   `json:"text"`
	Confidence float64  `json:"confidence"`
	Signals    []string `json:"signals"`
}

// diagnosisOutput is what diagnose --json prints; the reasons in l, as the text output
// shows them.
func diagnosisOutput(l lang.Lang, obs knowledge.Observation, d knowledge.Diagnosis, checks []check.Result) diagnosisJSON {
	out := diagnosisJSON{Observation: obs, Diagnoses: []entryJSON{}, Checks: checks}
	if out.Checks == nil {
		out.Checks = []check.Result{}
	}
	for _, m := range d.Entries {
		e := entryJSON{Code: m.Entry.Code, Title: m.Entry.Title, Severity: string(m.Entry.Severity),
			Confidence: m.Confidence, Undetermined: m.Undetermined, Signals: reasons(l, m.Signals),
			Causes: []causeJSON{}, Steps: m.Steps}
		if e.Steps == nil {
			e.Steps = []knowledge.Step{}
		}
		for _, c := range m.Causes {
			e.Causes = append(e.Causes, causeJSON{ID: c.Cause.ID, Context: c.Cause.Context, Text: c.Cause.Text,
				Confidence: c.Confidence, Signals: reasons(l, c.Signals)})
		}
		out.Diagnoses = append(out.Diagnoses, e)
	}
	return out
}

// reasons are a match's reasons in l, never null in the JSON.
func reasons(l lang.Lang, s []string) []string {
	out := make([]string, len(s))
	for i, r := range s {
		out[i] = l.Reason(r)
	}
	return out
}
