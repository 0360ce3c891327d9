package probe

import (
	"encoding/json"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// FuzzObserve reads arbitrary answers as a probe would: never a panic, always an
// observation that names the endpoint and the status it got, and no piece of a secret the
// answer reflects (SECRET in the input stands for it) in the observation or its line.
func FuzzObserve(f *testing.F) {
	f.Add(401, "application/json", `{"error":"invalid_client","error_description":"Client authentication failed"}`, "")
	f.Add(302, "text/html", "<html>", "https://host/login")
	f.Add(200, "", "\x00\xff{", "%zz")
	f.Add(400, "application/json", `{"error":"invalid_request","hint":"`+strings.Repeat("x", 110)+`SECRET"}`, "/cb?code=SECRET")
	f.Add(401, "text/plain", `SECRET`, "SECRET")
	f.Add(400, "application/json", `{"error":"invalid_grant","error_description":"`+strings.Repeat("generic sentence ", 12)+`the specific reason, SECRET"}`, "")
	f.Add(200, "text/html", `<title>Error</title><h1>invalid_request</h1><p>`+strings.Repeat("w ", 200)+`SECRET</p>`, "")
	p := &Prober{Now: func() time.Time { return time.Unix(1_800_000_000, 0) }}
	const secret = "Wp4nB8cV1xK6jH3gF9dS"
	var set redact.Set
	set.Add(secret)
	f.Fuzz(func(t *testing.T, status int, ct, body, loc string) {
		if status < 100 || status > 999 {
			return
		}
		plant := func(s string) string { return strings.ReplaceAll(s, "SECRET", secret) }
		h := http.Header{}
		h.Set("Content-Type", plant(ct))
		h.Set("Location", plant(loc))
		ex := &exchange{method: "POST", url: "https://h/oauth/token", status: status, header: h, body: []byte(plant(body)), secrets: &set}
		o := p.observe(config.EndpointToken, ex)
		if o.Endpoint != config.EndpointToken || o.Status != status {
			t.Fatalf("endpoint %q status %d", o.Endpoint, o.Status)
		}
		readErrorPage(&o, ex)
		obs, _ := json.Marshal(o)
		if piece := leaks(failWith(lang.English, o, "refused").Summary+string(obs), secret); piece != "" {
			t.Fatalf("%q of the secret is shown: %s", piece, obs)
		}
	})
}

func TestParseDiscoveryKeepsEndpointsOnTheSameServer(t *testing.T) {
	cfg := config.Default()
	cfg.BaseURL = "https://id.example"
	doc := `{"issuer":"https://id.example","authorization_endpoint":"https://id.example/oauth2/auth","token_endpoint":"https://evil.example/token"}`
	r, got := applyDiscovery(cfg, []byte(doc))
	if got.URL(config.EndpointAuthorize) != "https://id.example/oauth2/auth" {
		t.Errorf("authorize = %s", got.URL(config.EndpointAuthorize))
	}
	if got.URL(config.EndpointToken) != "https://id.example/oauth/token" {
		t.Errorf("a token endpoint on another host was taken: %s", got.URL(config.EndpointToken))
	}
	if !strings.Contains(strings.Join(r.Details, "\n"), "on another server") {
		t.Errorf("details %v", r.Details)
	}
}

// FuzzDiscovery: any discovery body leaves a usable configuration and never moves an
// endpoint to another host.
func FuzzDiscovery(f *testing.F) {
	f.Add(`{"authorization_endpoint":"https://id.example/a","token_endpoint":"https://id.example/t"}`)
	f.Add(`{"token_endpoint":"http://id.example/t"}`)
	f.Add(`[1,2`)
	f.Fuzz(func(t *testing.T, body string) {
		cfg := config.Default()
		cfg.BaseURL = "https://id.example"
		_, got := applyDiscovery(cfg, []byte(body))
		for _, e := range []knowledge.Endpoint{config.EndpointAuthorize, config.EndpointToken} {
			if !sameOrigin(got.URL(e), cfg.BaseURL) {
				t.Fatalf("%s moved to %s", e, got.URL(e))
			}
		}
	})
}
