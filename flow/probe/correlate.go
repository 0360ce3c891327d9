package probe

import (
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// correlate lets results that together say more than apart sharpen each other's causes,
// where one answer alone (Passport's invalid_client is the same for every cause) cannot:
//
//   - the authorize endpoint accepting the client id, or sending the browser back to its
//     redirect URI, proves the client exists and is active;
//   - a token request that went through proves the id and secret are right;
//   - the client authentication check finding that only one way of sending works explains a
//     code exchange or refresh refused for sending the other way;
//   - the token endpoint accepting (or refusing) the client tells an authorize endpoint's
//     invalid_client apart: a redirect_uri that is not registered, or the client itself.
func correlate(rs []Result, cfg config.Config) {
	byID := map[string]*Result{}
	for i := range rs {
		byID[rs[i].ID] = &rs[i]
	}
	ok := func(id string) bool {
		r := byID[id]
		return r != nil && (r.Status == Pass || r.Status == Warn)
	}
	refused := func(id string) *Result {
		r := byID[id]
		if r == nil || r.Status != Fail || !clientRefused(r.Obs) {
			return nil
		}
		return r
	}
	l := cfg.Lang
	wrongWay(byID[IDClientAuth], cfg, refused(IDCodeExchange), refused(IDRefresh))

	known := ""
	switch {
	case ok(IDAuthorize):
		known = l.T("the authorize endpoint accepted this client id, so the client exists and is active: suspect the secret")
	case sentBackWithError(byID[IDAuthorize]):
		known = l.T("the authorize endpoint sent the browser back to this client's redirect URI, so it knows the client: suspect the secret")
	}
	secretOK := ok(IDCodeExchange) || ok(IDRefresh)
	for _, id := range []string{IDClientAuth, IDClientCredentials, IDCodeExchange, IDRefresh} {
		r := refused(id)
		if r == nil || r.Obs.HasFact(knowledge.FactAuthBodyOnly) || r.Obs.HasFact(knowledge.FactAuthBasicOnly) {
			continue // one way of sending worked: the secret is right
		}
		switch {
		case secretOK && (id == IDClientAuth || id == IDClientCredentials):
			r.Details = append(r.Details, l.T("the same client id and secret worked for another grant, so they are right: suspect the grants this client may use"))
			r.RuledOut = append(r.RuledOut, "unknown_client", "client_revoked", "wrong_secret", "auth_method_mismatch", "redirect_uri_not_registered")
		case known != "":
			r.Details = append(r.Details, known)
			r.RuledOut = append(r.RuledOut, "unknown_client", "client_revoked")
		}
	}

	if a := refused(IDAuthorize); a != nil {
		// The authorize request carries no secret and no way of sending one.
		a.RuledOut = append(a.RuledOut, "wrong_secret", "auth_method_mismatch")
		ca := byID[IDClientAuth]
		oneWay := ca != nil && (ca.Obs.HasFact(knowledge.FactAuthBodyOnly) || ca.Obs.HasFact(knowledge.FactAuthBasicOnly))
		switch {
		case ok(IDClientAuth) || ok(IDClientCredentials) || secretOK || oneWay:
			a.Details = append(a.Details, l.T("the token endpoint accepts this client, so it exists and is active: suspect the redirect_uri"))
			a.RuledOut = append(a.RuledOut, "unknown_client", "client_revoked")
		case ca != nil && ca.Status == Fail && ca.Obs.HasFact(knowledge.FactClientAuthFailed):
			a.Details = append(a.Details, l.T("the token endpoint refuses this client too, however its credentials are sent: suspect the client id rather than the redirect_uri"))
			a.RuledOut = append(a.RuledOut, "redirect_uri_not_registered")
		}
	}
}

// wrongWay marks the spending probes refused for sending the credentials the way the
// client authentication check found refused: that, not the secret, is why.
func wrongWay(clientAuth *Result, cfg config.Config, spent ...*Result) {
	if clientAuth == nil || clientAuth.Status != Fail {
		return
	}
	var fact, detail string
	switch {
	case clientAuth.Obs.HasFact(knowledge.FactAuthBasicOnly) && cfg.AuthStyle != "basic":
		fact = knowledge.FactAuthBasicOnly
		detail = cfg.Lang.T("only HTTP Basic works for this client (see the client authentication check), and this request sent the credentials in the body")
	case clientAuth.Obs.HasFact(knowledge.FactAuthBodyOnly) && cfg.AuthStyle == "basic":
		fact = knowledge.FactAuthBodyOnly
		detail = cfg.Lang.T("only credentials in the body work for this client (see the client authentication check), and this request used HTTP Basic")
	default:
		return
	}
	for _, r := range spent {
		if r == nil {
			continue
		}
		r.Obs.AddFact(fact, detail)
		r.Details = append(r.Details, detail+cfg.Lang.T("; set --auth-style to the way that works"))
		r.RuledOut = append(r.RuledOut, "unknown_client", "client_revoked", "wrong_secret")
	}
}

// sentBackWithError reports whether the authorize endpoint sent the browser back to the
// redirect URI with an error about the request itself (scope, consent, ...). RFC 6749
// 4.1.2.1 forbids redirecting for an unknown client, and the server needs the client's
// registered redirect URIs to redirect at all, so such an answer means the client is known.
func sentBackWithError(r *Result) bool {
	if r == nil || r.Status != Fail || !slices.Contains(r.Obs.Sources, "callback_url") {
		return false
	}
	switch strings.ToLower(r.Obs.Error) {
	case "", "invalid_client", "unauthorized_client", "server_error", "temporarily_unavailable":
		return false
	}
	return true
}
