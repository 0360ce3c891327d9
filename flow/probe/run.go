package probe

import (
	"context"
	"crypto/x509"
	"net/http"
	"sync"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
)

// Prober runs probes. The zero value is ready: it builds its HTTP client from the
// configuration's timeout. Tests and the wizard may set the fields.
type Prober struct {
	// Client replaces the built-in client; it should not follow redirects.
	Client *http.Client
	// Now is the clock probes judge dates and token lifetimes by.
	Now func() time.Time
	// MaxBody is the most of an answer read; DefaultMaxBody when 0.
	MaxBody int64

	// roots replaces the system's trusted roots (tests trust their own servers with it).
	roots *x509.CertPool
	once  sync.Once
	built *http.Client
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

func (p *Prober) client(cfg config.Config) *http.Client {
	if p.Client != nil {
		return p.Client
	}
	p.once.Do(func() {
		limit := p.MaxBody
		if limit <= 0 {
			limit = DefaultMaxBody
		}
		timeout := cfg.Timeout
		if timeout <= 0 {
			timeout = config.DefaultTimeout
		}
		p.built = newClient(timeout, limit, p.roots)
	})
	return p.built
}

// Run runs one probe. A probe the configuration does not allow comes back as Skip with the
// reason; it never returns a Go error: a failure is a Result.
func (p *Prober) Run(ctx context.Context, cfg config.Config, id string) Result {
	info, ok := Lookup(id)
	if !ok {
		return Result{ID: id, Name: id, Status: Skip, Summary: "there is no probe " + id}
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = config.DefaultTimeout
	}
	if ok, why := Runnable(cfg, id); !ok {
		return Result{ID: id, Name: info.Name, Status: Skip, Summary: why}
	}
	if err := ctx.Err(); err != nil {
		return Result{ID: id, Name: info.Name, Status: Skip, Summary: "cancelled before it started"}
	}
	var r Result
	switch id {
	case IDDiscovery:
		r, _ = p.discovery(ctx, cfg)
	case IDDNS:
		r = p.dns(ctx, cfg)
	case IDTLS:
		r = p.tlsCheck(ctx, cfg)
	case IDReachability:
		r = p.reachability(ctx, cfg)
	case IDClock:
		r = p.clock(ctx, cfg)
	case IDAuthorize:
		r = p.authorize(ctx, cfg)
	case IDClientAuth:
		r = p.clientAuth(ctx, cfg)
	case IDClientCredentials:
		r = p.clientCredentials(ctx, cfg)
	case IDCodeExchange:
		r = p.codeExchange(ctx, cfg)
	case IDRefresh:
		r = p.refresh(ctx, cfg)
	case IDUser, IDUserDetails:
		r = p.api(ctx, cfg, id)
	}
	r.ID, r.Name = id, info.Name
	if ep := secretEndpoint(id); ep != "" && r.Status != Skip {
		if note := proxyNote(cfg.URL(ep)); note != "" {
			r.Details = append(r.Details, note)
		}
	}
	return r
}

// discoveryMatters reports whether discovery could change an endpoint the other probes
// call: only the ones the person left at their defaults are taken from it.
func discoveryMatters(cfg config.Config) bool {
	return cfg.SourceOf(config.KeyAuthorizePath).Kind == config.FromDefault ||
		cfg.SourceOf(config.KeyTokenPath).Kind == config.FromDefault
}

// RunAll runs the given probes (all of them when ids is empty) and returns their results in
// the order asked. Discovery runs first, because the endpoints it finds are what the others
// call; a refresh runs last when the API probes run, because a refresh revokes the access
// token it was issued with; everything else runs at the same time.
func (p *Prober) RunAll(ctx context.Context, cfg config.Config, ids []string) []Result {
	if len(ids) == 0 {
		ids = IDs()
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = config.DefaultTimeout
	}
	results := make([]Result, len(ids))
	var middle, last []int
	apiRuns := false
	for _, id := range ids {
		if id == IDUser || id == IDUserDetails {
			if ok, _ := Runnable(cfg, id); ok {
				apiRuns = true
			}
		}
	}
	for i, id := range ids {
		switch {
		case id == IDDiscovery && !discoveryMatters(cfg):
			// Every endpoint it could supply was set by the person: it need not hold up the rest.
			middle = append(middle, i)
		case id == IDDiscovery:
			if ok, why := Runnable(cfg, id); ok {
				// Discovery is optional (the configured paths are the fallback), so it gets half
				// the time limit: a server that hangs costs one and a half limits, not two.
				dctx, cancel := context.WithTimeout(ctx, cfg.Timeout/2)
				var found config.Config
				results[i], found = p.discovery(dctx, cfg)
				cancel()
				results[i].ID, results[i].Name = id, all[0].Name
				cfg = found
			} else {
				results[i] = Result{ID: id, Name: all[0].Name, Status: Skip, Summary: why}
			}
		case id == IDRefresh && apiRuns:
			last = append(last, i)
		default:
			middle = append(middle, i)
		}
	}
	for _, phase := range [][]int{middle, last} {
		var wg sync.WaitGroup
		for _, i := range phase {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				results[i] = p.Run(ctx, cfg, ids[i])
			}(i)
		}
		wg.Wait()
	}
	correlate(results, cfg)
	return results
}
