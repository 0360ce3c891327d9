package evidence

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// testNow is the clock every test judges token lifetimes against.
var testNow = time.Date(2026, 11, 27, 12, 14, 0, 0, time.UTC)

// makeJWT signs claims with a throwaway HMAC key: the parsers never check signatures.
func makeJWT(t testing.TB, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte("test-key-not-a-secret"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func parse(t testing.TB, text string) knowledge.Observation {
	t.Helper()
	o, err := Parse(text, testNow)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return o
}

// noSecret fails when a secret shows in the observation as JSON, the way it leaves the
// program.
func noSecret(t testing.TB, o knowledge.Observation, secrets ...string) {
	t.Helper()
	b, _ := json.Marshal(o)
	for _, s := range secrets {
		if strings.Contains(string(b), s) {
			t.Errorf("secret %.12s… appears in the observation: %s", s, b)
		}
	}
}

// want is the subset of an observation a table row asserts.
type want struct {
	endpoint, method, grant, errCode, desc, hint, message, transport string
	status, retry                                                    int
	facts, sources                                                   []string
}

func check(t *testing.T, o knowledge.Observation, w want) {
	t.Helper()
	eq := func(field, got, want string) {
		if want != "" && got != want {
			t.Errorf("%s = %q, want %q", field, got, want)
		}
	}
	eq("endpoint", string(o.Endpoint), w.endpoint)
	eq("method", o.Method, w.method)
	eq("grant_type", o.GrantType, w.grant)
	eq("error", o.Error, w.errCode)
	eq("description", o.Description, w.desc)
	eq("hint", o.Hint, w.hint)
	eq("message", o.Message, w.message)
	eq("transport", o.Transport, w.transport)
	if w.status != 0 && o.Status != w.status {
		t.Errorf("status = %d, want %d", o.Status, w.status)
	}
	if w.retry != 0 && o.RetryAfter != w.retry {
		t.Errorf("retry_after = %d, want %d", o.RetryAfter, w.retry)
	}
	for _, f := range w.facts {
		if !o.HasFact(f) {
			t.Errorf("fact %s missing; facts: %+v", f, o.Facts)
		}
	}
	for _, s := range w.sources {
		if !slices.Contains(o.Sources, s) {
			t.Errorf("source %s missing; sources: %v", s, o.Sources)
		}
	}
}
