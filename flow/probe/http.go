package probe

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
)

// DefaultMaxBody is the most of any answer a probe reads; more is the fact oversize_body.
const DefaultMaxBody = 1 << 20

// maxHeaderBytes bounds an answer's status line and headers together. Passport's are under
// 2 KiB; Go's default (10 MiB) would let a header flood cost that much per request.
const maxHeaderBytes = 64 << 10

var (
	// errPlainHTTPSecret: the transport refuses to carry a secret over plain HTTP anywhere
	// but this machine, whatever a caller checked before.
	errPlainHTTPSecret = errors.New("not sent: a request carrying a secret over plain HTTP may only go to this machine")
	errNotThisMachine  = errors.New("not this machine")
)

// exchange is one request and what came back, as the transport saw it.
type exchange struct {
	method   string
	url      string
	sentAuth bool // an Authorization header went out
	status   int
	header   http.Header
	body     []byte
	oversize bool
	tls      *tls.ConnectionState
	// answered is true once the status line and headers came (with status headStatus); a
	// failure after that happened while reading the body, of which received bytes arrived.
	answered   bool
	headStatus int
	received   int64
	// secrets are the values this request's answer must not show: masked before any of it
	// is cut or read into an observation (see shown).
	secrets     *redact.Set
	showOnce    sync.Once // probes of one run may read a shared answer at once
	shownHeader http.Header
	shownBody   []byte
	// dialed and connected say how far a request got before it failed: a TCP connection,
	// then a usable (TLS-ready) one. A timeout after connecting is a server that does not
	// answer, not a network that drops packets.
	dialed, connected atomic.Bool
	traced            bool // dialed and connected were watched (the built-in transport)
	sent              time.Time
	took              time.Duration
	err               error
}

// recorder keeps the exchanges made under one context, so a probe that calls through
// golang.org/x/oauth2 still sees the raw answer, its size and its headers.
type recorder struct {
	mu      sync.Mutex
	all     []*exchange
	secrets *redact.Set
}

type recorderKey struct{}

func withRecorder(ctx context.Context, secrets *redact.Set) (context.Context, *recorder) {
	r := &recorder{secrets: secrets}
	return context.WithValue(ctx, recorderKey{}, r), r
}

func (r *recorder) add(e *exchange) {
	r.mu.Lock()
	e.secrets = r.secrets
	r.all = append(r.all, e)
	r.mu.Unlock()
}

// last returns the latest exchange, or nil.
func (r *recorder) last() *exchange {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.all) == 0 {
		return nil
	}
	return r.all[len(r.all)-1]
}

// boundedTransport reads every answer whole, up to a limit, while the request's deadline
// still holds, so a slow or endless body ends as a timeout or oversize_body and nothing
// downstream can read past the limit.
type boundedTransport struct {
	base  http.RoundTripper
	limit int64
}

func (t *boundedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ex := &exchange{method: req.Method, url: req.URL.String(), sentAuth: req.Header.Get("Authorization") != "", traced: true}
	if r, ok := req.Context().Value(recorderKey{}).(*recorder); ok {
		r.add(ex)
	}
	ex.sent = time.Now()
	if strings.EqualFold(req.URL.Scheme, "http") && carriesSecret(req) && !onThisMachine(req.URL.Hostname()) {
		ex.err = errPlainHTTPSecret
		return nil, errPlainHTTPSecret
	}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), &httptrace.ClientTrace{
		ConnectDone: func(_, _ string, err error) {
			if err == nil {
				ex.dialed.Store(true)
			}
		},
		GotConn: func(httptrace.GotConnInfo) { ex.dialed.Store(true); ex.connected.Store(true) },
	}))
	resp, err := t.base.RoundTrip(req)
	ex.took = time.Since(ex.sent)
	if err != nil {
		ex.err = err
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 100 {
		// Go takes any three digits; a status under 100 is not HTTP, and 0 here means "no answer".
		ex.err = fmt.Errorf("malformed HTTP status code %q", resp.Status)
		return nil, ex.err
	}
	ex.answered, ex.headStatus = true, resp.StatusCode
	counted := &countingReader{r: io.LimitReader(resp.Body, t.limit+1)}
	body, err := io.ReadAll(counted)
	if err != nil {
		ex.received, ex.err = counted.n, err
		return nil, err
	}
	if int64(len(body)) > t.limit {
		body = body[:t.limit]
		ex.oversize = true
	}
	ex.status, ex.header, ex.body, ex.tls = resp.StatusCode, resp.Header.Clone(), body, resp.TLS
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// carriesSecret reports whether a request holds something a listener must not read: an
// Authorization header, or a body (a token request's form holds the secret or a code).
func carriesSecret(req *http.Request) bool {
	return req.Header.Get("Authorization") != "" || (req.Body != nil && req.Body != http.NoBody)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// newClient builds the one HTTP client every probe uses: verified TLS (against roots, or
// the system's when nil), the proxy from the environment but never for this machine, a
// timeout on every phase, bounded headers and bodies, and no redirects followed (a
// redirect is evidence, and a token request must never be re-sent elsewhere).
func newClient(timeout time.Duration, limit int64, roots *x509.CertPool) *http.Client {
	dialer := &net.Dialer{Timeout: timeout}
	base := &http.Transport{
		Proxy:                  viaProxy,
		DialContext:            dialThisMachine(dialer),
		TLSClientConfig:        &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: roots},
		TLSHandshakeTimeout:    timeout,
		ResponseHeaderTimeout:  timeout,
		MaxResponseHeaderBytes: maxHeaderBytes,
		ForceAttemptHTTP2:      true,
		MaxIdleConnsPerHost:    8,
		IdleConnTimeout:        30 * time.Second,
	}
	return &http.Client{
		Transport: &boundedTransport{base: base, limit: limit},
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// get sends a GET with Accept: application/json and returns what came back.
func (p *Prober) get(ctx context.Context, cfg config.Config, rawURL string, header http.Header) *exchange {
	ctx, cancel := context.WithTimeout(ctx, cfg.Timeout)
	defer cancel()
	ctx, rec := withRecorder(ctx, cfg.SecretSet())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return &exchange{method: http.MethodGet, url: rawURL, err: err}
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", userAgent)
	resp, err := p.client(cfg).Do(req)
	if err == nil {
		resp.Body.Close()
	}
	ex := rec.last()
	if ex == nil {
		ex = &exchange{method: http.MethodGet, url: rawURL}
	}
	if err != nil {
		// The client's error wraps the transport's and knows about its own timeout.
		ex.err = err
	}
	return ex
}

const userAgent = "mubarokah-doctor"
