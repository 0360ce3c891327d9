// Package check holds the offline cross-checks: pairs of values a person has in hand (the
// redirect_uri sent to /oauth/authorize and to /oauth/token, a PKCE verifier and challenge,
// a scope string, the state sent and received, an access token and the endpoint it is used
// on) turned into evidence without any network.
package check

import (
	"fmt"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
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
		"authorize": lang.N("the redirect_uri sent to /oauth/authorize, e.g. https://yourapp.com/auth/callback"),
		"token":     lang.N("the redirect_uri sent to /oauth/token with the code, e.g. https://yourapp.com/auth/callback"),
	},
	NamePKCE: {
		"verifier":  lang.N("the code_verifier sent to /oauth/token: 43-128 characters of A-Z a-z 0-9 - . _ ~"),
		"challenge": lang.N("the code_challenge sent to /oauth/authorize: base64url(SHA-256(verifier)), 43 characters, no '='"),
	},
	NameScope: {
		"scope": lang.N("the scope parameter, space-separated, e.g. \"view-user detail-user\""),
	},
	NameState: {
		"sent":     lang.N("the state your app stored and sent to /oauth/authorize"),
		"received": lang.N("the state on the callback URL (empty if the callback carried none)"),
	},
	NameToken: {
		"token": lang.N("the access token, a JWT starting with eyJ"),
	},
}

// ByName runs the named check over its inputs. A missing input is an error that names it
// and says what a good one looks like; a failed check is a Result, not an error.
func ByName(l lang.Lang, name string, in map[string]string, now time.Time) (Result, error) {
	need, ok := inputHelp[name]
	if !ok {
		return Result{}, fmt.Errorf(l.T("no offline check named %q; the checks are %s"), name, strings.Join(Names, ", "))
	}
	for _, key := range []string{"authorize", "token", "verifier", "challenge", "scope", "sent", "received"} {
		help, required := need[key]
		if !required {
			continue
		}
		if _, ok := in[key]; !ok {
			return Result{}, fmt.Errorf(l.T("the %s check needs %q: %s"), name, key, l.T(help))
		}
	}
	var r Result
	switch name {
	case NameRedirectURI:
		r = RedirectURI(l, in["authorize"], in["token"])
	case NamePKCE:
		r = PKCE(l, in["verifier"], in["challenge"], in["method"])
	case NameScope:
		r = Scope(l, in["scope"])
	case NameState:
		r = State(l, in["sent"], in["received"])
	case NameToken:
		ep, err := endpointName(l, in["endpoint"])
		if err != nil {
			return Result{}, err
		}
		r = Token(l, in["token"], ep, in["client_id"], now)
	}
	return r, nil
}

// done builds a Result whose Obs carries the check's facts.
func done(name string, st Status, obs knowledge.Observation, summary string, details ...string) Result {
	obs.AddSource("offline_check")
	return Result{Name: name, Status: st, Summary: summary, Details: details, Obs: obs}
}
