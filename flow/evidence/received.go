package evidence

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// received is what the server's answer says it got: Laravel's "The GET method is not
// supported for route oauth/token", Symfony's `No route found for "GET https://…"`.
type received struct {
	method, url string
	route       string // Laravel's "for route api/user": the path the server matched
}

var receivedPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:\bthe (get|head|post|put|patch|delete|options) method is not supported(?: for route ([\w./{}-]+))?` +
		`|no route found for (?:\\u0022|\\?")?(get|head|post|put|patch|delete|options) (https?:(?:\\?/)+[^\s"\\]+))`)
})

// findReceived reads the method (and URL) the server says it received. The request a paste
// shows may say otherwise: a POST that arrives as a GET was turned by a redirect on the way.
func findReceived(s *scan) {
	if !strings.Contains(s.lower, "not supported") && !strings.Contains(s.lower, "no route found") {
		s.heard.method = statedMethod(s.text) // other frameworks' wording (method.go)
		return
	}
	m := receivedPattern().FindStringSubmatch(s.text[:min(len(s.text), 256<<10)])
	if m == nil {
		s.heard.method = statedMethod(s.text)
		return
	}
	s.heard.method = strings.ToUpper(m[1] + m[3])
	s.heard.route = strings.TrimSuffix(m[2], ".")
	s.heard.url = strings.ReplaceAll(m[4], `\/`, "/")
}

// applyReceived sets the method from the answer when the paste shows no request, and notes a
// method that changed between what was sent and what arrived.
func applyReceived(o *knowledge.Observation, r received) {
	if r.method == "" {
		return
	}
	if o.Endpoint == "" {
		if r.url != "" {
			o.Endpoint = endpointOf(r.url)
		} else if r.route != "" {
			o.Endpoint = endpointOf("/" + r.route)
		}
	}
	if o.Method == "" {
		o.Method = r.method
		return
	}
	if o.Method == "POST" && (r.method == "GET" || r.method == "HEAD") {
		detail := fmt.Sprintf("the request was sent as POST but the server says it received %s: a 301 or 302 on the way "+
			"made the client repeat it as %s, without its body", r.method, r.method)
		if strings.HasPrefix(o.URL, "http://") && strings.HasPrefix(r.url, "https://") {
			detail += "; the request went to http:// and arrived at https://, so the redirect upgraded plain http"
			o.AddFact(knowledge.FactPlainHTTP, "the request was sent to "+o.URL+", plain http, and redirected to https")
		}
		o.AddFact(knowledge.FactMethodChanged, detail)
	}
}
