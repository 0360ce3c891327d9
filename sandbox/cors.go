package sandbox

import (
	"net"
	"net/http"
	"net/url"
	"strings"
)

// cors lets a single-page app served from this machine call the token endpoint and the
// user APIs from the browser, as a Laravel server whose CORS config covers oauth/* and
// api/* does. Only loopback origins are allowed: the sandbox is a practice server and no
// page from elsewhere should be able to read its answers. It returns true when it answered
// the request itself (a preflight).
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	if r.URL.Path != "/oauth/token" && !strings.HasPrefix(r.URL.Path, "/api/") {
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	if !loopbackOrigin(origin) {
		return false
	}
	h.Set("Access-Control-Allow-Origin", origin)
	if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
		return false
	}
	h.Add("Vary", "Access-Control-Request-Method")
	h.Add("Vary", "Access-Control-Request-Headers")
	h.Set("Access-Control-Allow-Methods", r.Header.Get("Access-Control-Request-Method"))
	if asked := r.Header.Get("Access-Control-Request-Headers"); asked != "" {
		h.Set("Access-Control-Allow-Headers", asked)
	}
	h.Set("Access-Control-Max-Age", "0")
	w.WriteHeader(http.StatusNoContent)
	return true
}

// loopbackOrigin reports an origin on this machine: http or https, host localhost or a
// loopback IP, any port.
func loopbackOrigin(origin string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Path != "" || u.User != nil {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
