package lang

import "testing"

// Presenter mode leaves a masked secret's length only, in the language shown; text with
// no mask in it, and the words around one, stay as they are.
func TestPresented(t *testing.T) {
	for _, c := range []struct {
		l        Lang
		in, want string
	}{
		{English, "client_secret=s3cR…(40 chars) sent", "client_secret=set (40 chars) sent"},
		{Indonesian, "token eyJh…(812 chars)", "token terisi (812 karakter)"},
		{English, "a line of 12 chars)", "a line of 12 chars)"},
		{Indonesian, "", ""},
	} {
		if got := c.l.Presented(c.in); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.l, c.in, got, c.want)
		}
	}
}
