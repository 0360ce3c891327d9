package main

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Markers planted in every recording of the app: its session cookie and a header its
// single-page app sends carry them, so flow/har's tests can check that no output of the
// engine repeats a cookie or a header value. They are not secrets of anything.
const (
	cookieMarker = "MRK0cookie4f9a2c7e1b"
	headerMarker = "MRK0header8d3b6f0a5c"
)

// appConfig is how the relying party behaves in one scenario, its bugs included.
type appConfig struct {
	provider *provider
	clientID string // as the app sends it (a typo in unknown_client)
	scope    string
	// The server-side (confidential) app.
	noState       bool   // its sign-in link sends no state, yet its callback wants one
	strictCookie  bool   // its session cookie is SameSite=Strict
	backendSecret string // the secret its server sends to the token endpoint
	// The single-page (public, PKCE) app.
	exchangeTwice    bool   // the code exchange runs twice, as an effect run twice does
	freshVerifier    bool   // the callback page makes a new verifier instead of using the saved one
	tokenRedirectURI string // redirect_uri sent to the token endpoint when it differs from authorize's
	onSPACallback    func() // runs when the browser reaches the SPA's callback (switch a fault on)
}

// app is the relying party: a server-side app at /, a single-page app at /spa.
type app struct {
	cfg      appConfig
	base     string // http://127.0.0.1:PORT
	mu       sync.Mutex
	sessions map[string]*appSession
	logo     []byte
}

type appSession struct {
	state    string
	verifier string
	user     string
}

func newApp(base string, cfg appConfig) *app {
	return &app{cfg: cfg, base: base, sessions: map[string]*appSession{}, logo: logoPNG()}
}

func (a *app) redirectURI() string    { return a.base + "/callback" }
func (a *app) spaRedirectURI() string { return a.base + "/spa/callback" }

func (a *app) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", a.home)
	mux.HandleFunc("GET /login", a.login)
	mux.HandleFunc("GET /callback", a.callback)
	mux.HandleFunc("GET /home", a.signedIn)
	mux.HandleFunc("GET /spa", a.spa)
	mux.HandleFunc("GET /spa/callback", a.spa)
	mux.HandleFunc("GET /spa/app.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/javascript; charset=utf-8")
		io.WriteString(w, spaScript)
	})
	mux.HandleFunc("GET /logo.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(a.logo)
	})
	return mux
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// randomAlnum is Laravel's Str::random: letters and digits.
func randomAlnum(n int) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = chars[int(b[i])%len(chars)]
	}
	return string(b)
}

// session returns the request's session, making one (and its cookie) when it has none.
func (a *app) session(w http.ResponseWriter, r *http.Request) *appSession {
	a.mu.Lock()
	defer a.mu.Unlock()
	if c, err := r.Cookie("rp_session"); err == nil {
		if s := a.sessions[c.Value]; s != nil {
			return s
		}
	}
	id := cookieMarker + randomHex(12)
	s := &appSession{}
	a.sessions[id] = s
	same := http.SameSiteLaxMode
	if a.cfg.strictCookie {
		same = http.SameSiteStrictMode
	}
	http.SetCookie(w, &http.Cookie{Name: "rp_session", Value: id, Path: "/", MaxAge: 7200, HttpOnly: true, SameSite: same})
	return s
}

func (a *app) existing(r *http.Request) *appSession {
	a.mu.Lock()
	defer a.mu.Unlock()
	if c, err := r.Cookie("rp_session"); err == nil {
		return a.sessions[c.Value]
	}
	return nil
}

func (a *app) home(w http.ResponseWriter, r *http.Request) {
	writePage(w, http.StatusOK, "Example app", `<h1>Example app</h1><img src="/logo.png" alt="" width="32" height="32">
<p><a id="signin" href="/login">Sign in with Mubarokah ID</a></p>`)
}

// login starts the authorization request as Laravel Socialite does: a fresh state kept in
// the session, then a redirect to the provider.
func (a *app) login(w http.ResponseWriter, r *http.Request) {
	s := a.session(w, r)
	q := url.Values{"client_id": {a.cfg.clientID}, "redirect_uri": {a.redirectURI()}, "scope": {a.cfg.scope},
		"response_type": {"code"}}
	if a.cfg.provider.pkce {
		// A provider that requires PKCE of every client (fosite): the server keeps the verifier.
		v := randomAlnum(64)
		a.mu.Lock()
		s.verifier = v
		a.mu.Unlock()
		sum := sha256.Sum256([]byte(v))
		q.Set("code_challenge", base64.RawURLEncoding.EncodeToString(sum[:]))
		q.Set("code_challenge_method", "S256")
	}
	if !a.cfg.noState {
		st := randomAlnum(40)
		a.mu.Lock()
		s.state = st
		a.mu.Unlock()
		q.Set("state", st)
	}
	http.Redirect(w, r, a.cfg.provider.browser+a.cfg.provider.paths.authorize+"?"+q.Encode(), http.StatusFound)
}

// callback checks the answer, exchanges the code on the server and reads the user.
func (a *app) callback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		writePage(w, http.StatusForbidden, "Sign-in not completed", fmt.Sprintf("<h1>Sign-in not completed</h1><p>Mubarokah ID answered %s: %s</p>",
			template.HTMLEscapeString(e), template.HTMLEscapeString(q.Get("error_description"))))
		return
	}
	s := a.existing(r)
	a.mu.Lock()
	saved, verifier := "", ""
	if s != nil {
		saved, verifier, s.state = s.state, s.verifier, "" // a state is good for one callback
	}
	a.mu.Unlock()
	var why string
	switch got := q.Get("state"); {
	case s == nil:
		why = "no sign-in was started in this browser session (the session cookie did not come back)"
	case got == "":
		why = "the callback carries no state"
	case saved == "":
		why = "this session holds no state to compare with"
	case got != saved:
		why = "the state returned does not match the one saved for this session"
	}
	if why != "" {
		writePage(w, http.StatusForbidden, "Invalid state", "<h1>Invalid state</h1><p>"+template.HTMLEscapeString(why)+"</p>")
		return
	}
	tok, err := a.exchange(q.Get("code"), verifier)
	if err == nil {
		var user string
		user, err = a.user(tok)
		a.mu.Lock()
		s.user = user
		a.mu.Unlock()
	}
	if err != nil {
		// What a framework shows when the library throws: the reason stays in the app's log.
		writePage(w, http.StatusInternalServerError, "Server Error", "<h1>500</h1><p>Server Error</p>")
		return
	}
	http.Redirect(w, r, "/home", http.StatusFound)
}

func (a *app) exchange(code, verifier string) (string, error) {
	form := url.Values{"grant_type": {"authorization_code"}, "client_id": {a.cfg.clientID}, "client_secret": {a.cfg.backendSecret},
		"redirect_uri": {a.redirectURI()}, "code": {code}}
	if verifier != "" {
		form.Set("code_verifier", verifier)
	}
	req, _ := http.NewRequest("POST", a.cfg.provider.backend+a.cfg.provider.paths.token, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	var out struct {
		AccessToken string `json:"access_token"`
	}
	if err := doJSON(req, &out); err != nil {
		return "", err
	}
	return out.AccessToken, nil
}

func (a *app) user(token string) (string, error) {
	req, _ := http.NewRequest("GET", a.cfg.provider.backend+a.cfg.provider.paths.user, nil)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	var out struct {
		Name string `json:"name"`
	}
	err := doJSON(req, &out)
	return out.Name, err
}

func doJSON(req *http.Request, out any) error {
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s %s: HTTP %d", req.Method, req.URL.Path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func (a *app) signedIn(w http.ResponseWriter, r *http.Request) {
	s := a.existing(r)
	if s == nil || s.user == "" {
		http.Redirect(w, r, "/", http.StatusFound)
		return
	}
	writePage(w, http.StatusOK, "Signed in", `<h1>Example app</h1><p id="outcome">Signed in as `+template.HTMLEscapeString(s.user)+`</p>`)
}

// spa serves the single-page app's shell for /spa and /spa/callback; its script does the rest.
func (a *app) spa(w http.ResponseWriter, r *http.Request) {
	a.session(w, r) // the app's own session cookie, as a framework sets on every page
	if r.URL.Path == "/spa/callback" && a.cfg.onSPACallback != nil {
		a.cfg.onSPACallback()
	}
	tokenURI := a.cfg.tokenRedirectURI
	if strings.HasPrefix(tokenURI, "/") {
		tokenURI = a.base + tokenURI
	}
	cfg := map[string]string{"provider": a.cfg.provider.browser, "clientId": a.cfg.clientID, "scope": a.cfg.scope,
		// The sandbox has one client, a confidential one, so this app sends its (public,
		// demo) secret too; a real single-page app is a public client and holds none.
		"clientSecret": a.cfg.provider.secret, "redirectUri": a.spaRedirectURI(), "tokenRedirectUri": tokenURI,
		"csrf": headerMarker + randomHex(6)}
	flags := map[string]bool{"exchangeTwice": a.cfg.exchangeTwice, "freshVerifier": a.cfg.freshVerifier}
	b, _ := json.Marshal(struct {
		S map[string]string `json:"s"`
		F map[string]bool   `json:"f"`
	}{cfg, flags})
	writePage(w, http.StatusOK, "Example SPA", `<h1>Example SPA</h1><img src="/logo.png" alt="" width="32" height="32">
<script id="cfg" type="application/json">`+string(b)+`</script>
<p><button id="signin" type="button">Sign in with Mubarokah ID</button></p>
<p id="status"></p>
<script src="/spa/app.js"></script>`)
}

func writePage(w http.ResponseWriter, status int, title, body string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title></head>\n<body>\n%s\n</body></html>\n",
		template.HTMLEscapeString(title), body)
}

// logoPNG is a small image, so the recordings hold a binary body as Chrome exports one.
func logoPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 16, 16))
	for y := range 16 {
		for x := range 16 {
			img.Set(x, y, color.RGBA{uint8(16 * x), 120, uint8(16 * y), 255})
		}
	}
	var b bytes.Buffer
	_ = png.Encode(&b, img)
	return b.Bytes()
}
