package probe

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// Every entry of the registry is whole: a probe the CLI, the wizard and RunAll can use
// without knowing it by name.
func TestRegistryEntriesAreWhole(t *testing.T) {
	flags := map[string]bool{}
	for _, s := range config.Settings() {
		flags[s.Key] = true
	}
	seen := map[string]bool{}
	for _, p := range All() {
		if p.ID == "" || p.Name == "" || p.needs == nil || p.run == nil {
			t.Errorf("%q: an entry needs an id, a name, a needs and a run", p.ID)
		}
		if seen[p.ID] {
			t.Errorf("%s is registered twice", p.ID)
		}
		seen[p.ID] = true
		if p.SendsSecret && p.Endpoint == "" {
			t.Errorf("%s sends a secret but names no endpoint to judge", p.ID)
		}
		if c := p.Consent; c != nil {
			if c.Flag == "" || c.Help == "" || c.Risk == "" || c.Ask == "" || c.Warn == "" {
				t.Errorf("%s: a consent needs a flag, a help line, a risk, a question and a warning: %+v", p.ID, *c)
			}
			if flags[c.Flag] {
				t.Errorf("%s: consent flag --%s is already a setting or another probe's consent", p.ID, c.Flag)
			}
			flags[c.Flag] = true
		}
	}
	if got := IDs(); !slices.Equal(got, slices.Collect(func(yield func(string) bool) {
		for _, p := range All() {
			if !yield(p.ID) {
				return
			}
		}
	})) {
		t.Errorf("IDs %v do not follow the registry", got)
	}
	if len(Consenting()) != 2 {
		t.Errorf("consenting probes %v, want the code exchange and the refresh", Consenting())
	}
}

// Consent given to one copy of the settings stays with that copy, and for that probe only.
func TestConsentIsPerProbeAndPerCopy(t *testing.T) {
	cfg := testConfig("https://accounts.mubarokah.com", time.Second)
	cfg.Code, cfg.RefreshToken = "def50200code", "def50200refresh"
	allowed := cfg.Allowing(IDCodeExchange)
	if ok, why := Ready(allowed, IDCodeExchange); !ok {
		t.Fatalf("allowed code exchange not ready: %s", why)
	}
	if ok, _ := Ready(cfg, IDCodeExchange); ok {
		t.Error("consent given to a copy reached the original")
	}
	if ok, why := Ready(allowed, IDRefresh); ok || !strings.Contains(why, "pass --refresh to allow it") {
		t.Errorf("consent for the code reached the refresh: %v %q", ok, why)
	}
	both := allowed.Allowing(IDRefresh)
	if ok, _ := Ready(allowed, IDRefresh); ok {
		t.Error("allowing on a copy changed the copy it came from")
	}
	if ok, why := Ready(both, IDRefresh); !ok {
		t.Errorf("refresh not ready once allowed: %s", why)
	}
}

// Ready's reasons come in the order a person fixes them: what is missing, then consent,
// then where a secret may go.
func TestReadyNamesWhatIsMissingFirst(t *testing.T) {
	cfg := testConfig("http://accounts.mubarokah.example", time.Second)
	cfg.Code = ""
	if _, why := Ready(cfg, IDCodeExchange); !strings.Contains(why, "no authorization code") {
		t.Errorf("missing code: %q", why)
	}
	cfg.Code = "def50200code"
	if _, why := Ready(cfg, IDCodeExchange); !strings.Contains(why, "--exchange-code") {
		t.Errorf("no consent: %q", why)
	}
	if _, why := Ready(cfg.Allowing(IDCodeExchange), IDCodeExchange); !strings.Contains(why, "plain HTTP") {
		t.Errorf("plain HTTP to another host: %q", why)
	}
	if ok, why := Ready(cfg, "ping"); ok || why != "there is no probe ping" {
		t.Errorf("unknown probe: %v %q", ok, why)
	}
}

// Every registered probe runs against the sandbox and comes back named, with a status and
// a summary: a registry entry is all RunAll needs.
func TestEveryRegisteredProbeRunsAgainstTheSandbox(t *testing.T) {
	srv, err := sandbox.New(sandbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	access, _, err := srv.IssueTokens([]string{"view-user", "detail-user"})
	if err != nil {
		t.Fatal(err)
	}
	_, refresh, err := srv.IssueTokens([]string{"view-user"})
	if err != nil {
		t.Fatal(err)
	}
	cfg := testConfig(ts.URL, 5*time.Second)
	cfg.ClientID, cfg.ClientSecret = srv.Client().ID, srv.Client().Secret
	cfg.RedirectURI = sandbox.DemoRedirectURI
	cfg.AccessToken, cfg.RefreshToken = access, refresh
	cfg.Code = srv.IssueCode(sandbox.DemoRedirectURI, []string{"view-user"}, "")
	cfg.SaveRefreshToken = t.TempDir() + "/rt"
	var ids []string
	for _, p := range Consenting() {
		ids = append(ids, p.ID)
	}
	rs := (&Prober{}).RunAll(context.Background(), cfg.Allowing(ids...), nil)
	for i, p := range All() {
		r := rs[i]
		if r.ID != p.ID || r.Name != p.Name || r.Summary == "" {
			t.Errorf("result %d = %+v, want %s named %q with a summary", i, r, p.ID, p.Name)
		}
		want := Pass
		if p.ID == IDTLS {
			want = Skip // plain HTTP to this machine
		}
		if r.Status != want {
			t.Errorf("%s = %s (%s), want %s", p.ID, r.Status, r.Summary, want)
		}
	}
}
