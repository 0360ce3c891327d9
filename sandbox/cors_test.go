package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

// A single-page app on this machine may call the token endpoint and the APIs from the
// browser: the preflight is answered and the real answer names the origin, faults and
// errors included. A page from anywhere else gets no CORS headers, so its browser keeps
// the answer from it.
func TestCORSAllowsLoopbackOriginsOnly(t *testing.T) {
	_, ts := start(t, Options{Faults: []string{FaultTokenExpired}})
	do := func(method, path, origin string, hdr map[string]string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader("grant_type=authorization_code"))
		if method == "POST" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := noRedirect.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	preflight := map[string]string{"Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization,x-csrf-token"}
	for _, origin := range []string{"http://127.0.0.1:3090", "http://localhost:5173", "http://[::1]:8080", "https://127.0.0.2"} {
		resp := do("OPTIONS", "/api/user", origin, preflight)
		if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != origin ||
			resp.Header.Get("Access-Control-Allow-Headers") != "authorization,x-csrf-token" ||
			resp.Header.Get("Access-Control-Allow-Methods") != "GET" {
			t.Errorf("%s: preflight answered %d %v", origin, resp.StatusCode, resp.Header)
		}
		// The refused API call still carries the header, or the app could not read why.
		resp = do("GET", "/api/user", origin, map[string]string{"Accept": "application/json"})
		if resp.StatusCode != http.StatusUnauthorized || resp.Header.Get("Access-Control-Allow-Origin") != origin {
			t.Errorf("%s: API answered %d with Allow-Origin %q", origin, resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
		}
		resp = do("POST", "/oauth/token", origin, nil)
		if resp.Header.Get("Access-Control-Allow-Origin") != origin {
			t.Errorf("%s: token endpoint answered without Allow-Origin", origin)
		}
	}
	for _, origin := range []string{"https://evil.example", "http://127.0.0.1.evil.example", "null", "http://10.0.0.5:3000", "file://"} {
		resp := do("OPTIONS", "/api/user", origin, preflight)
		if resp.Header.Get("Access-Control-Allow-Origin") != "" || resp.StatusCode == http.StatusNoContent {
			t.Errorf("%s: preflight allowed (%d, %q)", origin, resp.StatusCode, resp.Header.Get("Access-Control-Allow-Origin"))
		}
		resp = do("POST", "/oauth/token", origin, nil)
		if resp.Header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s: token answer carries Allow-Origin", origin)
		}
	}
	// Pages of the provider itself (authorize, consent) are never opened to scripts.
	if resp := do("GET", "/oauth/authorize", "http://127.0.0.1:3090", nil); resp.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("the authorize page is readable cross-origin")
	}
}
