package sandbox

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The provider's own API error bodies (its API reference), sent as they are documented.
const (
	bodyTokenExpired      = `{"error":"token_expired","error_description":"The access token provided has expired.","message":"The access token provided has expired."}`
	bodyInsufficientScope = `{"error":"insufficient_scope","error_description":"The request requires higher privileges than provided by the access token.","message":"Invalid scope(s) provided."}`
	bodyUnapprovedScope   = `{"error":"unapproved_scope","message":"Your application needs approval to access detailed user information. Please contact support.","error_description":"Client application has not been approved for the 'detail-user' scope."}`
	bodyRateUser          = `{"error":"rate_limit_exceeded","message":"Too many requests. Please try again later.","retry_after":60}`
	bodyRateDetails       = `{"error":"rate_limit_exceeded","message":"Too many requests to sensitive endpoints. Please try again later.","retry_after":120}`
)

// apiRoute is what differs between the two user endpoints.
type apiRoute struct {
	scope      string
	limit      int
	retryAfter int
	rateBody   string
	details    bool
}

var (
	routeUser    = apiRoute{scope: "view-user", limit: 100, retryAfter: 60, rateBody: bodyRateUser}
	routeDetails = apiRoute{scope: "detail-user", limit: 50, retryAfter: 120, rateBody: bodyRateDetails, details: true}
)

func (s *Server) apiUser(w http.ResponseWriter, r *http.Request)        { s.api(w, r, routeUser) }
func (s *Server) apiUserDetails(w http.ResponseWriter, r *http.Request) { s.api(w, r, routeDetails) }

// authenticate is Passport's auth:api guard. ok false means it already answered: Laravel's
// "Unauthenticated." (or a redirect to /login for a request that does not ask for JSON),
// or the provider's token_expired body.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request) (string, *accessRec, bool) {
	unauth := func() (string, *accessRec, bool) {
		if !wantsJSON(r) {
			to := "http://" + r.Host + "/login"
			w.Header().Set("Location", to)
			writeRaw(w, http.StatusFound, "text/html; charset=UTF-8", redirectingPage(to))
		} else {
			writeRaw(w, http.StatusUnauthorized, "application/json", msgUnauthenticated)
		}
		return "", nil, false
	}
	if s.faults.has(FaultLoginRedirect) {
		r.Header.Del("Accept") // as if something on the way dropped it
		return unauth()
	}
	h := r.Header.Get("Authorization")
	// league 8.x matches the scheme case-sensitively.
	if !strings.HasPrefix(strings.TrimLeft(h, " "), "Bearer ") {
		return unauth()
	}
	raw := strings.TrimSpace(strings.TrimPrefix(strings.TrimLeft(h, " "), "Bearer "))
	jti, rec, err := s.st.parseAccess(raw)
	if err != nil || rec.userID == 0 {
		return unauth() // bad signature, unknown jti, or a client-credentials token (no user)
	}
	if s.faults.has(FaultTokenRevoked) || rec.revoked {
		return unauth()
	}
	if s.faults.has(FaultTokenExpired) || s.opts.Now().After(rec.expires) {
		if s.faults.has(FaultStockBodies) {
			return unauth()
		}
		writeRaw(w, http.StatusUnauthorized, "application/json", bodyTokenExpired)
		return "", nil, false
	}
	return jti, rec, true
}

func (s *Server) api(w http.ResponseWriter, r *http.Request, rt apiRoute) {
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET, HEAD")
		writeRaw(w, http.StatusMethodNotAllowed, "application/json", laravelPretty("The "+r.Method+" method is not supported for route "+strings.TrimPrefix(r.URL.Path, "/")+". Supported methods: GET, HEAD."))
		return
	}
	jti, rec, ok := s.authenticate(w, r)
	if !ok {
		return
	}
	now := s.opts.Now()
	n := s.st.hit(jti+r.URL.Path, now)
	reset := now.Truncate(time.Minute).Add(time.Minute).Unix()
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(rt.limit))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(reset, 10))
	if s.faults.has(FaultRateLimited) || n > rt.limit {
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("Retry-After", strconv.Itoa(rt.retryAfter))
		writeRaw(w, http.StatusTooManyRequests, "application/json", rt.rateBody)
		return
	}
	h.Set("X-RateLimit-Remaining", strconv.Itoa(rt.limit-n))
	if !slices.Contains(rec.scopes, rt.scope) {
		if s.faults.has(FaultStockBodies) {
			writeRaw(w, http.StatusForbidden, "application/json", msgInvalidScopeBody)
		} else {
			writeRaw(w, http.StatusForbidden, "application/json", bodyInsufficientScope)
		}
		return
	}
	if rt.details && (!s.client.DetailApproved || s.faults.has(FaultDetailNotApproved)) {
		writeRaw(w, http.StatusForbidden, "application/json", bodyUnapprovedScope)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(userBody(demoUser, "http://"+r.Host, rt.details))
}

// userBody is the documented field set, in the documented order.
func userBody(u User, base string, details bool) any {
	type basic struct {
		ID             int    `json:"id"`
		Name           string `json:"name"`
		Email          string `json:"email"`
		ProfilePicture string `json:"profile_picture"`
		Username       string `json:"username"`
		Gender         string `json:"gender"`
	}
	b := basic{u.ID, u.Name, u.Email, base + u.PictureSuffix, u.Username, u.Gender}
	if !details {
		return b
	}
	return struct {
		basic
		Bio          string `json:"bio"`
		PhoneNumber  string `json:"phone_number"`
		PlaceOfBirth string `json:"place_of_birth"`
		DateOfBirth  string `json:"date_of_birth"`
		Address      string `json:"address"`
	}{b, u.Bio, u.Phone, u.PlaceOfBirth, u.DateOfBirth, u.Address}
}

// logout is GET /api/logout-sso: it revokes the token it was called with.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	jti, _, ok := s.authenticate(w, r)
	if !ok {
		return
	}
	s.st.revokeAccess(jti)
	writeRaw(w, http.StatusOK, "application/json", `{"message":"Successfully logged out from SSO session"}`)
}
