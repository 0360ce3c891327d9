package probe

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func TestHTMLOAuthErrorReadsTheCodeAServerShows(t *testing.T) {
	tests := []struct {
		name, page, code, desc string
	}{
		{"labelled in pre blocks",
			`<html><head><title>oops</title></head><body><pre><strong>error</strong>: invalid_redirect_uri</pre>` +
				`<pre><strong>error_description</strong>: the redirect_uri is not registered &amp; cannot be used</pre></body></html>`,
			"invalid_redirect_uri", "the redirect_uri is not registered & cannot be used"},
		{"error=code in a sentence", `<p>We could not sign you in (error=access_denied).</p>`, "access_denied", ""},
		{"bare code in the text", `<div class="alert">unauthorized_client</div>`, "unauthorized_client", ""},
		{"a label for something else is skipped", `<p>error: something odd</p><p>invalid_scope</p>`, "invalid_scope", ""},
		{"codes inside scripts do not count", `<script>var e = "invalid_client"</script><p>Sorry.</p>`, "", ""},
		{"no code at all", `<!doctype html><title>Server Error</title><h1>500 | Server Error</h1>`, "", ""},
		{"not HTML", "", "", ""},
	}
	for _, tt := range tests {
		code, desc := htmlOAuthError([]byte(tt.page))
		if code != tt.code || desc != tt.desc {
			t.Errorf("%s: got (%q, %q), want (%q, %q)", tt.name, code, desc, tt.code, tt.desc)
		}
	}
}

// FuzzHTMLOAuthError: any page, never a panic; a code found is one of the known codes and
// a description is one line of the page, whole (the matcher reads it; only display cuts).
func FuzzHTMLOAuthError(f *testing.F) {
	f.Add(`<pre><strong>error</strong>: invalid_client</pre><pre><strong>error_description</strong>: client is invalid</pre>`)
	f.Add(`<p>error=access_denied&error_description=no</p>`)
	f.Add(`<script>invalid_grant</script><style>error: x</style>`)
	f.Add("<<<<>>>>error_description:\x00\xff")
	f.Fuzz(func(t *testing.T, page string) {
		code, desc := htmlOAuthError([]byte(page))
		if code != "" && !isOAuthCode(code) {
			t.Fatalf("code %q is not an OAuth error code", code)
		}
		if code == "" && desc != "" {
			t.Fatalf("a description %q without a code", desc)
		}
		if strings.Contains(desc, "\n") || utf8.RuneCountInString(desc) > utf8.RuneCountInString(page) {
			t.Fatalf("description %q is not one line of the page", desc)
		}
	})
}

// A refusal shown as a page is the authorize endpoint's normal shape: the OAuth error on
// it is the evidence, and it is not "HTML where JSON was expected".
func TestAuthorizeReadsAnErrorPage(t *testing.T) {
	for _, tt := range []struct{ ct, body, code, desc string }{
		{"text/html; charset=utf-8", `<html><body><p>error: invalid_client</p><p>error_description: no such client</p></body></html>`,
			"invalid_client", "no such client"},
		{"text/plain", "redirect_uri is not registered\n", "", "redirect_uri is not registered"},
	} {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", tt.ct)
			w.WriteHeader(400)
			io.WriteString(w, tt.body)
		}))
		r := (&Prober{}).Run(context.Background(), testConfig(ts.URL, 5*time.Second), IDAuthorize)
		ts.Close()
		if r.Status != Fail || r.Obs.Error != tt.code || r.Obs.Description != tt.desc {
			t.Errorf("%s: %s, error %q, description %q; want fail, %q, %q", tt.ct, r.Status, r.Obs.Error, r.Obs.Description, tt.code, tt.desc)
		}
		if r.Obs.HasFact(knowledge.FactHTMLBody) {
			t.Errorf("%s: the error page was taken for HTML where JSON was expected", tt.ct)
		}
	}
}

// A server that accepts the connection and never answers is told apart from a network
// that drops the connection attempt: the catalogue ranks different causes for each.
func TestTimeoutSaysTheServerHung(t *testing.T) {
	hang := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(ts.Close)
	t.Cleanup(func() { close(hang) })
	r := (&Prober{}).Run(context.Background(), testConfig(ts.URL, 300*time.Millisecond), IDReachability)
	if r.Obs.Transport != knowledge.TransportTimeout || !strings.Contains(r.Obs.TransportDetail, "awaiting headers") {
		t.Errorf("transport %q, detail %q; want a timeout awaiting headers", r.Obs.Transport, r.Obs.TransportDetail)
	}
}
