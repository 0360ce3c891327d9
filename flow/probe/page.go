package probe

import (
	"bytes"
	"mime"
	"net/url"
	"strings"

	"golang.org/x/net/html"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// page is what an HTML page shows a person, as far as the authorize probe needs it: its
// words, its title and headings, and whether it asks for a sign-in.
type page struct {
	text      string // every visible word, one line per element
	headlines string // the title and the h1-h3 headings, one a line
	form      bool   // a <form>: a sign-in or consent page asks something
	password  bool   // an <input type=password>
}

// readPage reads the first maxHTMLScan bytes of an HTML page; scripts, styles and templates
// are left out.
func readPage(body []byte) page {
	if len(body) > maxHTMLScan {
		body = body[:maxHTMLScan]
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	var text, heads strings.Builder
	var pg page
	skip, head := 0, 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			pg.text, pg.headlines = text.String(), heads.String()
			return pg
		case html.StartTagToken, html.SelfClosingTagToken:
			name, attrs := z.TagName()
			tag := string(name)
			switch {
			case isHidden(name) && tt == html.StartTagToken:
				skip++
			case isHeadline(tag) && tt == html.StartTagToken:
				head++
			case tag == "form":
				pg.form = true
			case tag == "input" && attrs:
				for {
					k, v, more := z.TagAttr()
					if string(k) == "type" && strings.EqualFold(string(v), "password") {
						pg.password = true
					}
					if !more {
						break
					}
				}
			}
			text.WriteByte('\n')
		case html.EndTagToken:
			name, _ := z.TagName()
			switch {
			case isHidden(name) && skip > 0:
				skip--
			case isHeadline(string(name)) && head > 0:
				head--
				heads.WriteByte('\n')
			}
			text.WriteByte('\n')
		case html.TextToken:
			if skip == 0 {
				words := strings.Join(strings.Fields(string(z.Text())), " ")
				text.WriteString(words)
				if head > 0 {
					heads.WriteString(words + " ")
				}
			}
		}
	}
}

func isHeadline(tag string) bool {
	return tag == "title" || tag == "h1" || tag == "h2" || tag == "h3"
}

// errorWords are what a page's title or headings say when it reports a failure rather than
// asking someone to sign in.
var errorWords = []string{"error", "invalid", "not allowed", "denied", "forbidden", "went wrong", "failed", "oops", "sorry"}

// saysError reports whether the page's title or headings announce an error.
func (pg page) saysError() bool {
	h := strings.ToLower(pg.headlines)
	for _, w := range errorWords {
		if strings.Contains(h, w) {
			return true
		}
	}
	return false
}

// words is the page's text as one line: whitespace collapsed, nothing cut.
func (pg page) words() string { return strings.Join(strings.Fields(pg.text), " ") }

// readErrorPage reads the authorize endpoint's refusal when it is an HTML or plain-text
// page, as it is for a browser: the page is the expected shape here, not a sign of a wrong
// base URL or a missing Accept header, and the OAuth error printed on it is the evidence.
// The server's words go to the observation whole (masked, never cut): the catalogue's
// matcher reads them, and only a line for display is cut.
func readErrorPage(o *knowledge.Observation, ex *exchange) {
	header, body := ex.shown() // secrets masked before anything is read
	ct, _, _ := mime.ParseMediaType(header.Get("Content-Type"))
	if ct == "text/plain" && o.Error == "" && o.Description == "" && len(body) <= 2048 {
		// A few words of plain text are the server's whole explanation.
		if text := strings.Join(strings.Fields(string(body)), " "); text != "" {
			if code, desc := htmlOAuthError(body); code != "" {
				o.Error, o.Description = code, desc
			} else {
				o.Description = text
			}
		}
		return
	}
	if ct != "text/html" && !o.HasFact(knowledge.FactHTMLBody) {
		return
	}
	kept := o.Facts[:0:0]
	for _, f := range o.Facts {
		if f.Name != knowledge.FactHTMLBody {
			kept = append(kept, f)
		}
	}
	o.Facts = kept
	if o.Error != "" {
		return
	}
	pg := readPage(body)
	if code, desc := htmlOAuthError(body); code != "" {
		o.Error, o.Description = code, desc
		o.AddSource("html_body")
	}
	if o.Description == "" {
		// No description labelled as such: the page's words are the server's explanation.
		o.Description = pg.words()
	}
}

// isLoginURL reports whether a redirect goes to a sign-in page: Laravel's and most
// frameworks' /login, Okta's /signin, Keycloak's login-actions, or Ory Hydra's
// login_challenge handed to its login app.
func isLoginURL(loc string) bool {
	u, err := url.Parse(loc)
	if err != nil {
		return false
	}
	p := strings.ToLower(u.Path)
	return strings.HasSuffix(p, "/login") || strings.Contains(p, "/login/") || strings.Contains(p, "/login-actions/") ||
		strings.Contains(p, "signin") || strings.Contains(p, "sign-in") || u.Query().Get("login_challenge") != ""
}
