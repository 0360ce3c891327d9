package probe

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/golang-jwt/jwt/v5"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// api calls /api/user or /api/user/details with the access token, always asking for JSON
// (without it Laravel redirects to a login page instead of saying what is wrong).
func (p *Prober) api(ctx context.Context, cfg config.Config, id string) Result {
	endpoint, scope := config.EndpointUser, "view-user"
	if id == IDUserDetails {
		endpoint, scope = config.EndpointUserDetails, "detail-user"
	}
	h := http.Header{}
	h.Set("Authorization", "Bearer "+cfg.AccessToken)
	ex := p.get(ctx, cfg, cfg.URL(endpoint), h)
	o := p.observe(endpoint, ex)
	ruledOut := p.tokenFacts(&o, cfg, scope)
	if ex.status == 0 {
		return failWith(o, unfinished(ex, "no answer"))
	}
	if ex.oversize {
		return failWith(o, fmt.Sprintf("HTTP %d with an answer far larger than a user record; the probe read no further", ex.status))
	}
	if redirected(o) {
		return failWith(o, fmt.Sprintf("HTTP %d: the API redirects instead of answering; the token was not sent on", ex.status))
	}
	if ex.status == http.StatusOK {
		var fields map[string]any
		if err := json.Unmarshal(ex.body, &fields); err == nil {
			keys := slices.Sorted(maps.Keys(fields))
			return Result{Status: Pass, Summary: fmt.Sprintf("HTTP 200, user id %v", fields["id"]),
				Details: []string{"fields: " + strings.Join(keys, ", ")}}
		}
		return failWith(o, "HTTP 200 but the body is not JSON")
	}
	r := failWith(o, "the API refused the token")
	r.RuledOut = ruledOut
	return r
}

// tokenFacts adds what the access token itself says, read without verifying it (the
// signature is the server's business; the claims are evidence): expired, lacking the scope
// the endpoint needs, issued to another client. It returns the token_invalid causes the
// request itself rules out: the probe always sends "Bearer <token>", and a token that
// decodes with a future exp is neither malformed nor expired.
func (p *Prober) tokenFacts(o *knowledge.Observation, cfg config.Config, scope string) []string {
	ruledOut := []string{"token_missing", "bearer_scheme_wrong"}
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(cfg.AccessToken, claims); err != nil {
		return ruledOut
	}
	ruledOut = append(ruledOut, "token_malformed")
	if exp, err := claims.GetExpirationTime(); err == nil && exp != nil {
		if exp.Before(p.now()) {
			o.AddFact(knowledge.FactTokenExpired, "the access token expired at "+exp.UTC().Format("2006-01-02 15:04:05 UTC"))
		} else {
			ruledOut = append(ruledOut, "token_expired")
		}
	}
	if raw, ok := claims["scopes"].([]any); ok {
		var have []string
		for _, s := range raw {
			if str, ok := s.(string); ok {
				have = append(have, str)
			}
		}
		if !slices.Contains(have, scope) && !slices.Contains(have, "*") {
			o.AddFact(knowledge.FactTokenLacksScope, fmt.Sprintf("the token's scopes %v do not include %s", have, scope))
		}
	}
	if aud, err := claims.GetAudience(); err == nil && len(aud) > 0 && cfg.ClientID != "" && !slices.Contains(aud, cfg.ClientID) {
		o.AddFact(knowledge.FactTokenAudMismatch, "the token was issued to client "+strings.Join(aud, ", ")+", not the configured client id")
	}
	return ruledOut
}
