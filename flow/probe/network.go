package probe

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Thresholds for warnings.
const (
	certWarnBefore = 14 * 24 * time.Hour
	skewWarn       = 5 * time.Second
)

func isHTTPS(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && strings.EqualFold(u.Scheme, "https")
}

func baseRoot(cfg config.Config) string { return strings.TrimRight(cfg.BaseURL, "/") + "/" }

// sharedRoot is one GET of the server's root for every probe of a run that reads it
// (certificate, reachability, clock): one round trip where there were three.
type sharedRoot struct {
	once sync.Once
	ex   *exchange
}

type rootKey struct{}

// shareRoot gives the probes run under ctx one shared answer from the server's root.
func shareRoot(ctx context.Context) context.Context {
	return context.WithValue(ctx, rootKey{}, &sharedRoot{})
}

// root is the answer of the server's root: the run's shared one, or a request of its own.
func (p *Prober) root(ctx context.Context, cfg config.Config) *exchange {
	s, ok := ctx.Value(rootKey{}).(*sharedRoot)
	if !ok {
		return p.get(ctx, cfg, baseRoot(cfg), nil)
	}
	s.once.Do(func() { s.ex = p.get(ctx, cfg, baseRoot(cfg), nil) })
	return s.ex
}

func (p *Prober) dns(ctx context.Context, cfg config.Config) Result {
	l := cfg.Lang
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || u.Hostname() == "" {
		return Result{Status: Fail, Summary: l.T("the base URL has no host to look up: ") + cfg.BaseURL}
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); ip != nil {
		return Result{Status: Pass, Summary: l.Tf("%s is an IP address; nothing to resolve", host)}
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupHost(ctx, host)
	if err != nil {
		o := Classify("", err)
		if o.Transport != knowledge.TransportDNS && o.Transport != knowledge.TransportTimeout {
			o.Transport = knowledge.TransportDNS
		}
		return failWith(l, o, l.T("cannot resolve ")+host)
	}
	return Result{Status: Pass, Summary: l.Tf("%s resolves to %s", host, strings.Join(addrs, ", "))}
}

// tlsCheck reads the certificate of the connection the HTTP client makes (through the
// proxy when there is one), so it sees what the token requests will see.
func (p *Prober) tlsCheck(ctx context.Context, cfg config.Config) Result {
	l := cfg.Lang
	ex := p.root(ctx, cfg)
	if ex.status == 0 {
		return failWith(l, p.observe("", ex), l.T("no verified TLS connection"))
	}
	st := ex.tls
	if st == nil || len(st.PeerCertificates) == 0 {
		return Result{Status: Warn, Summary: l.T("the answer came without TLS details (a proxy may terminate TLS)")}
	}
	leaf := st.PeerCertificates[0]
	chain := len(st.PeerCertificates)
	if len(st.VerifiedChains) > 0 {
		chain = len(st.VerifiedChains[0])
	}
	left := leaf.NotAfter.Sub(p.now())
	details := []string{
		l.Tf("subject %s, issued by %s", leaf.Subject.CommonName, leaf.Issuer.CommonName),
		l.Tf("valid until %s; verified chain of %d certificates; %s", leaf.NotAfter.UTC().Format("2006-01-02"), chain, tls.VersionName(st.Version)),
	}
	if left < certWarnBefore {
		o := knowledge.Observation{Endpoint: "", Transport: knowledge.TransportTLS,
			TransportDetail: fmt.Sprintf("the certificate expires in %s", roundDays(left))}
		o.AddSource("live_probe")
		o.AddFact(knowledge.FactCertExpired, "the certificate expires on "+leaf.NotAfter.UTC().Format("2006-01-02"))
		return Result{Status: Warn, Summary: l.Tf("certificate verified but expires in %s (%s)", say(l, roundDays(left)),
			leaf.NotAfter.UTC().Format("2006-01-02")), Details: details, Obs: o}
	}
	return Result{Status: Pass, Summary: l.Tf("certificate verified, valid for %s more", say(l, roundDays(left))), Details: details}
}

// roundDays is English: it goes into an observation too; say translates it for a line.
func roundDays(d time.Duration) string {
	days := int(d.Hours() / 24)
	if days == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", days)
}

func (p *Prober) reachability(ctx context.Context, cfg config.Config) Result {
	l := cfg.Lang
	ex := p.root(ctx, cfg)
	if ex.status == 0 {
		return failWith(l, p.observe("", ex), unfinished(l, ex, l.T("no answer from ")+cfg.BaseURL))
	}
	o := p.observe("", ex)
	switch {
	case ex.oversize:
		return failWith(l, o, l.Tf("the server answers HTTP %d, but with more than the probe reads", ex.status))
	case ex.status >= 500:
		return failWith(l, o, l.T("the server answers, but with an error"))
	}
	return Result{Status: Pass, Summary: l.Tf("HTTP %d from %s in %s", ex.status, cfg.BaseURL, ex.took.Round(time.Millisecond))}
}

// clock compares the server's Date header with this machine's clock. Date has a resolution
// of a second, so the request's own duration is allowed for.
func (p *Prober) clock(ctx context.Context, cfg config.Config) Result {
	l := cfg.Lang
	ex := p.root(ctx, cfg)
	if ex.status == 0 {
		return failWith(l, p.observe("", ex), l.T("cannot read the server's clock"))
	}
	date, err := http.ParseTime(ex.header.Get("Date"))
	if err != nil {
		return Result{Status: Skip, Summary: l.T("the server sent no Date header to compare with")}
	}
	local := p.now()
	if p.Now == nil {
		local = ex.sent.Add(ex.took / 2)
	}
	skew := date.Sub(local.Truncate(time.Second))
	abs := skew
	if abs < 0 {
		abs = -abs
	}
	if abs <= skewWarn+ex.took {
		return Result{Status: Pass, Summary: l.Tf("clocks agree within %s", (skewWarn + ex.took).Round(time.Second))}
	}
	fact := "the server's clock is %s ahead of this machine's"
	summary := lang.N("the server's clock is %s ahead of this machine's; token expiry checks will be off by that much")
	if skew < 0 {
		fact = "the server's clock is %s behind this machine's"
		summary = lang.N("the server's clock is %s behind this machine's; token expiry checks will be off by that much")
	}
	o := knowledge.Observation{}
	o.AddSource("live_probe")
	o.AddFact(knowledge.FactClockSkew, fmt.Sprintf(fact, abs.Round(time.Second)))
	return Result{Status: Warn, Obs: o, Summary: l.Tf(summary, abs.Round(time.Second))}
}
