package check

import (
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Given are the values a person hands the offline checks directly (diagnose's flags), named
// in the comments by the input names InputError uses. Empty means not given; the Has fields
// tell an empty value given on purpose from none.
type Given struct {
	AuthorizeRedirectURI string // authorize-redirect-uri
	TokenRedirectURI     string // token-redirect-uri
	CodeVerifier         string // code-verifier
	CodeChallenge        string // code-challenge
	CodeChallengeMethod  string // code-challenge-method
	Scope                string // scope
	HasScope             bool
	StateSent            string // state-sent
	StateReceived        string // state-received
	HasStateReceived     bool
	Token                string // token
	Endpoint             string // endpoint
	ClientID             string // client-id
	// Lang is the language the checks' results and the input errors speak.
	Lang lang.Lang
}

// InputError says that a check was half asked for: Given came without Needs, and neither
// the person nor the evidence supplied it.
type InputError struct {
	Given, Needs string // input names, as Given's comments spell them
	// From is where else Needs could have come from ("a value for it in the evidence"),
	// EmptyMeans what an empty Needs would say, when an empty value is an answer.
	From, EmptyMeans string
	// Lang is the language Error speaks.
	Lang lang.Lang
}

func (e *InputError) Error() string {
	l := e.Lang
	msg := l.Tf("%s needs %s as well", e.Given, e.Needs)
	if e.From != "" {
		msg += l.Tf(" (or %s)", l.T(e.From))
	}
	if e.EmptyMeans != "" {
		msg += l.Tf("; an empty %s means %s", e.Needs, l.T(e.EmptyMeans))
	}
	return msg
}

// Plan runs the offline checks the given values ask for, filling a value not given from
// those the evidence holds (found, obs), and those the evidence alone makes possible: a
// redirect_uri pair, a PKCE pair, a scope string, a state pair, an access token with the API
// it was used on. A half-given pair is an *InputError; a value a check cannot read is the
// check's own error.
func Plan(g Given, found evidence.Values, obs knowledge.Observation, now time.Time) ([]Result, error) {
	var out []Result
	run := func(name string, in map[string]string) error {
		r, err := ByName(g.Lang, name, in, now)
		if err != nil {
			return err
		}
		out = append(out, r)
		return nil
	}
	pick := func(given, fromEvidence string) string {
		if given != "" {
			return given
		}
		return fromEvidence
	}
	// both says whether a pair of values is complete; a half-given pair is an error.
	both := func(aName, bName, a, b string, asked bool) (bool, error) {
		from := lang.N("a value for it in the evidence")
		switch {
		case a != "" && b != "":
			return true, nil
		case asked && a == "":
			return false, &InputError{Given: bName, Needs: aName, From: from, Lang: g.Lang}
		case asked:
			return false, &InputError{Given: aName, Needs: bName, From: from, Lang: g.Lang}
		}
		return false, nil
	}
	authz, tokenURI := pick(g.AuthorizeRedirectURI, found.AuthorizeRedirectURI), pick(g.TokenRedirectURI, found.TokenRedirectURI)
	ok, err := both("authorize-redirect-uri", "token-redirect-uri", authz, tokenURI, g.AuthorizeRedirectURI != "" || g.TokenRedirectURI != "")
	if err == nil && ok {
		err = run(NameRedirectURI, map[string]string{"authorize": authz, "token": tokenURI})
	}
	if err != nil {
		return nil, err
	}
	verifier, challenge := pick(g.CodeVerifier, found.CodeVerifier), pick(g.CodeChallenge, found.CodeChallenge)
	ok, err = both("code-verifier", "code-challenge", verifier, challenge, g.CodeVerifier != "" || g.CodeChallenge != "")
	if err == nil && ok {
		err = run(NamePKCE, map[string]string{"verifier": verifier, "challenge": challenge,
			"method": pick(g.CodeChallengeMethod, found.CodeChallengeMethod)})
	}
	if err != nil {
		return nil, err
	}
	if g.HasScope || found.Scope != "" {
		if err := run(NameScope, map[string]string{"scope": pick(g.Scope, found.Scope)}); err != nil {
			return nil, err
		}
	}
	sent := pick(g.StateSent, found.StateSent)
	received, hasReceived := g.StateReceived, g.HasStateReceived
	if !hasReceived && found.HasCallback {
		received, hasReceived = found.StateReceived, true
	}
	switch {
	case sent != "" && hasReceived:
		if err := run(NameState, map[string]string{"sent": sent, "received": received}); err != nil {
			return nil, err
		}
	case g.StateSent != "":
		return nil, &InputError{Given: "state-sent", Needs: "state-received", From: lang.N("a callback URL in the evidence"),
			EmptyMeans: lang.N("the callback carried none"), Lang: g.Lang}
	case g.HasStateReceived:
		return nil, &InputError{Given: "state-received", Needs: "state-sent", Lang: g.Lang}
	}
	token := pick(g.Token, found.AccessToken)
	endpoint := g.Endpoint
	if endpoint == "" && (obs.Endpoint == knowledge.EndpointUser || obs.Endpoint == knowledge.EndpointUserDetails) {
		endpoint = string(obs.Endpoint)
	}
	switch {
	case token != "" && (g.Token != "" || endpoint != ""):
		in := map[string]string{"token": token, "endpoint": endpoint, "client_id": g.ClientID}
		if err := run(NameToken, in); err != nil {
			return nil, err
		}
	case g.Endpoint != "":
		return nil, &InputError{Given: "endpoint", Needs: "token", From: lang.N("an access token in the evidence"), Lang: g.Lang}
	}
	return out, nil
}
