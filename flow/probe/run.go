package probe

import (
	"context"
	"crypto/x509"
	"net/http"
	"sync"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Prober runs probes. The zero value is ready: it builds its HTTP client from the
// configuration's timeout. Tests and the wizard may set the fields. A Prober remembers what
// a discovery document said for a while, so probes run one at a time still call the
// endpoints it names.
type Prober struct {
	// Client replaces the built-in client; it should not follow redirects.
	Client *http.Client
	// Now is the clock probes judge dates and token lifetimes by.
	Now func() time.Time
	// MaxBody is the most of an answer read; DefaultMaxBody when 0.
	MaxBody int64
	// Catalogue reads what a server's words name, with the matcher `diagnose` uses, where
	// a probe's verdict depends on it; the built-in catalogue when nil.
	Catalogue *knowledge.Catalogue

	// roots replaces the system's trusted roots (tests trust their own servers with it).
	roots *x509.CertPool
	// built is the client for builtFor, the timeout it was made with: a changed timeout (the
	// wizard's settings) gets a new client on the next probe.
	mu       sync.Mutex
	built    *http.Client
	builtFor time.Duration

	catOnce sync.Once
	cat     *knowledge.Catalogue

	discMu sync.Mutex
	disc   map[string]*discovered // by discovery URL
}

// Run runs one probe with a fresh Prober.
func Run(ctx context.Context, cfg config.Config, id string) Result {
	return (&Prober{}).Run(ctx, cfg, id)
}

func (p *Prober) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// catalogue is the Prober's catalogue; nil only if the built-in one does not load, which
// its own tests forbid: the probes then read no words, as before they could.
func (p *Prober) catalogue() *knowledge.Catalogue {
	p.catOnce.Do(func() {
		p.cat = p.Catalogue
		if p.cat == nil {
			p.cat, _ = knowledge.Builtin()
		}
	})
	return p.cat
}

func (p *Prober) client(cfg config.Config) *http.Client {
	if p.Client != nil {
		return p.Client
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = config.DefaultTimeout
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.built == nil || p.builtFor != timeout {
		limit := p.MaxBody
		if limit <= 0 {
			limit = DefaultMaxBody
		}
		p.built, p.builtFor = newClient(timeout, limit, p.roots), timeout
	}
	return p.built
}

// Run runs one probe. A probe the configuration does not allow comes back as Skip with the
// reason; it never returns a Go error: a failure is a Result. A probe that calls an
// endpoint the person left at its default first reads the server's discovery document (or
// what this Prober remembers of it), as it would in a whole run.
func (p *Prober) Run(ctx context.Context, cfg config.Config, id string) Result {
	pr, ok := Lookup(id)
	if !ok {
		return Result{ID: id, Name: id, Status: Skip, Summary: cfg.Lang.T("there is no probe ") + id}
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = config.DefaultTimeout
	}
	return p.run(ctx, cfg, pr)
}

// run runs a registered probe: what it needs and the person's consent first, then the
// endpoints discovery supplies, the plain-HTTP rule on the endpoint it will really call,
// the probe itself, and the lines that say where it went.
func (p *Prober) run(ctx context.Context, cfg config.Config, pr Probe) Result {
	if why := pr.needs(cfg); why != "" {
		return skipped(cfg, pr, why)
	}
	if !pr.Allowed(cfg) {
		return skipped(cfg, pr, pr.ready(cfg))
	}
	if ctx.Err() != nil {
		return skipped(cfg, pr, cfg.Lang.T("cancelled before it started"))
	}
	if needsDiscovery(cfg, pr) {
		d := p.startDiscovery(ctx, cfg, false)
		if pr.Consent == nil && !over(d) {
			return p.speculate(ctx, cfg, pr, d)
		}
		_, cfg = p.wait(ctx, d).apply(cfg)
		if ctx.Err() != nil {
			return skipped(cfg, pr, cfg.Lang.T("cancelled before it started"))
		}
	}
	return p.finish(ctx, cfg, pr)
}

func skipped(cfg config.Config, pr Probe, why string) Result {
	return Result{ID: pr.ID, Name: cfg.Lang.T(pr.Name), Status: Skip, Summary: why}
}

// over reports whether a discovery fetch has ended.
func over(d *discovered) bool {
	select {
	case <-d.done:
		return true
	default:
		return false
	}
}

// speculate runs a probe that spends nothing at the configured endpoint while the
// discovery document is still coming, and keeps the result when the document names the
// same endpoint or none (Mubarokah ID offers none): no round trip is spent waiting for it.
// When the document names another endpoint, the early run is dropped and the probe runs
// again there. A probe that spends something never runs early: it could be spent at the
// wrong address.
func (p *Prober) speculate(ctx context.Context, cfg config.Config, pr Probe, d *discovered) Result {
	early, cancel := context.WithCancel(ctx)
	defer cancel()
	got := make(chan Result, 1)
	go func() { got <- p.finish(early, cfg, pr) }()
	_, found := p.wait(ctx, d).apply(cfg)
	if ctx.Err() == nil && found.URL(pr.Endpoint) == cfg.URL(pr.Endpoint) {
		r := <-got
		if r.Status != Skip && len(r.Details) > 0 {
			r.Details[0] = endpointLine(found, pr.Endpoint)
		}
		return r
	}
	cancel()
	<-got
	if ctx.Err() != nil {
		return skipped(cfg, pr, cfg.Lang.T("cancelled before it started"))
	}
	return p.finish(ctx, found, pr)
}

// finish runs a probe whose endpoints are settled: the plain-HTTP rule on the endpoint it
// calls, the probe, and the lines that say where it went.
func (p *Prober) finish(ctx context.Context, cfg config.Config, pr Probe) Result {
	if why := pr.secretProblem(cfg); why != "" {
		return skipped(cfg, pr, why)
	}
	r := pr.run(p, ctx, cfg)
	r.ID, r.Name = pr.ID, cfg.Lang.T(pr.Name)
	if r.Status == Skip {
		return r
	}
	if pr.Endpoint != "" {
		r.Details = append([]string{endpointLine(cfg, pr.Endpoint)}, r.Details...)
	}
	if pr.SendsSecret {
		if note := proxyNote(cfg.Lang, cfg.URL(pr.Endpoint)); note != "" {
			r.Details = append(r.Details, note)
		}
	}
	return r
}

// settingOf is the setting that holds each endpoint's path.
var settingOf = map[knowledge.Endpoint]string{
	config.EndpointAuthorize:   config.KeyAuthorizePath,
	config.EndpointToken:       config.KeyTokenPath,
	config.EndpointUser:        config.KeyUserPath,
	config.EndpointUserDetails: config.KeyUserDetailsPath,
}

// endpointLine says which address a probe called and where that address came from, so a
// run against a server with other paths shows what it used.
func endpointLine(cfg config.Config, endpoint knowledge.Endpoint) string {
	l := cfg.Lang
	line := l.T("called ") + redact.URL(cfg.URL(endpoint))
	switch src := cfg.SourceOf(settingOf[endpoint]); src.Kind {
	case "":
	case config.FromDefault:
		line += l.T(" (the default path)")
	case config.FromDiscovery:
		line += l.T(" (from the discovery document)")
	default:
		line += l.Tf(" (from %s)", src.In(l))
	}
	return line
}

// RunAll runs the given probes (all of them when ids is empty) and returns their results in
// the order asked. Everything starts at once: discovery is fetched once for the whole run;
// a probe that calls an endpoint it may supply runs at the configured one meanwhile, and
// again only if the document names another (a probe that spends something waits for it
// instead); the server's root is fetched once for the probes that read it; a probe that
// may revoke the access token (a refresh) waits for the ones that use it.
func (p *Prober) RunAll(ctx context.Context, cfg config.Config, ids []string) []Result {
	return p.RunAllEach(ctx, cfg, ids, nil)
}

// RunAllEach is RunAll that also hands each result to each as soon as it is in, so a
// screen can show every check's own progress; the results RunAllEach returns are the
// final ones, with what the checks learnt from each other (each sees them before that).
// each is called from several goroutines at once and must not keep the result's slices.
func (p *Prober) RunAllEach(ctx context.Context, cfg config.Config, ids []string, each func(Result)) []Result {
	if len(ids) == 0 {
		ids = IDs()
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = config.DefaultTimeout
	}
	ctx = shareRoot(ctx)
	results := make([]Result, len(ids))
	probes := make([]Probe, len(ids))
	var fresh *discovered
	var users sync.WaitGroup
	for i, id := range ids {
		pr, ok := Lookup(id)
		if !ok {
			results[i] = Result{ID: id, Name: id, Status: Skip, Summary: cfg.Lang.T("there is no probe ") + id}
			continue
		}
		probes[i] = pr
		if fresh == nil && (id == IDDiscovery || (pr.needs(cfg) == "" && pr.Allowed(cfg) && needsDiscovery(cfg, pr))) {
			// One fetch for this run, started before any probe can ask for an older one.
			fresh = p.startDiscovery(ctx, cfg, true)
		}
		if pr.UsesAccessToken {
			users.Add(1)
		}
	}
	// Probes that use something up (a code, a refresh token) run one at a time, after the
	// other token requests: each makes the server change what it stored, and some servers
	// refuse two such changes at once (Ory Hydra v2.3.0 on its in-memory database answers
	// one with HTTP 500, "Unable to serialize access due to a concurrent update"), a
	// failure no application would see, and the code or token is spent for nothing.
	var spending sync.Mutex
	var issuing sync.WaitGroup // the token requests that spend nothing
	for _, pr := range probes {
		if issues(pr) {
			issuing.Add(1)
		}
	}
	var wg sync.WaitGroup
	for i, pr := range probes {
		if pr.ID == "" {
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if pr.RevokesAccessToken {
				users.Wait()
			}
			spends := pr.Consent != nil && pr.needs(cfg) == "" && pr.Allowed(cfg)
			if spends {
				issuing.Wait()
				spending.Lock()
			}
			if pr.ID == IDDiscovery {
				results[i], _ = p.wait(ctx, fresh).apply(cfg)
				results[i].ID, results[i].Name = pr.ID, cfg.Lang.T(pr.Name)
			} else {
				results[i] = p.run(ctx, cfg, pr)
			}
			if spends {
				spending.Unlock()
			}
			if issues(pr) {
				issuing.Done()
			}
			if pr.UsesAccessToken {
				users.Done()
			}
			if each != nil {
				each(results[i])
			}
		}()
	}
	wg.Wait()
	correlate(results, cfg)
	return results
}

// issues reports whether a probe asks the token endpoint for a token without spending
// anything (client authentication, client credentials).
func issues(pr Probe) bool { return pr.Endpoint == config.EndpointToken && pr.Consent == nil }
