package cli

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// diagnoseOpts are the flags of diagnose: where the evidence is, and the values the
// offline checks compare.
type diagnoseOpts struct {
	files                         []string
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
		Short: "Find the cause of an error from pasted evidence and offline checks",
		Long: `Read whatever you have of a failing Mubarokah ID login or API call and say which error it
is, which causes fit and why, and what to do. Evidence comes from the arguments, from
--file (- for stdin), or from stdin when it is not a terminal. One paste may hold several
pieces; diagnose recognises on its own:

  ` + evidence.Accepted + `.

Offline checks compare values you have in hand, without any network. Values found in the
evidence (an authorize URL, a token request body, a callback URL) fill in missing ones.
Secrets (tokens, codes, verifiers, client secrets) are only ever shown masked: those the
evidence labels, and those of the environment and of .env wherever they appear.

Exit status: 0 an entry fits (or every check passed), 1 nothing recognised (or only a
weak guess), 2 bad usage, 130 interrupted.`,
		Example: `  mubarokah-doctor diagnose '{"error":"invalid_grant","hint":"Token has expired"}'
  curl -si -X POST https://accounts.mubarokah.com/oauth/token -d ... | mubarokah-doctor diagnose
  mubarokah-doctor diagnose --file response.txt --json
  mubarokah-doctor diagnose --authorize-redirect-uri https://app.test/cb --token-redirect-uri https://app.test/cb/
  mubarokah-doctor diagnose --code-verifier "$VERIFIER" --code-challenge "$CHALLENGE"
  mubarokah-doctor diagnose --token "$ACCESS_TOKEN" --endpoint /api/user/details`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.hasStateReceived = cmd.Flags().Changed("state-received")
			o.hasScopeArg = cmd.Flags().Changed("scope")
			if o.clientID == "" {
				o.clientID = env.getenv("MUBAROKAH_CLIENT_ID")
			}
			return runDiagnose(env, o, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&o.files, "file", "f", nil, "read evidence from `FILE` (- for stdin); may be repeated")
	f.BoolVar(&o.asJSON, "json", false, "print the observation, diagnoses and checks as one JSON object")
	f.StringVar(&o.authorizeURI, "authorize-redirect-uri", "", "the redirect_uri sent to /oauth/authorize (compared with --token-redirect-uri)")
	f.StringVar(&o.tokenURI, "token-redirect-uri", "", "the redirect_uri sent to /oauth/token with the code")
	f.StringVar(&o.verifier, "code-verifier", "", "the PKCE code_verifier sent to /oauth/token (shown masked)")
	f.StringVar(&o.challenge, "code-challenge", "", "the PKCE code_challenge sent to /oauth/authorize")
	f.StringVar(&o.method, "code-challenge-method", "", "the code_challenge_method sent (default S256)")
	f.StringVar(&o.scope, "scope", "", `the scope string sent, e.g. "view-user detail-user"`)
	f.StringVar(&o.stateSent, "state-sent", "", "the state your app stored and sent to /oauth/authorize")
	f.StringVar(&o.stateReceived, "state-received", "", "the state on the callback URL (\"\" if it had none)")
	f.StringVar(&o.token, "token", "", "an access token (JWT) to check; shown masked")
	f.StringVar(&o.endpoint, "endpoint", "", "the API the token is used on: /api/user or /api/user/details")
	f.StringVar(&o.clientID, "client-id", "", "your client_id, compared with the token's aud (default $MUBAROKAH_CLIENT_ID)")
	return cmd
}

func runDiagnose(env *appEnv, o diagnoseOpts, args []string) error {
	text, err := readEvidence(env, o.files, args)
	if err != nil {
		return err
	}
	env.addDotEnvSecrets()
	env.secrets.Add(o.token, o.verifier)
	env.secrets.Add(evidence.Secrets(text)...)
	now := env.now()
	obs, vals, err := evidence.ParseAll(text, now)
	if err != nil {
		return usageErr("%v", err)
	}
	checks, err := runChecks(o, vals, obs, now)
	if err != nil {
		return err
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
		err = env.printJSON(env.stdout, diagnosisOutput(obs, d, checks))
	} else {
		var buf bytes.Buffer
		printDiagnosis(&buf, obs, d, checks)
		err = env.printText(env.stdout, buf.String())
	}
	if err != nil {
		return err
	}
	// An entry fits when its evidence is more than a lone weak hint (knowledge.FitStrength);
	// a guess from a status or a content type alone is shown, but is no diagnosis.
	if d.Fits() || (len(checks) > 0 && !anyFailed(checks) && strings.TrimSpace(text) == "") {
		return nil
	}
	return &exitError{code: exitProblem, msg: nothingRecognised(text, obs)}
}

// readEvidence joins the arguments, the --file contents and, when neither is given and
// stdin is not a terminal, stdin (see evidenceReader).
func readEvidence(env *appEnv, files, args []string) (string, error) {
	if len(args) == 1 && args[0] == "-" {
		// The usual spelling of "read stdin", as walk --evidence - has it.
		files, args = append(files, "-"), nil
	}
	if len(args) == 0 && len(files) == 0 && env.stdin != nil && !isTerminal(env.stdin) {
		files = []string{"-"}
	}
	return readInputs(env, files, args, diagnoseInput)
}

// runChecks runs the offline checks the flags ask for, filling missing values from the
// evidence, and those the evidence alone makes possible.
func runChecks(o diagnoseOpts, v evidence.Values, obs knowledge.Observation, now time.Time) ([]check.Result, error) {
	var out []check.Result
	run := func(name string, in map[string]string) error {
		r, err := check.ByName(name, in, now)
		if err != nil {
			return usageErr("%v", err)
		}
		out = append(out, r)
		return nil
	}
	pick := func(flag, found string) string {
		if flag != "" {
			return flag
		}
		return found
	}
	// both says whether a pair of values is complete; a half-given pair is a usage error.
	both := func(aFlag, bFlag, a, b string, asked bool) (bool, error) {
		switch {
		case a != "" && b != "":
			return true, nil
		case asked && a == "":
			return false, usageErr("--%s needs --%s as well (or a value for it in the evidence)", bFlag, aFlag)
		case asked:
			return false, usageErr("--%s needs --%s as well (or a value for it in the evidence)", aFlag, bFlag)
		}
		return false, nil
	}
	authz, tokenURI := pick(o.authorizeURI, v.AuthorizeRedirectURI), pick(o.tokenURI, v.TokenRedirectURI)
	ok, err := both("authorize-redirect-uri", "token-redirect-uri", authz, tokenURI, o.authorizeURI != "" || o.tokenURI != "")
	if err == nil && ok {
		err = run(check.NameRedirectURI, map[string]string{"authorize": authz, "token": tokenURI})
	}
	if err != nil {
		return nil, err
	}
	verifier, challenge := pick(o.verifier, v.CodeVerifier), pick(o.challenge, v.CodeChallenge)
	ok, err = both("code-verifier", "code-challenge", verifier, challenge, o.verifier != "" || o.challenge != "")
	if err == nil && ok {
		err = run(check.NamePKCE, map[string]string{"verifier": verifier, "challenge": challenge,
			"method": pick(o.method, v.CodeChallengeMethod)})
	}
	if err != nil {
		return nil, err
	}
	if o.hasScopeArg || v.Scope != "" {
		if err := run(check.NameScope, map[string]string{"scope": pick(o.scope, v.Scope)}); err != nil {
			return nil, err
		}
	}
	sent := pick(o.stateSent, v.StateSent)
	received, hasReceived := o.stateReceived, o.hasStateReceived
	if !hasReceived && v.HasCallback {
		received, hasReceived = v.StateReceived, true
	}
	switch {
	case sent != "" && hasReceived:
		if err := run(check.NameState, map[string]string{"sent": sent, "received": received}); err != nil {
			return nil, err
		}
	case o.stateSent != "":
		return nil, usageErr("--state-sent needs --state-received as well (or a callback URL in the evidence); " +
			`use --state-received "" when the callback carried none`)
	case o.hasStateReceived:
		return nil, usageErr("--state-received needs --state-sent as well")
	}
	token := pick(o.token, v.AccessToken)
	endpoint := o.endpoint
	if endpoint == "" && (obs.Endpoint == "api_user" || obs.Endpoint == "api_user_details") {
		endpoint = obs.Endpoint
	}
	switch {
	case token != "" && (o.token != "" || endpoint != ""):
		in := map[string]string{"token": token, "endpoint": endpoint, "client_id": o.clientID}
		if err := run(check.NameToken, in); err != nil {
			return nil, err
		}
	case o.endpoint != "":
		return nil, usageErr("--endpoint needs --token (or an access token in the evidence)")
	}
	return out, nil
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
func nothingRecognised(text string, obs knowledge.Observation) string {
	read := "nothing usable"
	if len(obs.Sources) > 0 {
		var kinds []string
		for _, s := range obs.Sources {
			kinds = append(kinds, evidence.Describe(s))
		}
		read = strings.Join(kinds, "; ")
	}
	return fmt.Sprintf("no catalogue entry fits the evidence (%d bytes read: %s). diagnose recognises %s; "+
		"the offline check flags are listed by 'mubarokah-doctor diagnose --help'", len(text), read, evidence.Accepted)
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

// diagnosisOutput is what diagnose --json prints.
func diagnosisOutput(obs knowledge.Observation, d knowledge.Diagnosis, checks []check.Result) diagnosisJSON {
	out := diagnosisJSON{Observation: obs, Diagnoses: []entryJSON{}, Checks: checks}
	if out.Checks == nil {
		out.Checks = []check.Result{}
	}
	for _, m := range d.Entries {
		e := entryJSON{Code: m.Entry.Code, Title: m.Entry.Title, Severity: string(m.Entry.Severity),
			Confidence: m.Confidence, Undetermined: m.Undetermined, Signals: nonNil(m.Signals),
			Causes: []causeJSON{}, Steps: m.Steps}
		if e.Steps == nil {
			e.Steps = []knowledge.Step{}
		}
		for _, c := range m.Causes {
			e.Causes = append(e.Causes, causeJSON{ID: c.Cause.ID, Context: c.Cause.Context, Text: c.Cause.Text,
				Confidence: c.Confidence, Signals: nonNil(c.Signals)})
		}
		out.Diagnoses = append(out.Diagnoses, e)
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
