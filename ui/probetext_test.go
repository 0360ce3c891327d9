package ui

import (
	"context"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// The live checks screen keeps its results in English and says them in the session's
// language as it draws. For every fault the sandbox plays, the checks run once in each
// language: every summary and detail of the English run, said in Indonesian, is what the
// Indonesian run wrote (but for the time an answer took, which differs between runs).
func TestProbeTextSaysWhatAnIndonesianRunWrites(t *testing.T) {
	took := regexp.MustCompile(`(in|dalam) [0-9.]+(ms|µs|s)$`)
	sh := &shared{lang: lang.Indonesian}
	for _, f := range append([]string{""}, sandbox.Faults()...) {
		var faults []string
		if f != "" {
			faults = []string{f}
		}
		srv, err := sandbox.New(sandbox.Options{Faults: faults, Delay: 10 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		run := func(l lang.Lang) []probe.Result {
			cfg := config.Default()
			cfg.BaseURL = ts.URL
			cfg.ClientID, cfg.ClientSecret = srv.Client().ID, srv.Client().Secret
			cfg.RedirectURI = sandbox.DemoRedirectURI
			cfg.Timeout = 2 * time.Second
			cfg.Lang = l
			return (&probe.Prober{}).RunAll(context.Background(), cfg, probe.IDs())
		}
		en, id := run(lang.English), run(lang.Indonesian)
		ts.Close()
		if len(en) != len(id) {
			t.Fatalf("%s: %d results in English, %d in Indonesian", f, len(en), len(id))
		}
		said := sh.probeResults(en)
		for i := range en {
			if said[i].Name != id[i].Name {
				t.Errorf("%s/%s: name %q, the Indonesian run wrote %q", f, en[i].ID, said[i].Name, id[i].Name)
			}
			if len(said[i].Details) != len(id[i].Details) {
				t.Errorf("%s/%s: %d details, the Indonesian run wrote %d", f, en[i].ID, len(said[i].Details), len(id[i].Details))
				continue
			}
			pairs := [][3]string{{en[i].Summary, said[i].Summary, id[i].Summary}}
			for j := range en[i].Details {
				pairs = append(pairs, [3]string{en[i].Details[j], said[i].Details[j], id[i].Details[j]})
			}
			for _, p := range pairs {
				if took.ReplaceAllString(p[1], "T") != took.ReplaceAllString(p[2], "T") {
					t.Errorf("%s/%s:\n English    %s\n said       %s\n Indonesian %s", f, en[i].ID, p[0], p[1], p[2])
				}
			}
		}
		// English is the English run's, byte for byte.
		sh.lang = lang.English
		for i, r := range sh.probeResults(en) {
			if r.Summary != en[i].Summary || r.Name != en[i].Name {
				t.Errorf("%s/%s: English changed: %q", f, r.ID, r.Summary)
			}
		}
		sh.lang = lang.Indonesian
	}
}
