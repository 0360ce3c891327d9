package probe

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// fositeRedirectWords is what fosite (Ory Hydra's library) says of an unregistered
// redirect_uri, after its generic sentence.
const fositeRedirectWords = "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed. " +
	"The 'redirect_uri' parameter does not match any of the OAuth 2.0 Client's pre-registered redirect urls."

// TestAuthorizeReadsWhereTheBrowserIsSent: each place an authorize request can send the
// browser is told apart, an error is named with the server's own words, and the catalogue
// reads them.
func TestAuthorizeReadsWhereTheBrowserIsSent(t *testing.T) {
	errPage := "/oauth2/fallbacks/error?" + url.Values{"error": {"invalid_request"}, "error_description": {fositeRedirectWords}}.Encode()
	tests := []struct {
		name   string
		answer func(w http.ResponseWriter, r *http.Request, redirectURI string)
		status Status
		says   string // in the summary or details
		code   string // the catalogue entry a failure is diagnosed as
		cause  string // and its first cause, when given
	}{
		{name: "back to the application with error=",
			answer: func(w http.ResponseWriter, r *http.Request, cb string) {
				http.Redirect(w, r, cb+"?error=access_denied&error_description=The+resource+owner+denied+the+request.&state="+r.URL.Query().Get("state"), http.StatusFound)
			},
			status: Fail, says: "back to your redirect URI with error=access_denied", code: "access_denied"},
		{name: "back to the application with neither code nor error",
			answer: func(w http.ResponseWriter, r *http.Request, cb string) {
				http.Redirect(w, r, cb+"?state="+r.URL.Query().Get("state"), http.StatusFound)
			},
			status: Fail, says: "neither a code nor an error", code: "missing_code"},
		{name: "the server's own error page, named in its address",
			answer: func(w http.ResponseWriter, r *http.Request, _ string) { http.Redirect(w, r, errPage, http.StatusFound) },
			status: Fail, says: "its own error page (http://", code: "invalid_client", cause: "redirect_uri_not_registered"},
		{name: "an error page on another host",
			answer: func(w http.ResponseWriter, r *http.Request, _ string) {
				http.Redirect(w, r, "https://errors.example.invalid"+errPage, http.StatusFound)
			},
			status: Fail, says: "errors.example.invalid/oauth2/fallbacks/error", code: "invalid_client", cause: "redirect_uri_not_registered"},
		{name: "an error page with HTTP 200 naming the code",
			answer: func(w http.ResponseWriter, r *http.Request, _ string) {
				servePage(w, `<title>An error occurred</title><h1>An error occurred</h1><p><b>invalid_request</b></p><p>`+fositeRedirectWords+`</p>`)
			},
			status: Fail, says: "HTTP 200 with an error page", code: "invalid_client", cause: "redirect_uri_not_registered"},
		{name: "an error page with HTTP 200 in words only",
			answer: func(w http.ResponseWriter, r *http.Request, _ string) {
				servePage(w, `<title>Something went wrong</title><p>The redirect_uri is not registered for this client.</p>`)
			},
			status: Fail, says: "HTTP 200 with an error page", code: "invalid_client", cause: "redirect_uri_not_registered"},
		{name: "a JSON error with HTTP 200",
			answer: func(w http.ResponseWriter, r *http.Request, _ string) {
				w.Header().Set("Content-Type", "application/json")
				io.WriteString(w, `{"error":"invalid_scope","error_description":"The requested scope is invalid, unknown, or malformed","hint":"Check the `+"`profile`"+` scope"}`)
			},
			status: Fail, says: "HTTP 200 with an error page", code: "invalid_scope", cause: "scope_unknown"},
		{name: "a redirect to the sign-in page",
			answer: func(w http.ResponseWriter, r *http.Request, _ string) {
				http.Redirect(w, r, "/login", http.StatusFound)
			},
			status: Pass, says: "sends the browser to its sign-in page"},
		{name: "a sign-in page on another host (Hydra's login app)",
			answer: func(w http.ResponseWriter, r *http.Request, _ string) {
				http.Redirect(w, r, "https://login.example.invalid/ui?login_challenge=abc123", http.StatusFound)
			},
			status: Pass, says: "on another host, login.example.invalid"},
		{name: "a sign-in form with HTTP 200",
			answer: func(w http.ResponseWriter, r *http.Request, _ string) {
				servePage(w, `<title>Sign in</title><form method=post><input name=email><input type=password name=password></form>`)
			},
			status: Pass, says: "sign-in or consent page"},
		{name: "a consent page with HTTP 200",
			answer: func(w http.ResponseWriter, r *http.Request, _ string) {
				servePage(w, `<title>Authorize App</title><h1>App wants to sign you in</h1><form method=post><button value=approve>Authorize</button></form>`)
			},
			status: Pass, says: "sign-in or consent page"},
		{name: "a page drawn by script",
			answer: func(w http.ResponseWriter, r *http.Request, _ string) {
				servePage(w, `<title>Accounts</title><div id=root></div><script>render("error")</script>`)
			},
			status: Pass, says: "drawn by script"},
	}
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var cfgRedirect string
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/oauth/authorize":
					tt.answer(w, r, cfgRedirect)
				case "/login":
					servePage(w, `<form><input type=password></form>`)
				case "/oauth2/fallbacks/error":
					t.Errorf("the error page was fetched: its address already named the error")
				default:
					http.NotFound(w, r)
				}
			}))
			defer ts.Close()
			cfg := testConfig(ts.URL, 5*time.Second)
			cfgRedirect = cfg.RedirectURI
			r := (&Prober{}).Run(context.Background(), cfg, IDAuthorize)
			text := r.Summary + "\n" + strings.Join(r.Details, "\n")
			if r.Status != tt.status || !strings.Contains(text, tt.says) {
				t.Fatalf("%s %q %v; want %s saying %q", r.Status, r.Summary, r.Details, tt.status, tt.says)
			}
			if tt.status != Fail {
				return
			}
			r.Diagnose(cat)
			if r.Diagnosis == nil || r.Diagnosis.Code != tt.code || (tt.cause != "" && r.Diagnosis.TopCause() != tt.cause) {
				t.Errorf("diagnosis %+v, want %s/%s (observation %+v)", r.Diagnosis, tt.code, tt.cause, r.Obs)
			}
			if r.Obs.HasFact(knowledge.FactRedirectOtherHost) || r.Obs.HasFact(knowledge.FactHTMLBody) {
				t.Errorf("facts %v: an error page is the authorize endpoint's way to refuse", r.Obs.Facts)
			}
		})
	}
}

func servePage(w http.ResponseWriter, html string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	io.WriteString(w, "<!doctype html><html><head><meta charset=utf-8></head><body>"+html+"</body></html>")
}

// The server's words reach the matcher whole: a reason appended after a long generic
// sentence is read, and the line shown keeps it in sight.
func TestAuthorizeKeepsTheServersWholeText(t *testing.T) {
	generic := strings.Repeat("The request is otherwise malformed and cannot be processed. ", 6)
	reason := "The 'redirect_uri' parameter does not match any of the OAuth 2.0 Client's pre-registered redirect urls."
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/oauth/authorize" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		io.WriteString(w, `{"error":"invalid_request","error_description":"`+generic+reason+`"}`)
	}))
	defer ts.Close()
	r := (&Prober{}).Run(context.Background(), testConfig(ts.URL, 5*time.Second), IDAuthorize)
	if r.Obs.Description != generic+reason {
		t.Errorf("the description was cut before matching: %q", r.Obs.Description)
	}
	if !strings.Contains(r.Summary, "pre-registered redirect urls.") {
		t.Errorf("the line shown lost the server's reason: %q", r.Summary)
	}
	if n := len([]rune(r.Summary)); n > 300 {
		t.Errorf("the line shown is %d characters: the display cut is gone", n)
	}
	if !slices.Contains(r.Obs.Sources, "live_probe") {
		t.Errorf("sources %v", r.Obs.Sources)
	}
}
