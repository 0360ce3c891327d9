// Package sandbox is a local stand-in for Mubarokah ID: the provider's paths, Passport 12 /
// league/oauth2-server 8.x error bodies byte for byte, the provider's own API bodies, and
// faults that can be switched on to make it fail in each documented way. It is what a
// newcomer points the live checks at, what support rehearses with, and what the tests hit.
package sandbox

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// Defaults of the demo client. The secret is the sandbox's own and printing it is fine.
const (
	DemoClientID     = "5b1a6f6e-3c1d-4c9e-9a57-0d0c5a9d1e01"
	DemoClientSecret = "sandbox-demo-secret-5f3c9e1a7b2d4c6e8f0a"
	DemoRedirectURI  = "http://127.0.0.1:3090/callback"
	DefaultDelay     = 3 * time.Second
	// MaxDelay bounds the slow fault: longer is a stuck server, which a timeout already shows.
	MaxDelay      = 10 * time.Minute
	oversizeBytes = 4 << 20
)

// Connection limits, so stalled or idle clients cannot hold the sandbox's connections open.
const (
	defaultReadTimeout = 30 * time.Second // a whole request, its body at most 1 MiB
	defaultIdleTimeout = 60 * time.Second // between requests on a kept-alive connection
	writeGrace         = 30 * time.Second // beyond the slow fault's delay, to send an answer
	maxHeaderBytes     = 64 << 10
)

// Options configure a sandbox.
type Options struct {
	ClientID     string
	ClientSecret string
	RedirectURIs []string
	Faults       []string
	Delay        time.Duration // for the slow fault
	AutoApprove  bool          // approve every authorization request without a consent page
	// DetailNotApproved starts the client without admin approval for detail-user.
	DetailNotApproved bool
	Now               func() time.Time
	// Log receives one line per request, with no secret in it; nil means silent.
	Log func(line string)
	// AdminToken lets a request from another machine use the control endpoint
	// (/_sandbox/fault) with "Authorization: Bearer <token>"; without it, only this machine
	// may. Empty means this machine only.
	AdminToken string
	// ReadTimeout, WriteTimeout and IdleTimeout bound each connection (0: the defaults, 30s
	// to read a request, the slow fault's delay plus 30s to answer, 60s idle).
	ReadTimeout, WriteTimeout, IdleTimeout time.Duration
}

// Server is a running or runnable sandbox.
type Server struct {
	opts   Options
	client Client
	faults faultSet
	st     *store
	mux    *http.ServeMux
}

// New builds a sandbox; it fails only on an unknown fault name or a broken random source.
func New(o Options) (*Server, error) {
	if o.ClientID == "" {
		o.ClientID = DemoClientID
	}
	if o.ClientSecret == "" {
		o.ClientSecret = DemoClientSecret
	}
	if len(o.RedirectURIs) == 0 {
		o.RedirectURIs = []string{DemoRedirectURI}
	}
	if o.Delay <= 0 {
		o.Delay = DefaultDelay
	}
	if o.Delay > MaxDelay {
		return nil, problem(lang.N("the slow fault's delay %s is longer than %s; a server that slow is simply stuck"), o.Delay, MaxDelay)
	}
	for _, u := range o.RedirectURIs {
		if err := CheckRedirectURI(u); err != nil {
			return nil, err
		}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	st, err := newStore()
	if err != nil {
		return nil, err
	}
	s := &Server{opts: o, st: st, client: Client{ID: o.ClientID, Secret: o.ClientSecret, Name: "Sandbox demo app",
		RedirectURIs: o.RedirectURIs, DetailApproved: !o.DetailNotApproved}}
	if err := s.faults.replace(o.Faults); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/oauth/token", s.token)
	mux.HandleFunc("/oauth/authorize", s.authorize)
	mux.HandleFunc("/api/user", s.apiUser)
	mux.HandleFunc("/api/user/details", s.apiUserDetails)
	mux.HandleFunc("/api/logout-sso", s.logout)
	mux.HandleFunc("/login", s.loginPage)
	mux.HandleFunc("/{$}", s.home)
	s.mux = mux
	return s, nil
}

// Client returns the demo client.
func (s *Server) Client() Client { return s.client }

// SetFaults replaces the faults in force.
func (s *Server) SetFaults(names ...string) error { return s.faults.replace(names) }

// ActiveFaults lists the faults in force.
func (s *Server) ActiveFaults() []string { return s.faults.list() }

// Handler serves the provider's paths and the admin endpoint.
func (s *Server) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rw := &statusWriter{ResponseWriter: w, status: 200}
		if r.Method == http.MethodPost && !strings.HasPrefix(r.URL.Path, "/_sandbox/") {
			// Read the form before any delay, so a client that gives up is noticed at once.
			r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
			_ = r.ParseForm()
		}
		if strings.HasPrefix(r.URL.Path, "/_sandbox/") {
			s.admin(rw, r)
		} else if !s.cors(rw, r) && !s.globalFault(rw, r) {
			s.mux.ServeHTTP(rw, r)
		}
		if s.opts.Log != nil {
			s.opts.Log(logLine(r, rw.status, time.Since(start)))
		}
	})
}

// globalFault answers for the faults that hit every endpoint; false means none applied.
func (s *Server) globalFault(w http.ResponseWriter, r *http.Request) bool {
	if s.faults.has(FaultSlow) {
		select {
		case <-time.After(s.opts.Delay):
		case <-r.Context().Done():
			return true
		}
	}
	apiOrToken := r.URL.Path == "/oauth/token" || strings.HasPrefix(r.URL.Path, "/api/")
	switch {
	case s.faults.has(FaultUnavailable):
		w.Header().Set("Retry-After", "60")
		if wantsJSON(r) {
			writeRaw(w, http.StatusServiceUnavailable, "application/json", laravelPretty("Service Unavailable"))
		} else {
			writeRaw(w, http.StatusServiceUnavailable, "text/html; charset=UTF-8", htmlPage(503, "Service Unavailable"))
		}
	case s.faults.has(FaultHTMLError):
		writeRaw(w, http.StatusInternalServerError, "text/html; charset=UTF-8", htmlPage(500, "Server Error"))
	case s.faults.has(FaultServerError):
		if r.URL.Path == "/oauth/token" {
			oauthError{status: 500, code: "server_error", desc: descServerError + "An unexpected error has occurred"}.write(w, r)
		} else {
			writeRaw(w, http.StatusInternalServerError, "application/json", laravelPretty("Server Error"))
		}
	case s.faults.has(FaultOversize) && apiOrToken:
		var b bytes.Buffer
		b.WriteString(`{"message":"`)
		b.Write(bytes.Repeat([]byte("x"), oversizeBytes))
		b.WriteString(`"}`)
		writeRaw(w, http.StatusOK, "application/json", b.String())
	case s.faults.has(FaultRedirectToken) && r.URL.Path == "/oauth/token":
		// What an http->https redirect in front of the token endpoint looks like.
		w.Header().Set("Location", "https://"+r.Host+"/oauth/token")
		writeRaw(w, http.StatusFound, "text/html; charset=UTF-8", redirectingPage("https://"+r.Host+"/oauth/token"))
	default:
		return false
	}
	return true
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	writeRaw(w, http.StatusOK, "text/html; charset=UTF-8",
		"<!DOCTYPE html><html><head><title>Mubarokah ID sandbox</title></head><body><h1>Mubarokah ID sandbox</h1>"+
			"<p>A local practice server for mubarokah-doctor. Not the real provider.</p></body></html>\n")
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	writeRaw(w, http.StatusOK, "text/html; charset=UTF-8",
		"<!DOCTYPE html><html><head><title>Login</title></head><body><h1>Sign in</h1>"+
			"<p>The sandbox signs you in automatically on /oauth/authorize.</p></body></html>\n")
}

// redirectingPage is the body Symfony's RedirectResponse sends.
func redirectingPage(to string) string {
	return `<!DOCTYPE html>
<html>
    <head>
        <meta charset="UTF-8" />
        <meta http-equiv="refresh" content="0;url='` + to + `'" />
        <title>Redirecting to ` + to + `</title>
    </head>
    <body>
        Redirecting to <a href="` + to + `">` + to + `</a>.
    </body>
</html>`
}

// CheckRedirectURI returns an error saying what a good redirect URI looks like when u is
// not one: an absolute URL with a scheme (and a host for http and https), no fragment, as
// RFC 6749 section 3.1.2 asks.
func CheckRedirectURI(u string) error {
	p, err := url.Parse(u)
	switch {
	case strings.TrimSpace(u) == "":
		return problem(lang.N("a redirect URI is empty; want an absolute URL such as %s"), DemoRedirectURI)
	case err != nil || p.Scheme == "" || p.Opaque != "" && (p.Scheme == "http" || p.Scheme == "https"):
		return problem(lang.N("redirect URI %q is not an absolute URL; want an absolute URL such as %s"), u, DemoRedirectURI)
	case (p.Scheme == "http" || p.Scheme == "https") && p.Hostname() == "":
		return problem(lang.N("redirect URI %q has no host; want an absolute URL such as %s"), u, DemoRedirectURI)
	case p.Fragment != "" || strings.Contains(u, "#"):
		return problem(lang.N("redirect URI %q has a fragment (#…), which a redirect URI may not; want an absolute URL such as %s"), u, DemoRedirectURI)
	case strings.ContainsAny(u, " \t\r\n"):
		return problem(lang.N("redirect URI %q contains white space; want an absolute URL such as %s"), u, DemoRedirectURI)
	}
	return nil
}

// httpServer is the server Serve runs: the handler, and a time limit on every phase of a
// connection, so clients that stall, trickle or idle let go of it.
func (s *Server) httpServer() *http.Server {
	read := positiveOr(s.opts.ReadTimeout, defaultReadTimeout)
	return &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: min(read, 10*time.Second),
		ReadTimeout:       read,
		WriteTimeout:      positiveOr(s.opts.WriteTimeout, s.opts.Delay+writeGrace),
		IdleTimeout:       positiveOr(s.opts.IdleTimeout, defaultIdleTimeout),
		MaxHeaderBytes:    maxHeaderBytes,
	}
}

func positiveOr(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}

// Serve runs the sandbox on l until ctx ends, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	return s.serve(ctx, l, s.httpServer())
}

func (s *Server) serve(ctx context.Context, l net.Listener, srv *http.Server) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		if srv.Shutdown(sctx) != nil {
			_ = srv.Close() // requests still running (a slow fault) are cut off
		}
		return nil
	}
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// logLine describes a request without its query or body, which may hold secrets.
func logLine(r *http.Request, status int, took time.Duration) string {
	line := r.Method + " " + r.URL.Path + " " + http.StatusText(status)
	if g := r.PostFormValue("grant_type"); r.URL.Path == "/oauth/token" && g != "" {
		line += " grant_type=" + g
	}
	return line + " (" + took.Round(time.Millisecond).String() + ")"
}
