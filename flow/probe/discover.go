package probe

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// discoveryTTL is how long a Prober keeps what a discovery document said: probes run one
// at a time (the wizard) then find their endpoints without a request each. A discovery
// probe run explicitly always fetches afresh.
const discoveryTTL = 10 * time.Minute

// discoveryDoc is the part of an OpenID provider configuration the probes use.
type discoveryDoc struct {
	Issuer                string `json:"issuer"`
	AuthorizationEndpoint string `json:"authorization_endpoint"`
	TokenEndpoint         string `json:"token_endpoint"`
	UserinfoEndpoint      string `json:"userinfo_endpoint"`
}

// discovered is one fetch of the discovery document. done closes when it is over; the
// fields are read only after that.
type discovered struct {
	done chan struct{}
	at   time.Time
	// failed is the result when no answer came; else status and body are the answer.
	failed *Result
	status int
	body   []byte
}

// suppliedBy maps the endpoints a discovery document may name to their settings.
var suppliedBy = map[knowledge.Endpoint]string{
	config.EndpointAuthorize: config.KeyAuthorizePath,
	config.EndpointToken:     config.KeyTokenPath,
	config.EndpointUser:      config.KeyUserPath,
}

// needsDiscovery reports whether discovery may change the endpoint the probe calls: one
// the person left at its default, of a kind a discovery document names.
func needsDiscovery(cfg config.Config, pr Probe) bool {
	key, ok := suppliedBy[pr.Endpoint]
	return ok && cfg.SourceOf(key).Kind == config.FromDefault
}

// discovery returns the fetch of cfg's discovery document once it is over: the one in
// flight or still fresh, else a new one; fresh forces a new fetch (the discovery probe
// itself). Concurrent callers share one request.
func (p *Prober) discovery(ctx context.Context, cfg config.Config, fresh bool) *discovered {
	return p.wait(ctx, p.startDiscovery(ctx, cfg, fresh))
}

// startDiscovery registers a fetch of cfg's discovery document, or finds the one in flight
// or still fresh, and returns without waiting. The fetch gets half the time limit:
// discovery is optional (the configured paths are the fallback), so a server that hangs
// costs one and a half limits for a probe that needs it, not two.
func (p *Prober) startDiscovery(ctx context.Context, cfg config.Config, fresh bool) *discovered {
	key := cfg.URL(config.EndpointDiscovery)
	p.discMu.Lock()
	defer p.discMu.Unlock()
	if d, ok := p.disc[key]; ok && !fresh {
		select {
		case <-d.done:
			if p.now().Sub(d.at) <= discoveryTTL && !d.at.After(p.now()) {
				return d
			}
		default:
			return d // in flight: share it
		}
	}
	d := &discovered{done: make(chan struct{})}
	if p.disc == nil {
		p.disc = map[string]*discovered{}
	}
	p.disc[key] = d
	go p.fetchDiscovery(ctx, cfg, key, d)
	return d
}

// wait waits for a fetch, or for ctx to end.
func (p *Prober) wait(ctx context.Context, d *discovered) *discovered {
	select {
	case <-d.done:
		return d
	case <-ctx.Done():
		r := Result{Status: Skip, Summary: lang.N("cancelled before the discovery document came")}
		return &discovered{failed: &r}
	}
}

func (p *Prober) fetchDiscovery(ctx context.Context, cfg config.Config, key string, d *discovered) {
	defer close(d.done)
	dctx, cancel := context.WithTimeout(ctx, cfg.Timeout/2)
	defer cancel()
	ex := p.get(dctx, cfg, key, nil)
	d.at = p.now()
	if ex.status == 0 {
		r := failWith(cfg.Lang, p.observe("", ex), cfg.Lang.T("cannot fetch the discovery document"))
		r.Status = Warn
		d.failed = &r
		if ctx.Err() != nil {
			p.forget(key, d) // cancelled, not an answer: the next run asks again
		}
		return
	}
	d.status, d.body = ex.status, ex.body
}

// forget drops a fetch from the cache if it is still the one kept there.
func (p *Prober) forget(key string, d *discovered) {
	p.discMu.Lock()
	defer p.discMu.Unlock()
	if p.disc[key] == d {
		delete(p.disc, key)
	}
}

// apply reads the fetch for cfg: the discovery probe's result and cfg with the endpoints
// it may take from the document.
func (d *discovered) apply(cfg config.Config) (Result, config.Config) {
	l := cfg.Lang
	switch {
	case d.failed != nil:
		r := *d.failed
		r.Summary = l.T(r.Summary) // the one fixed sentence; a fetch's failure is in its own run's language
		return r, cfg
	case d.status >= 500:
		// A server error is not "not offered": the server could not answer at all.
		return Result{Status: Warn, Summary: l.Tf("the discovery path answered HTTP %d, a server error; using the configured paths", d.status)}, cfg
	case d.status != http.StatusOK:
		return Result{Status: Pass, Summary: l.Tf("not offered (HTTP %d); using the configured paths", d.status)}, cfg
	}
	return applyDiscovery(cfg, d.body)
}

// discoveryProbe is the discovery check: always a fresh fetch.
func (p *Prober) discoveryProbe(ctx context.Context, cfg config.Config) Result {
	r, _ := p.discovery(ctx, cfg, true).apply(cfg)
	return r
}

// Resolved returns cfg with the endpoints a discovery document this Prober already read
// supplies, without a request: what the probes called, for a report.
func (p *Prober) Resolved(cfg config.Config) config.Config {
	p.discMu.Lock()
	d, ok := p.disc[cfg.URL(config.EndpointDiscovery)]
	p.discMu.Unlock()
	if !ok {
		return cfg
	}
	select {
	case <-d.done:
		_, cfg = d.apply(cfg)
	default:
	}
	return cfg
}

// applyDiscovery reads a discovery document and takes the endpoints from it that the
// person did not set and that live on the same server: a secret is never sent to a host
// only a document named.
func applyDiscovery(cfg config.Config, body []byte) (Result, config.Config) {
	l := cfg.Lang
	var doc discoveryDoc
	if err := json.Unmarshal(body, &doc); err != nil || (doc.AuthorizationEndpoint == "" && doc.TokenEndpoint == "") {
		return Result{Status: Pass, Summary: l.T("the discovery path answers, but not with an OpenID configuration; using the configured paths")}, cfg
	}
	var used, ignored []string
	apply := func(key, found string) {
		if found == "" {
			return
		}
		switch {
		case cfg.SourceOf(key).Kind != config.FromDefault:
			ignored = append(ignored, key+l.T(" (set by you)"))
		case !sameOrigin(found, cfg.BaseURL):
			ignored = append(ignored, key+l.Tf(" (on another server: %s)", redact.URL(found)))
		default:
			_ = cfg.Set(key, found, config.Source{Kind: config.FromDiscovery})
			used = append(used, key+" = "+redact.URL(found))
		}
	}
	apply(config.KeyAuthorizePath, doc.AuthorizationEndpoint)
	apply(config.KeyTokenPath, doc.TokenEndpoint)
	apply(config.KeyUserPath, doc.UserinfoEndpoint)
	r := Result{Status: Pass, Summary: l.T("offered; issuer ") + clip(doc.Issuer, 200)}
	for _, u := range used {
		r.Details = append(r.Details, l.T("using ")+u)
	}
	for _, i := range ignored {
		r.Details = append(r.Details, l.T("not using ")+i)
	}
	return r, cfg
}

func sameOrigin(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	return err1 == nil && err2 == nil && strings.EqualFold(ua.Scheme, ub.Scheme) && strings.EqualFold(ua.Host, ub.Host)
}
