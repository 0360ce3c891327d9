package probe

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// A screen keeps a live check's result in English and says it in the language it speaks
// (Say). Against servers that fail below OAuth (nothing listening, not HTTP, TLS spoken
// to plain HTTP, a redirect loop, an error page, an answer too large), every summary and
// detail of an English run, said in Indonesian, is what an Indonesian run wrote, but for
// the time an answer took; and English stays as it is.
func TestSayGivesWhatAnIndonesianRunWrites(t *testing.T) {
	took := regexp.MustCompile(`(in|dalam) [0-9.]+(ms|µs|s)$`)
	garbage := rawServer(t, func(c net.Conn) { c.Write([]byte("GARBAGE\r\n\r\n")) })
	plainToTLS := rawServer(t, func(c net.Conn) { c.Write([]byte("\x15\x03\x01\x00\x02\x02\x0a")) })
	loop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Path+"/x", http.StatusFound)
	}))
	t.Cleanup(loop.Close)
	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		w.Write([]byte("<html><title>502 Bad Gateway</title></html>"))
	}))
	t.Cleanup(page.Close)
	empty := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	t.Cleanup(empty.Close)

	for name, base := range map[string]string{"closed": closedURL(t), "garbage": garbage, "plain to TLS": plainToTLS,
		"loop": loop.URL, "html page": page.URL, "empty": empty.URL} {
		run := func(l lang.Lang) []Result {
			cfg := config.Default()
			cfg.BaseURL, cfg.Lang = base, l
			cfg.ClientID, cfg.ClientSecret = "client-1", "a-secret-value"
			cfg.RedirectURI = "http://127.0.0.1:3090/callback"
			cfg.AccessToken = "an-access-token-value"
			cfg.Timeout = 2 * time.Second
			return (&Prober{}).RunAll(context.Background(), cfg, IDs())
		}
		en, id := run(lang.English), run(lang.Indonesian)
		if len(en) != len(id) {
			t.Fatalf("%s: %d results in English, %d in Indonesian", name, len(en), len(id))
		}
		for i := range en {
			if len(en[i].Details) != len(id[i].Details) {
				t.Errorf("%s/%s: %d details in English, %d in Indonesian", name, en[i].ID, len(en[i].Details), len(id[i].Details))
				continue
			}
			pairs := [][2]string{{en[i].Summary, id[i].Summary}}
			for j := range en[i].Details {
				pairs = append(pairs, [2]string{en[i].Details[j], id[i].Details[j]})
			}
			for _, p := range pairs {
				if got := Say(lang.Indonesian, p[0]); took.ReplaceAllString(got, "T") != took.ReplaceAllString(p[1], "T") {
					t.Errorf("%s/%s:\n English    %s\n said       %s\n Indonesian %s", name, en[i].ID, p[0], got, p[1])
				}
				if got := Say(lang.English, p[0]); got != p[0] {
					t.Errorf("%s/%s: English changed to %q", name, en[i].ID, got)
				}
			}
		}
	}
}

// Say never panics on odd text and leaves English and unknown words as they are.
func TestSayOnOddText(t *testing.T) {
	for _, s := range []string{"", ": ", ": : ", ", ", "refused: ", "no token for scope \"unterminated", "no token for scope \"\\q\"",
		"accepted (", "HTTP x from y in z", "\xff\xfe: \xff", "an unfinished answer", "an unfinished answer: x",
		" (the default path)", "called ", strings.Repeat("x: ", 500)} {
		if got := Say(lang.English, s); got != s {
			t.Errorf("English Say(%q) = %q", s, got)
		}
		_ = Say(lang.Indonesian, s)
	}
	if got := Say(lang.Indonesian, "dial tcp: lookup x: some Go error"); got != "dial tcp: lookup x: some Go error" {
		t.Errorf("Go's own error text changed: %q", got)
	}
}
