package evidence

import (
	"testing"
	"time"
)

// The method a server says it received decides over the one the paste's shape suggests, and
// a paste that states none gets none: a bare URL is not a POST.
func TestStatedMethodOutranksTheGuess(t *testing.T) {
	cases := []struct{ paste, want string }{
		{"https://accounts.mubarokah.com/oauth/token\nWarning: request method 'GET' is not supported here", "GET"},
		{"PUT to https://accounts.mubarokah.com/api/user failed\n405: The PUT method is not allowed for this endpoint", "PUT"},
		{`{"detail":"Method \"GET\" not allowed."}`, "GET"},
		{"ActionController::RoutingError (No route matches [GET] \"/oauth/token\")", "GET"},
		{"https://accounts.mubarokah.com/oauth/token", ""},
		{"the method is not supported by this client library", ""},
	}
	for _, tc := range cases {
		o, err := Parse(tc.paste, time.Now())
		if err != nil {
			t.Fatalf("%q: %v", tc.paste, err)
		}
		if o.Method != tc.want {
			t.Errorf("%q: method %q, want %q", tc.paste, o.Method, tc.want)
		}
	}
}

func BenchmarkStatedMethod(b *testing.B) {
	text := "[2026-02-01 09:00:00] local.ERROR: The GET method is not supported for route oauth/token. Supported methods: POST.\n"
	for b.Loop() {
		statedMethod(text)
	}
}
