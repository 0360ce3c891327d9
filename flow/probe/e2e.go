package probe

import (
	"context"
	"crypto/subtle"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// End-to-end result ids.
const (
	IDE2ECallback    = "e2e_callback"
	IDE2EExchange    = "e2e_exchange"
	IDE2EUser        = "e2e_api_user"
	IDE2EUserDetails = "e2e_api_user_details"
)

// E2EOptions drive the end-to-end run.
type E2EOptions struct {
	// Open shows the authorization URL to the person: a browser, or nothing. The URL is
	// always written to Out as well, so it can be copied when no browser opens.
	Open func(authURL string) error
	Out  io.Writer
	// Wait is how long to wait for the browser to come back; 3 minutes when 0.
	Wait time.Duration
}

// E2ERunnable says whether the end-to-end run can work with this configuration.
func E2ERunnable(cfg config.Config) (bool, string) {
	l := cfg.Lang
	if cfg.ClientID == "" || cfg.RedirectURI == "" {
		return false, l.T("needs a client id and a redirect URI")
	}
	u, err := url.Parse(cfg.RedirectURI)
	if err != nil || u.Scheme != "http" || !config.IsLoopback(u.Hostname()) || u.Port() == "" {
		return false, l.T("the redirect URI must be http on this machine with a port (e.g. http://127.0.0.1:3090/callback) so the callback can be received here")
	}
	// The run sends the code, the verifier (and the secret, when there is one) to the token
	// endpoint, and the new token to the user APIs.
	for _, ep := range []knowledge.Endpoint{config.EndpointToken, config.EndpointUser, config.EndpointUserDetails} {
		if why := secretTargetProblem(l, cfg.URL(ep)); why != "" {
			return false, why
		}
	}
	return true, ""
}

// nameCallback is the end-to-end run's first check, as it is shown.
const nameCallback = "Sign-in comes back to the callback"

var _ = lang.N(nameCallback)

type callback struct {
	query url.Values
}

// EndToEnd signs in for real: it listens on the redirect URI, sends the person (or the
// browser) to the authorize URL with a state and an S256 PKCE challenge, checks the state
// that comes back, exchanges the code and calls the user APIs with the new token. The
// tokens it gets never leave this function except masked.
func (p *Prober) EndToEnd(ctx context.Context, cfg config.Config, opts E2EOptions) []Result {
	if cfg.Timeout <= 0 {
		cfg.Timeout = config.DefaultTimeout
	}
	if opts.Wait <= 0 {
		opts.Wait = 3 * time.Minute
	}
	if opts.Out == nil {
		opts.Out = io.Discard
	}
	l := cfg.Lang
	skipAll := func(why string) []Result {
		return []Result{{ID: IDE2ECallback, Name: l.T(nameCallback), Status: Skip, Summary: why}}
	}
	if ok, why := E2ERunnable(cfg); !ok {
		return skipAll(why)
	}
	ru, _ := url.Parse(cfg.RedirectURI)
	ln, err := net.Listen("tcp", ru.Host)
	if err != nil {
		return skipAll(l.Tf("cannot listen on %s for the callback: %s", ru.Host, err.Error()))
	}
	got := make(chan callback, 1)
	receive := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != ru.Path {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, "<!DOCTYPE html><title>mubarokah-doctor</title><p>"+l.T("Received. You can close this window and return to the terminal.")+"</p>")
		select {
		case got <- callback{query: r.URL.Query()}:
		default:
		}
	})
	// Bounded like the sandbox: a client that stalls or idles does not hold a connection.
	srv := &http.Server{Handler: receive, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 30 * time.Second, MaxHeaderBytes: 64 << 10}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	state, verifier := NewState(), oauth2.GenerateVerifier()
	authURL := AuthorizeURL(cfg, state, verifier)
	fmt.Fprintf(opts.Out, l.T("Open this URL to sign in (waiting up to %s for the callback on %s):\n  %s\n"), opts.Wait, cfg.RedirectURI, authURL)
	if opts.Open != nil {
		go func() { _ = opts.Open(authURL) }()
	}
	wctx, cancel := context.WithTimeout(ctx, opts.Wait)
	defer cancel()
	var cb callback
	select {
	case cb = <-got:
	case <-wctx.Done():
		return []Result{{ID: IDE2ECallback, Name: l.T(nameCallback), Status: Fail,
			Summary: l.Tf("the browser did not come back to %s in time", cfg.RedirectURI)}}
	}
	res := []Result{p.judgeCallback(l, cb.query, state, cfg.SecretSet())}
	if res[0].Status != Pass {
		return res
	}
	ex := cfg
	ex.Code, ex.CodeVerifier = cb.query.Get("code"), verifier
	ex = ex.Allowing(IDCodeExchange) // the code is this run's own
	tr := p.codeExchangeToken(ctx, ex)
	res = append(res, tr.result)
	if tr.tok == nil {
		return res
	}
	api := cfg
	api.AccessToken = tr.tok.AccessToken
	u := p.api(ctx, api, IDUser)
	u.ID, u.Name = IDE2EUser, l.T("GET /api/user with the new token")
	res = append(res, u)
	if strings.Contains(" "+cfg.ScopeString()+" ", " detail-user ") {
		d := p.api(ctx, api, IDUserDetails)
		d.ID, d.Name = IDE2EUserDetails, l.T("GET /api/user/details with the new token")
		res = append(res, d)
	}
	return res
}

// judgeCallback reads the query the browser brought back; its words are the server's, so
// the secrets are masked in them before a line cuts them.
func (p *Prober) judgeCallback(l lang.Lang, q url.Values, state string, secrets *redact.Set) Result {
	r := Result{ID: IDE2ECallback}
	o := knowledge.Observation{Endpoint: knowledge.EndpointCallback, Error: q.Get("error"), Description: q.Get("error_description"),
		Hint: q.Get("hint"), Message: q.Get("message")}
	o.AddSource("live_probe")
	scrubObservation(&o, secrets)
	switch {
	case o.Error != "":
		r = failWith(l, o, l.T("the server sent the browser back with error=")+o.Error)
	case q.Get("state") == "":
		o.AddFact(knowledge.FactStateMissing, lang.N("the callback carried no state"))
		r = failWith(l, o, l.T("the callback carried no state, so it cannot be told from a forged one"))
	case subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(state)) != 1:
		o.AddFact(knowledge.FactStateMismatch, lang.N("the state that came back is not the one sent"))
		r = failWith(l, o, l.T("the state that came back is not the one sent"))
	case q.Get("code") == "":
		r = failWith(l, o, l.T("the callback carried neither a code nor an error"))
	default:
		r.Status, r.Summary = Pass, l.T("the browser came back with a code and the same state")
	}
	r.ID, r.Name = IDE2ECallback, l.T(nameCallback)
	return r
}

type exchanged struct {
	result Result
	tok    *oauth2.Token
}

func (p *Prober) codeExchangeToken(ctx context.Context, cfg config.Config) exchanged {
	oc := p.oauthConfig(cfg)
	a := p.callToken(ctx, cfg, "authorization_code", func(ctx context.Context) (*oauth2.Token, error) {
		return oc.Exchange(ctx, cfg.Code, oauth2.VerifierOption(cfg.CodeVerifier))
	})
	l := cfg.Lang
	r := Result{ID: IDE2EExchange, Name: l.T("Exchange the code with PKCE S256")}
	if !a.ok() {
		f := failWith(l, a.obs, l.T("the code exchange was refused"))
		f.ID, f.Name = r.ID, r.Name
		return exchanged{result: f}
	}
	r.Status, r.Summary, r.Details = Pass, l.T("tokens issued"), []string{tokenLine(l, a.tok)}
	return exchanged{result: r, tok: a.tok}
}
