package probe

import (
	"net/url"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// maxRedirects is how many redirects the authorize probe follows on the server's own host
// before it calls the chain a loop; browsers give up at about twenty.
const maxRedirects = 10

// resolve reads a Location against the URL that answered with it.
func resolve(from, loc string) (*url.URL, error) {
	base, err := url.Parse(from)
	if err != nil {
		return nil, err
	}
	return base.Parse(loc)
}

// redirectFacts adds what a redirect from one URL to another says on its face: an https
// request sent on to plain http (the next request, and any secret in it, would travel in
// clear text), or a request sent on to another host. It returns the fact added, or "".
func redirectFacts(o *knowledge.Observation, from string, to *url.URL) string {
	f, err := url.Parse(from)
	if err != nil {
		return ""
	}
	switch {
	case strings.EqualFold(f.Scheme, "https") && strings.EqualFold(to.Scheme, "http"):
		o.AddFact(knowledge.FactRedirectDowngrade, "the server redirects this https request to plain http: "+where(to)) // English: say translates it
		return knowledge.FactRedirectDowngrade
	case to.Hostname() != "" && !strings.EqualFold(strings.TrimSuffix(f.Hostname(), "."), strings.TrimSuffix(to.Hostname(), ".")):
		o.AddFact(knowledge.FactRedirectOtherHost, "the server sends the request on to another host: "+where(to))
		return knowledge.FactRedirectOtherHost
	}
	return ""
}

// where is a redirect's target without its query (the request's own parameters again, or
// something a server put there), enough to see where it leads.
func where(u *url.URL) string {
	w := url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}
	return redact.URL(w.String())
}

// sameRequest is the form of a URL a loop is recognised by: scheme and host in lower
// case, path and query as sent.
func sameRequest(u *url.URL) string {
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Host) + u.RequestURI()
}
