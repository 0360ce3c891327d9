package sandbox

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Lifetimes as Passport and the provider use them.
const (
	codeTTL    = 10 * time.Minute
	accessTTL  = 24 * time.Hour
	refreshTTL = 30 * 24 * time.Hour
)

// Client is a registered OAuth client of the sandbox.
type Client struct {
	ID           string
	Secret       string
	Name         string
	RedirectURIs []string
	// DetailApproved is the provider's admin approval for the detail-user scope.
	DetailApproved bool
}

// User is the one person who signs in to the sandbox.
type User struct {
	ID            int
	Name          string
	Email         string
	Username      string
	Gender        string
	Phone         string
	PlaceOfBirth  string
	DateOfBirth   string
	Address       string
	Bio           string
	PictureSuffix string
}

var demoUser = User{ID: 12345, Name: "Ahmad Mubarak", Email: "ahmad.mubarak@example.com", Username: "ahmadmubarak",
	Gender: "male", Phone: "+6281234567890", PlaceOfBirth: "Jakarta, Indonesia", DateOfBirth: "1990-01-15",
	Address: "Jl. Sudirman No. 123, Jakarta Pusat, DKI Jakarta, 10110", Bio: "A sandbox user.", PictureSuffix: "/storage/avatars/12345.jpg"}

type codeRec struct {
	clientID, redirectURI string
	challenge, method     string
	scopes                []string
	userID                int
	expires               time.Time
	used                  bool
}

type accessRec struct {
	clientID string
	userID   int
	scopes   []string
	expires  time.Time
	revoked  bool
}

type refreshRec struct {
	clientID  string
	accessJTI string
	userID    int
	scopes    []string
	expires   time.Time
	revoked   bool
}

// store holds what the sandbox issued. It forgets everything on exit.
type store struct {
	mu      sync.Mutex
	codes   map[string]*codeRec
	access  map[string]*accessRec // by jti
	refresh map[string]*refreshRec
	hits    map[string][]time.Time // rate limiting, by jti and endpoint
	key     *rsa.PrivateKey
	pending map[string]pendingAuth // consent pages waiting for an answer
}

var (
	keyOnce sync.Once
	rsaKey  *rsa.PrivateKey
	keyErr  error
)

// signingKey is generated once per process: a sandbox restarted in the same test binary
// reuses it, which only saves time.
func signingKey() (*rsa.PrivateKey, error) {
	keyOnce.Do(func() { rsaKey, keyErr = rsa.GenerateKey(rand.Reader, 2048) })
	return rsaKey, keyErr
}

func newStore() (*store, error) {
	k, err := signingKey()
	if err != nil {
		return nil, fmt.Errorf("cannot make a signing key: %w", err)
	}
	return &store{codes: map[string]*codeRec{}, access: map[string]*accessRec{}, refresh: map[string]*refreshRec{},
		hits: map[string][]time.Time{}, key: k, pending: map[string]pendingAuth{}}, nil
}

// opaque makes a value shaped like Passport's encrypted codes and refresh tokens.
func opaque() string {
	b := make([]byte, 96)
	_, _ = rand.Read(b)
	return "def50200" + hex.EncodeToString(b)
}

func randomID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

func (s *store) newCode(c codeRec) string {
	v := opaque()
	s.mu.Lock()
	s.codes[v] = &c
	s.mu.Unlock()
	return v
}

// issued is a token response.
type issued struct {
	access, refresh string
	expiresIn       int
}

// issue signs an access token (and a refresh token for user grants) as Passport does: an
// RS256 JWT with aud, jti, iat, nbf, exp, sub and scopes.
func (s *store) issue(clientID string, userID int, scopes []string, withRefresh bool, now time.Time) (issued, error) {
	jti := randomID(40)
	sub := ""
	if userID != 0 {
		sub = strconv.Itoa(userID)
	}
	if scopes == nil {
		scopes = []string{}
	}
	claims := jwt.MapClaims{"aud": clientID, "jti": jti, "iat": now.Unix(), "nbf": now.Unix(),
		"exp": now.Add(accessTTL).Unix(), "sub": sub, "scopes": scopes}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["typ"] = "JWT"
	signed, err := tok.SignedString(s.key)
	if err != nil {
		return issued{}, err
	}
	out := issued{access: signed, expiresIn: int(accessTTL / time.Second)}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.access[jti] = &accessRec{clientID: clientID, userID: userID, scopes: scopes, expires: now.Add(accessTTL)}
	if withRefresh {
		out.refresh = opaque()
		s.refresh[out.refresh] = &refreshRec{clientID: clientID, accessJTI: jti, userID: userID, scopes: scopes, expires: now.Add(refreshTTL)}
	}
	return out, nil
}

// parseAccess checks an access token's signature and returns its jti and record. Expiry is
// left to the caller, which answers it with its own body.
func (s *store) parseAccess(raw string) (string, *accessRec, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation()).
		ParseWithClaims(raw, claims, func(*jwt.Token) (any, error) { return &s.key.PublicKey, nil })
	if err != nil {
		return "", nil, err
	}
	jti, _ := claims["jti"].(string)
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.access[jti]
	if !ok {
		return "", nil, fmt.Errorf("unknown token")
	}
	cp := *rec
	return jti, &cp, nil
}

func (s *store) revokeAccess(jti string) {
	s.mu.Lock()
	if r, ok := s.access[jti]; ok {
		r.revoked = true
	}
	s.mu.Unlock()
}

// hit counts a request for rate limiting and returns how many fall in the current minute.
func (s *store) hit(key string, now time.Time) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	cut := now.Add(-time.Minute)
	kept := s.hits[key][:0]
	for _, t := range s.hits[key] {
		if t.After(cut) {
			kept = append(kept, t)
		}
	}
	kept = append(kept, now)
	s.hits[key] = kept
	return len(kept)
}
