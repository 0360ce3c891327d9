// Package check holds the offline cross-checks: pairs of values a person has in hand (the
// redirect_uri sent to /oauth/authorize and to /oauth/token, a PKCE verifier and challenge,
// a scope string, the state sent and received, an access token and the endpoint it is used
// on) turned into evidence without any network.
package check

import (
	"fmt"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Status of a check.
type Status string

// The statuses a check ends in.
const (
	Pass Status = "pass"
	Warn Status = "warn"
	Fail Status = "fail"
	Skip Status = "skip"
)

// Result is what one offline check found. Obs carries the facts for the matcher.
type Result struct {
	Name    string                `json:"name"`
	Status  Status                `json:"status"`
	Summary string                `json:"summary"`
	Details []string              `json:"details,omitempty"`
	Obs     knowledge.Observation `json:"-"`
}

// Names of the offline checks, as the flow graph and the CLI refer to them.
const (
	NameRedirectURI = "redirect_uri" // inputs: authorize, token
	NamePKCE        = "pkce"         // inputs: verifier, challenge, method
	NameScope       = "scope"        // inputs: scope
	NameState       = "state"        // inputs: sent, received
	NameToken       = "token"        // inputs: token, endpoint, client_id
)

// Names lists every offline check.
var Names = []string{NameRedirectURI, NamePKCE, NameScope, NameState, NameToken}

// inputHelp says, for each check's inputs, what a good value looks like.
var inputHelp = map[string]map[string]string{
	NameRedirectURI: {
		"authorize": "the redirect_uri sent to /oauth/authorize, e.g. https://yourapp.com/auth/callback",
		"token":     "the redirect_uri sent to /oauth/token with the code, e.g. https://yourapp.com/auth/callback",
	},
	NamePKCE: {
		"verifier":  "the code_verifier sent to /oauth/token: 43-128 characters of A-Z a-z 0-9 - . _ ~",
		"challenge": "the code_challenge sent to /oauth/authorize: base64url(SHA-256(verifier)), 43 characters, no '='",
	},
	NameScope: {
		"scope": "the scope parameter, space-separated, e.g. \"view-user detail-user\"",
	},
	NameState: {
		"sent":     "the state your app stored and sent to /oauth/authorize",
		"received": "the state on the callback URL (empty if the callback carried none)",
	},
	NameToken: {
		"token": "the access token, a JWT starting with eyJ",
	},
}

// ByName runs the named check over its inputs. A missing input is an error that names it
// and says what a good one looks like; a failed check is a Result, not an error.
func ByName(name string, in map[string]string, now time.Time) (Result, error) {
	need, ok := inputHelp[name]
	if !ok {
		return Result{}, fmt.Errorf("no offline check named %q; the checks are %s", name, strings.Join(Names, ", "))
	}
	for _, key := range []string{"authorize", "token", "verifier", "challenge", "scope", "sent", "received"} {
		help, required := need[key]
		if !required {
			continue
		}
		if _, ok := in[key]; !ok {
			return Result{}, fmt.Errorf("the %s check needs %q: %s", name, key, help)
		}
	}
	var r Result
	switch name {
	case NameRedirectURI:
		r = RedirectURI(in["authorize"], in["token"])
	case NamePKCE:
		r = PKCE(in["verifier"], in["challenge"], in["method"])
	case NameScope:
		r = Scope(in["scope"])
	case NameState:
		r = State(in["sent"], in["received"])
	case NameToken:
		ep, err := endpointName(in["endpoint"])
		if err != nil {
			return Result{}, err
		}
		r = Token(in["token"], ep, in["client_id"], now)
	}
	return r, nil
}

// done builds a Result whose Obs carries the check's facts.
func done(name string, st Status, obs knowledge.Observation, summary string, details ...string) Result {
	obs.AddSource("offline_check")
	return Result{Name: name, Status: st, Summary: summary, Details: details, Obs: obs}
}
