package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// reflection is one way a server quotes back the client secret it was sent.
type reflection struct {
	name    string
	respond func(w http.ResponseWriter, secret, authz string)
}

func oauthError(w http.ResponseWriter, status int, desc string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": "invalid_client", "error_description": desc,
		"message": "Client authentication failed"})
}

var reflections = []reflection{
	{"raw", func(w http.ResponseWriter, s, _ string) { oauthError(w, 401, "secret "+s+" is not this client's") }},
	{"URL-encoded", func(w http.ResponseWriter, s, _ string) {
		oauthError(w, 401, "body was client_secret="+url.QueryEscape(s))
	}},
	{"Basic header echoed", func(w http.ResponseWriter, s, authz string) {
		oauthError(w, 401, "Authorization was "+authz+" (Basic "+basicOf(plantedID, s)+")")
	}},
	{"after 150 characters", func(w http.ResponseWriter, s, _ string) { oauthError(w, 401, strings.Repeat("x", 150)+" "+s) }},
	{"cut to 20", func(w http.ResponseWriter, s, _ string) { oauthError(w, 401, "secret starts "+s[:20]) }},
	{"in a header", func(w http.ResponseWriter, s, _ string) {
		w.Header().Set("WWW-Authenticate", `Basic realm="`+s+`"`)
		oauthError(w, 401, "Client authentication failed")
	}},
	{"HTML page", func(w http.ResponseWriter, s, _ string) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(500)
		_, _ = w.Write([]byte("<!DOCTYPE html><html><head><title>Error " + s + "</title></head><body>" + s + "</body></html>"))
	}},
	{"with controls", func(w http.ResponseWriter, s, _ string) {
		oauthError(w, 401, "bad \x1b]52;c;"+base64Std(s)+"\x07 secret "+s[:10]+"\x1b[0m"+s[10:])
	}},
}

// reflectingServer answers every token request with the reflection; nothing else exists.
func reflectingServer(t *testing.T, r reflection) string {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if !strings.HasSuffix(req.URL.Path, "/oauth/token") {
			http.NotFound(w, req)
			return
		}
		_ = req.ParseForm()
		secret := req.PostForm.Get("client_secret")
		if _, pw, ok := req.BasicAuth(); ok {
			secret = pw
		}
		if secret == "" {
			oauthError(w, 400, "no secret")
			return
		}
		r.respond(w, secret, req.Header.Get("Authorization"))
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

// TestCheckServerReflections points check at servers that quote the client secret back in
// every way, and counts the outputs (text and JSON) that leaked any of it or passed a
// terminal control through.
func TestCheckServerReflections(t *testing.T) {
	tried, leaked, controls := 0, 0, 0
	for _, r := range reflections {
		base := reflectingServer(t, r)
		for _, secret := range []string{plantedSecret, plantedSymbols} {
			environ := []string{"MUBAROKAH_BASE_URL=" + base, "MUBAROKAH_CLIENT_ID=" + plantedID,
				"MUBAROKAH_CLIENT_SECRET=" + secret, "MUBAROKAH_REDIRECT_URI=http://127.0.0.1:3090/callback"}
			for _, format := range [][]string{nil, {"--json"}} {
				args := append([]string{"check", "--no-env-file", "--timeout", "3s", "--probe", "client_auth", "--probe", "client_credentials"}, format...)
				res := cliRun(t, context.Background(), "", environ, args...)
				tried++
				if res.code != exitOK && res.code != exitProblem {
					t.Errorf("%s %v: exit %d: %s", r.name, format, res.code, res.errOut)
				}
				if piece := leak(res.out+res.errOut, secret); piece != "" {
					leaked++
					t.Errorf("%s (%.8s…) %v: %q leaked:\n%s%s", r.name, secret, format, piece, res.out, res.errOut)
				}
				if c := control(res.out + res.errOut); c >= 0 {
					controls++
					t.Errorf("%s %v: control %U passed through:\n%q", r.name, format, c, res.out)
				}
			}
		}
	}
	t.Logf("server reflections: %d shapes, %d outputs tried, %d leaked a secret, %d passed a control", len(reflections), tried, leaked, controls)
}
