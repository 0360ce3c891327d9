package evidence

import (
	"fmt"
	"html"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// htmlStarts mark an HTML document where JSON was expected.
var htmlStarts = []string{"<!doctype html", "<html", "<head>", "<body"}

// findHTML notes an HTML page (a Laravel error or login page, a proxy's error page) and
// whether it is a login page or Symfony's "Redirecting to …/login".
func findHTML(s *scan) {
	at := -1
	for _, m := range htmlStarts {
		if i := strings.Index(s.lower, m); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	if at < 0 {
		return
	}
	var o knowledge.Observation
	o.AddSource("html_body")
	title := between(s.text, s.lower, "<title>", "</title>", at)
	detail := "the body is an HTML page where JSON was expected"
	if title != "" {
		detail = fmt.Sprintf("the body is an HTML page titled %q where JSON was expected", title)
	}
	o.AddFact(knowledge.FactHTMLBody, detail)
	// A web server's own error page is titled with its status: "404 Not Found" (nginx,
	// Apache, werkzeug). Read at the page, after any status line before it.
	if len(title) > 4 && title[3] == ' ' {
		if n := atoi(title[:3]); n >= 400 && n <= 599 {
			o.Status = n
		}
	}
	// Laravel's error pages (403, 404, 419, 429, 500, 503) print the exception's message in
	// this block; for a 403 it is the reason, e.g. "Invalid scope(s) provided.".
	if msg := between(s.text, s.lower, `uppercase tracking-wider">`, "</div>", at); msg != "" {
		o.Message = html.UnescapeString(msg)
	}
	page := s.lower[at:]
	lt := strings.ToLower(title)
	if strings.Contains(lt, "login") || strings.Contains(lt, "log in") || strings.Contains(lt, "sign in") ||
		strings.Contains(page, `name="password"`) || (strings.Contains(lt, "redirecting to") && strings.Contains(lt, "login")) {
		o.AddFact(knowledge.FactLoginRedirect, "the HTML is a login page: the request was treated as a browser guest, "+
			"usually because it did not send Accept: application/json")
	}
	s.add(at, o)
}

// between returns the trimmed text between open and close after position from.
func between(text, lower, open, close string, from int) string {
	i := strings.Index(lower[from:], open)
	if i < 0 {
		return ""
	}
	i += from + len(open)
	j := strings.Index(lower[i:], close)
	if j < 0 || j > 300 {
		return ""
	}
	return strings.Join(strings.Fields(text[i:i+j]), " ")
}
