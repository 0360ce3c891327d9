package probe

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// api calls /api/user or /api/user/details with the access token, always asking for JSON
// (without it Laravel redirects to a login page instead of saying what is wrong).
func (p *Prober) api(ctx context.Context, cfg config.Config, id string) Result {
	endpoint := config.EndpointUser
	if id == IDUserDetails {
		endpoint = config.EndpointUserDetails
	}
	h := http.Header{}
	h.Set("Authorization", "Bearer "+cfg.AccessToken)
	l := cfg.Lang
	ex := p.get(ctx, cfg, cfg.URL(endpoint), h)
	o := p.observe(endpoint, ex)
	ruledOut := p.tokenFacts(&o, cfg, endpoint)
	if ex.status == 0 {
		return failWith(l, o, unfinished(l, ex, l.T("no answer")))
	}
	if ex.oversize {
		return failWith(l, o, l.Tf("HTTP %d with an answer far larger than a user record; the probe read no further", ex.status))
	}
	if redirected(o) {
		return failWith(l, o, l.Tf("HTTP %d: the API redirects instead of answering; the token was not sent on", ex.status))
	}
	if ex.status == http.StatusOK {
		var fields map[string]any
		if err := json.Unmarshal(ex.body, &fields); err == nil {
			keys := slices.Sorted(maps.Keys(fields))
			return Result{Status: Pass, Summary: "HTTP 200, " + whoIs(l, fields),
				Details: []string{l.T("fields: ") + strings.Join(keys, ", ")}}
		}
		return failWith(l, o, l.T("HTTP 200 but the body is not JSON"))
	}
	if ex.status == http.StatusNotFound && id == IDUserDetails && p.standardServer(ctx, cfg) {
		r := failWith(l, o, l.T("HTTP 404: this server has no /api/user/details, Mubarokah ID's detailed user API; its discovery "+
			"document names a standard userinfo endpoint instead (the user API check calls it)"))
		r.Status = Warn
		// The base URL is right (its discovery document was found there) and no record
		// is missing: the API is simply not offered.
		r.RuledOut = []string{"wrong_base_url_or_path", "record_not_found"}
		return r
	}
	r := failWith(l, o, l.T("the API refused the token"))
	r.RuledOut = ruledOut
	return r
}

// standardServer reports whether the detailed user API was called at its default path on
// a server whose discovery document names a userinfo endpoint (Mubarokah ID publishes no
// discovery document; Ory Hydra and other OpenID providers do, and have no such API).
// It reads this Prober's discovery fetch, waiting for it if it is still coming.
func (p *Prober) standardServer(ctx context.Context, cfg config.Config) bool {
	if cfg.SourceOf(config.KeyUserDetailsPath).Kind != config.FromDefault {
		return false
	}
	asked := cfg // whether the document names one, even where the person gave the user path
	asked.SetSource(config.KeyUserPath, config.Source{Kind: config.FromDefault})
	_, found := p.wait(ctx, p.startDiscovery(ctx, cfg, false)).apply(asked)
	return found.SourceOf(config.KeyUserPath).Kind == config.FromDiscovery
}

// tokenFacts adds what the access token itself says, read without verifying it (the
// signature is the server's business; the claims are evidence): expired, lacking the scope
// the endpoint needs, issued to another client. It returns the token_invalid causes the
// request itself rules out: the probe always sends "Bearer <token>", and a token that
// decodes with a future exp is neither malformed nor expired.
func (p *Prober) tokenFacts(o *knowledge.Observation, cfg config.Config, endpoint knowledge.Endpoint) []string {
	ruledOut := []string{"token_missing", "bearer_scheme_wrong"}
	info, err := evidence.DecodeToken(cfg.AccessToken)
	if err != nil {
		return ruledOut
	}
	ruledOut = append(ruledOut, "token_malformed")
	facts := check.JudgeToken(cfg.Lang, info, endpoint, cfg.ClientID, p.now())
	expired := false
	for _, f := range facts {
		o.AddFact(f.Name, f.Detail)
		expired = expired || f.Name == knowledge.FactTokenExpired
	}
	if info.ExpiresAt != nil && !expired {
		ruledOut = append(ruledOut, "token_expired")
	}
	return ruledOut
}

// whoIs names the user an answer is about: Mubarokah ID's id, or the OpenID Connect
// subject (sub) a standard userinfo endpoint answers with instead (Ory Hydra's /userinfo).
func whoIs(l lang.Lang, fields map[string]any) string {
	if id, ok := fields["id"]; ok && id != nil {
		return l.Tf("user id %v", id)
	}
	if sub, ok := fields["sub"]; ok && sub != nil {
		return l.Tf("subject (sub) %v", sub)
	}
	return l.T("but the answer names no user (no id or sub field)")
}
