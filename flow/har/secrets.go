package har

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
)

// minSecret is the shortest value treated as a secret; redact.Set ignores shorter ones too.
const minSecret = 6

// Secrets lists every secret value the file holds: cookies and Set-Cookie values, session
// ids, Authorization credentials (and a Basic header's decoded id:secret), codes, tokens,
// client secrets, PKCE verifiers, passwords and CSRF tokens in query strings, fragments,
// form and JSON bodies and HTML forms, in the forms an output could repeat them (as
// recorded, URL-decoded and URL-encoded). The caller adds them to the run's redact.Set.
func (h *HAR) Secrets() []string {
	if h.secrets == nil {
		c := collector{seen: map[string]bool{}, out: []string{}}
		for i := range h.entries {
			c.entry(&h.entries[i])
		}
		h.secrets = c.out
	}
	return slices.Clone(h.secrets)
}

type collector struct {
	seen map[string]bool
	out  []string
}

// add registers a value known to be secret, with the other spellings it may take.
func (c *collector) add(v string) {
	v = strings.TrimSpace(v)
	if len(v) < minSecret || c.seen[v] {
		return
	}
	c.seen[v] = true
	c.out = append(c.out, v)
	for _, alt := range []string{unescape(v), url.QueryEscape(v), url.PathEscape(v)} {
		if alt != v && len(alt) >= minSecret && !c.seen[alt] {
			c.seen[alt] = true
			c.out = append(c.out, alt)
		}
	}
}

// maybe registers a value whose name only suggests a secret (a cookie, an x-…-token
// header): ordinary words such as "accepted" stay out, so scrubbing does not mangle text.
func (c *collector) maybe(v string) {
	if looksSecret(strings.TrimSpace(v)) {
		c.add(v)
	}
}

func looksSecret(v string) bool {
	if len(v) >= 16 {
		return true
	}
	if len(v) < 8 {
		return false
	}
	letter, digit := false, false
	for _, r := range v {
		letter = letter || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		digit = digit || r >= '0' && r <= '9'
	}
	return letter && digit
}

// explicitNames carry a secret whatever it looks like.
var explicitNames = map[string]bool{
	"password": true, "passwd": true, "pwd": true, "pass": true, "new_password": true, "password_confirmation": true,
	"client_secret": true, "_token": true, "auth_token": true, "csrf_token": true, "xsrf_token": true,
	"session": true, "session_id": true, "sessionid": true, "sid": true, "api_key": true, "apikey": true, "otp": true,
}

// secretWords in a name suggest a secret; the value still has to look like one.
var secretWords = []string{"token", "secret", "password", "session", "csrf", "xsrf", "key", "cookie", "verifier",
	"signature", "credential"}

// notSecret are names that contain a secret word but hold a plain value.
var notSecret = map[string]bool{"token_type": true, "token_type_hint": true, "response_type": true, "grant_type": true,
	"expires_in": true, "auth_time": true, "client_id": true}

// secretKind says whether a parameter, cookie, header or JSON key names a secret: explicit
// (always), suggested (only if the value looks like one), or not at all.
func secretKind(name string) (explicit, suggested bool) {
	n := strings.ToLower(strings.TrimSpace(name))
	if notSecret[n] {
		return false, false
	}
	if redact.IsSecretParam(n) || explicitNames[n] {
		return true, false
	}
	for _, w := range secretWords {
		if strings.Contains(n, w) {
			return false, true
		}
	}
	return false, false
}

func (c *collector) param(name, v string) {
	switch explicit, suggested := secretKind(name); {
	case explicit:
		c.add(v)
	case suggested:
		c.maybe(v)
	}
}

func (c *collector) entry(e *entry) {
	c.url(e.req.url)
	c.url(e.resp.redirect)
	c.headers(e.req.headers)
	c.headers(e.resp.headers)
	for _, ck := range append(e.req.cookies, e.resp.cookies...) {
		c.maybe(ck.value)
	}
	for _, p := range e.req.query {
		c.param(p.name, p.value)
	}
	if b := e.req.body; b != nil {
		for _, p := range b.params {
			c.param(p.name, p.value)
			c.param(unescape(p.name), unescape(p.value))
		}
		c.text(b.text)
	}
	if m := strings.ToLower(e.resp.mime); !strings.HasPrefix(m, "image/") && !strings.HasPrefix(m, "font/") {
		c.text(string(e.resp.body))
	}
}

// url registers the secret parameters of a URL's query and fragment, a password before
// its host, and any token it carries.
func (c *collector) url(u string) {
	if u == "" {
		return
	}
	for _, p := range urlParams(u) {
		c.param(p.name, p.value)
	}
	if i := strings.Index(u, "://"); i >= 0 {
		auth := u[i+3:]
		if j := strings.IndexAny(auth, "/?#"); j >= 0 {
			auth = auth[:j]
		}
		if at := strings.LastIndexByte(auth, '@'); at >= 0 {
			if _, pw, ok := strings.Cut(auth[:at], ":"); ok {
				c.add(pw)
			}
		}
	}
	for _, s := range evidence.Secrets(u) {
		c.add(s)
	}
}

func (c *collector) headers(hs []field) {
	for _, h := range hs {
		name := strings.ToLower(h.name)
		switch name {
		case "authorization", "proxy-authorization":
			c.add(h.value)
			scheme, cred, _ := strings.Cut(strings.TrimSpace(h.value), " ")
			cred = strings.TrimSpace(cred)
			c.add(cred)
			if strings.EqualFold(scheme, "basic") {
				if raw, err := base64.StdEncoding.DecodeString(cred); err == nil {
					c.add(string(raw))
					if _, secret, ok := strings.Cut(string(raw), ":"); ok {
						c.add(secret)
					}
				}
			}
		case "cookie":
			// Each value, not the header whole: the set also hides pieces of what it holds,
			// and "mubarokah_session=…" would make the provider's own name a secret.
			for part := range strings.SplitSeq(h.value, ";") {
				_, v, _ := strings.Cut(part, "=")
				c.maybe(v)
			}
		case "set-cookie":
			for line := range strings.SplitSeq(h.value, "\n") { // Firefox joins several with newlines
				first, _, _ := strings.Cut(line, ";")
				_, v, _ := strings.Cut(first, "=")
				c.maybe(v)
			}
		case "location", "referer", "content-location", "refresh":
			c.url(h.value)
		default:
			if _, suggested := secretKind(name); suggested && !strings.HasPrefix(name, ":") {
				c.maybe(h.value)
			}
		}
	}
}

// text registers the secrets of a body: tokens and secret parameters evidence recognises,
// the secret keys of a JSON body, the fields of a form body and the hidden inputs of a page.
func (c *collector) text(s string) {
	s = capText(s, maxBody)
	if strings.TrimSpace(s) == "" {
		return
	}
	for _, v := range evidence.Secrets(s) {
		if !codeLike(v) {
			c.add(v)
		}
	}
	t := strings.TrimSpace(s)
	switch {
	case strings.HasPrefix(t, "{") || strings.HasPrefix(t, "["):
		var v any
		if json.Unmarshal([]byte(t), &v) == nil {
			budget := 5000
			c.json("", v, 0, &budget)
		}
	case strings.Contains(t, "=") && !strings.ContainsAny(t, " \n<"):
		for _, p := range formParams(t) {
			c.param(p.name, p.value)
		}
	}
	if strings.Contains(s, "<") {
		c.html(s)
	}
}

func (c *collector) json(key string, v any, depth int, budget *int) {
	*budget--
	if *budget < 0 || depth > 12 {
		return
	}
	switch t := v.(type) {
	case string:
		c.param(key, t)
	case map[string]any:
		for k, x := range t {
			c.json(k, x, depth+1, budget)
		}
	case []any:
		for _, x := range t {
			c.json(key, x, depth+1, budget)
		}
	}
}

// html registers the values of inputs and meta tags whose names are secret: Laravel's
// _token, a consent form's auth_token, a csrf-token meta tag.
func (c *collector) html(s string) {
	lower := strings.ToLower(s)
	for _, tag := range []string{"<input", "<meta"} {
		from := 0
		for n := 0; n < 500; n++ {
			i := strings.Index(lower[from:], tag)
			if i < 0 {
				break
			}
			start := from + i
			end := strings.IndexByte(lower[start:], '>')
			if end < 0 {
				break
			}
			from = start + end
			attrs := s[start : start+end]
			name := attr(attrs, "name")
			val := attr(attrs, "value")
			if tag == "<meta" {
				val = attr(attrs, "content")
			}
			c.param(name, val)
		}
	}
}

// attr returns the value of name="…" (or '…') inside a tag.
func attr(tag, name string) string {
	lower := strings.ToLower(tag)
	for from := 0; ; {
		i := strings.Index(lower[from:], name+"=")
		if i < 0 {
			return ""
		}
		i += from
		from = i + len(name) + 1
		if i > 0 && lower[i-1] != ' ' && lower[i-1] != '\t' && lower[i-1] != '\n' {
			continue // data-name=, content-name=
		}
		rest := tag[from:]
		if rest == "" {
			return ""
		}
		q := rest[0]
		if q != '"' && q != '\'' {
			end := strings.IndexAny(rest, " \t\n/")
			if end < 0 {
				end = len(rest)
			}
			return rest[:end]
		}
		end := strings.IndexByte(rest[1:], q)
		if end < 0 {
			return ""
		}
		return rest[1 : 1+end]
	}
}

// issuedTokens returns the access and refresh tokens a token response handed out.
func issuedTokens(e *entry) []string {
	body := strings.TrimSpace(string(e.resp.body))
	if !strings.HasPrefix(body, "{") {
		return nil
	}
	var m map[string]any
	if json.Unmarshal([]byte(body), &m) != nil {
		return nil
	}
	var out []string
	for _, k := range []string{"access_token", "refresh_token"} {
		if s, ok := m[k].(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// maskURL masks what redact.URL masks, and also the values of the other parameters this
// package treats as secret (_token, session, auth_token, …).
func maskURL(raw string) string {
	raw = redact.URL(raw)
	var b strings.Builder
	for raw != "" {
		end := strings.IndexAny(raw, "?&#;")
		part := raw
		if end >= 0 {
			part = raw[:end]
		}
		k, v, ok := strings.Cut(part, "=")
		explicit, suggested := secretKind(unescape(k))
		if ok && !redact.IsSecretParam(unescape(k)) && (explicit || suggested && looksSecret(unescape(v))) {
			b.WriteString(k + "=" + redact.Mask(unescape(v)))
		} else {
			b.WriteString(part)
		}
		if end < 0 {
			break
		}
		b.WriteByte(raw[end])
		raw = raw[end+1:]
	}
	return b.String()
}

// codeLike is a value found after a secret's label in a body that is program text, not a
// secret: an application's script says `code_verifier: verifier` or `client_secret:
// cfg.clientSecret`, and masking "verifier" would mangle every sentence that uses the word.
// A name, a dotted path of names or a call has no digit outside its parentheses; a token
// always has some. The JSON, form and HTML readers below still take such values when a
// secret's name holds them.
func codeLike(v string) bool {
	head, _, call := strings.Cut(v, "(")
	if head == "" {
		return false
	}
	for i, part := range strings.Split(head, ".") {
		if part == "" {
			return false
		}
		for j, r := range part {
			letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_' || r == '$'
			if !letter && (j == 0 || r < '0' || r > '9') {
				return false
			}
			if r >= '0' && r <= '9' && !call && i == 0 && len(head) >= 8 {
				return false // letters and digits, like a short token
			}
		}
	}
	return true
}
