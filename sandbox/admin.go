package sandbox

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"strings"
)

// admin is /_sandbox/fault: GET lists the faults in force and the known ones; POST
// replaces them, from JSON {"faults": [...]} or form values fault=…; DELETE clears them.
// Only this machine may use it, or a request carrying the admin token.
func (s *Server) admin(w http.ResponseWriter, r *http.Request) {
	if !s.adminAllowed(r) {
		msg := "the control endpoint answers requests from this machine only"
		if s.opts.AdminToken != "" {
			msg += ", or with Authorization: Bearer <the control token the sandbox printed>"
		}
		writeJSON(w, http.StatusForbidden, map[string]any{"error": "forbidden", "message": msg})
		return
	}
	if r.URL.Path != "/_sandbox/fault" {
		writeJSON(w, http.StatusNotFound, map[string]any{"error": "not_found", "message": "the admin endpoint is POST /_sandbox/fault"})
		return
	}
	switch r.Method {
	case http.MethodGet:
	case http.MethodDelete:
		_ = s.faults.replace(nil)
	case http.MethodPost:
		names, err := faultsFromRequest(r)
		if err == nil {
			err = s.faults.replace(names)
		}
		if err != nil {
			writeJSON(w, http.StatusBadRequest, map[string]any{"error": "bad_fault", "message": err.Error(), "known": Faults()})
			return
		}
	default:
		w.Header().Set("Allow", "GET, POST, DELETE")
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"error": "method_not_allowed", "message": "use GET, POST or DELETE"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"faults": s.faults.list(), "known": Faults()})
}

// adminAllowed reports whether a request may change the faults: it comes from a loopback
// address, or it carries the admin token.
func (s *Server) adminAllowed(r *http.Request) bool {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
			return true
		}
	}
	if s.opts.AdminToken == "" {
		return false
	}
	got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	return ok && subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(s.opts.AdminToken)) == 1
}

func faultsFromRequest(r *http.Request) ([]string, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		var body struct {
			Faults []string `json:"faults"`
		}
		dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 64<<10))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&body); err != nil {
			return nil, fmt.Errorf(`the body is not {"faults": ["name", ...]}: %v`, err)
		}
		return body.Faults, nil
	}
	r.Body = http.MaxBytesReader(nil, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return nil, fmt.Errorf("the form cannot be read: %v", err)
	}
	var names []string
	for _, v := range r.Form["fault"] {
		names = append(names, strings.Split(v, ",")...)
	}
	return names, nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// IssueCode makes an authorization code as if the demo user had approved a request with
// these values; challenge "" means no PKCE. Tests and rehearsals use it to skip the browser.
func (s *Server) IssueCode(redirectURI string, scopes []string, challenge string) string {
	method := ""
	if challenge != "" {
		method = "S256"
	}
	return s.st.newCode(codeRec{clientID: s.client.ID, redirectURI: redirectURI, challenge: challenge, method: method,
		scopes: scopes, userID: demoUser.ID, expires: s.opts.Now().Add(codeTTL)})
}

// IssueTokens makes an access and refresh token for the demo user with these scopes.
func (s *Server) IssueTokens(scopes []string) (access, refresh string, err error) {
	res, err := s.st.issue(s.client.ID, demoUser.ID, scopes, true, s.opts.Now())
	return res.access, res.refresh, err
}
