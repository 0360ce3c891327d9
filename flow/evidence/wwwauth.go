package evidence

import (
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// authParams parses the auth-params of a challenge: error="invalid_token", scope=view-user.
func authParams(s string) map[string]string {
	out := map[string]string{}
	for s != "" && len(out) < 20 {
		s = strings.TrimLeft(s, " ,\t")
		eq := strings.IndexByte(s, '=')
		if eq <= 0 {
			break
		}
		name := strings.ToLower(strings.TrimSpace(s[:eq]))
		s = s[eq+1:]
		var v string
		if strings.HasPrefix(s, `"`) {
			var b strings.Builder
			k := 1
			for ; k < len(s) && s[k] != '"'; k++ {
				if s[k] == '\\' && k+1 < len(s) {
					k++
				}
				b.WriteByte(s[k])
			}
			v = b.String()
			s = s[min(k+1, len(s)):]
		} else {
			end := strings.IndexAny(s, ", \t")
			if end < 0 {
				end = len(s)
			}
			v, s = s[:end], s[end:]
		}
		if strings.Contains(name, " ") {
			break
		}
		out[name] = v
	}
	return out
}

// wwwAuthenticate reads a WWW-Authenticate value: "Basic realm=OAuth" (Passport's
// invalid_client when an Authorization header was sent) or a Bearer challenge with an
// RFC 6750 error, error_description and scope.
func wwwAuthenticate(o *knowledge.Observation, value string) {
	o.AddSource("www_authenticate")
	scheme, rest, _ := strings.Cut(strings.TrimSpace(value), " ")
	if strings.EqualFold(scheme, "basic") {
		o.AddFact(knowledge.FactAuthHeaderSent, "WWW-Authenticate: Basic is only sent back when the request carried an Authorization header")
	}
	p := authParams(rest)
	setOnce(&o.Error, p["error"])
	setOnce(&o.Description, p["error_description"])
	setOnce(&o.ErrorURI, p["error_uri"])
}

// findWWWAuthenticate reads WWW-Authenticate headers outside an HTTP dump, and a challenge
// pasted alone ("Bearer error=…").
func findWWWAuthenticate(s *scan) {
	for _, i := range findAll(s.lower, "www-authenticate:", 20) {
		v := lineFrom(s.text, i+len("www-authenticate:"), 8192)
		var o knowledge.Observation
		o.WWWAuthenticate = strings.TrimSpace(v)
		wwwAuthenticate(&o, o.WWWAuthenticate)
		s.add(i, o)
	}
	for _, l := range splitFirstLines(s.text, 200) {
		t := strings.TrimSpace(l.text)
		if !strings.HasPrefix(t, "Bearer ") && !strings.HasPrefix(t, "Basic realm") {
			continue
		}
		_, rest, _ := strings.Cut(t, " ")
		if p := authParams(rest); p["error"] != "" || p["realm"] != "" || p["scope"] != "" {
			o := knowledge.Observation{WWWAuthenticate: t}
			wwwAuthenticate(&o, t)
			s.add(l.pos, o)
		}
	}
}

// splitFirstLines returns at most n lines, for recognisers that only look at short pastes'
// line starts.
func splitFirstLines(text string, n int) []line {
	var out []line
	pos := 0
	for len(out) < n && pos < len(text) {
		end := strings.IndexByte(text[pos:], '\n')
		if end < 0 {
			out = append(out, line{pos: pos, text: text[pos:]})
			break
		}
		out = append(out, line{pos: pos, text: text[pos : pos+end]})
		pos += end + 1
	}
	return out
}
