package probe

import (
	"bufio"
	"context"
	"encoding/json"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// rawSecret is planted wherever a fuzzed answer says SECRET, as a server reflecting the
// client secret would; no piece of it may come out.
const rawSecret = "Zq9kL2vX7wR4tY8uP3sM"

// FuzzRawAnswer sends arbitrary bytes back as the server's whole answer, through the real
// transport and the probes that read it: a probe never panics, always ends in a status and
// a summary, names a failure, and shows no piece of a secret the answer reflects.
func FuzzRawAnswer(f *testing.F) {
	f.Add(uint8(0), "GARBAGE\r\n\r\n")
	f.Add(uint8(1), "HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n"+
		`{"error":"invalid_client","error_description":"SECRET is wrong","hint":"`+strings.Repeat("h", 110)+`SECRET"}`)
	f.Add(uint8(2), "HTTP/1.1 302 Found\r\nLocation: /oauth/authorize\r\nContent-Length: 0\r\n\r\n")
	f.Add(uint8(2), "HTTP/1.1 302 Found\r\nLocation: https://elsewhere.example/x?code=SECRET\r\n\r\n")
	f.Add(uint8(3), "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 99\r\n\r\n{\"id\":")
	f.Add(uint8(1), "HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<h1>invalid_request</h1><p>error_description: SECRET</p>")
	f.Add(uint8(0), "\x15\x03\x01\x00\x02\x02\n")
	f.Add(uint8(1), "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"access_token\":\"SECRET\",\"token_type\":\"Bearer\",\"expires_in\":60}")
	// Where the authorize endpoint sends the browser: its own error page, a page with HTTP
	// 200 that reports an error or asks to sign in, back to the callback with nothing.
	f.Add(uint8(2), "HTTP/1.1 302 Found\r\nLocation: /oauth2/fallbacks/error?error=invalid_request&error_description=SECRET+is+not+registered\r\nContent-Length: 0\r\n\r\n")
	f.Add(uint8(2), "HTTP/1.1 302 Found\r\nLocation: https://login.example.invalid/ui?login_challenge=SECRET\r\nContent-Length: 0\r\n\r\n")
	f.Add(uint8(2), "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:3090/callback?state=SECRET\r\nContent-Length: 0\r\n\r\n")
	f.Add(uint8(2), "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>An error occurred</title><p>"+strings.Repeat("generic words ", 20)+"SECRET</p>")
	f.Add(uint8(2), "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<title>Sign in</title><form><input type=password value=SECRET></form>")

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.Fatal(err)
	}
	defer l.Close()
	var answer atomic.Pointer[string]
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_ = c.SetDeadline(time.Now().Add(5 * time.Second))
				br := bufio.NewReader(c)
				for {
					line, err := br.ReadString('\n')
					if err != nil || line == "\r\n" {
						break
					}
				}
				_, _ = c.Write([]byte(*answer.Load()))
			}()
		}
	}()
	ids := []string{IDReachability, IDClientAuth, IDAuthorize, IDUser}
	f.Fuzz(func(t *testing.T, which uint8, raw string) {
		if len(raw) > 64<<10 {
			return
		}
		a := strings.ReplaceAll(raw, "SECRET", rawSecret)
		answer.Store(&a)
		cfg := testConfig("http://"+l.Addr().String(), 2*time.Second)
		cfg.ClientSecret = rawSecret
		id := ids[int(which)%len(ids)]
		r := (&Prober{}).Run(context.Background(), cfg, id)
		if r.Status == "" || r.Summary == "" {
			t.Fatalf("%s: status %q summary %q", id, r.Status, r.Summary)
		}
		if r.Status == Fail && r.Obs.Transport == "" && r.Obs.Status == 0 && len(r.Obs.Facts) == 0 && r.Obs.Error == "" {
			t.Fatalf("%s failed without naming anything: %q", id, r.Summary)
		}
		obs, _ := json.Marshal(r.Obs)
		text := r.Summary + "\n" + strings.Join(r.Details, "\n") + "\n" + string(obs)
		if piece := leaks(text, rawSecret); piece != "" {
			t.Fatalf("%s shows %q of the secret:\n%s", id, piece, text)
		}
	})
}
