package evidence

import (
	"net/url"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// redirectTarget compares a pasted redirect's Location with the URL the request went to: a
// redirect to another host, or from https down to plain http, says where the fault lies
// (the host forwards elsewhere) better than the redirect alone.
func redirectTarget(o *knowledge.Observation) {
	if o.Status < 300 || o.Status >= 400 || o.Location == "" || o.URL == "" {
		return
	}
	from, err1 := url.Parse(o.URL)
	to, err2 := url.Parse(o.Location)
	if err1 != nil || err2 != nil || from.Host == "" || to.Host == "" {
		return // a relative Location stays on the same host
	}
	switch {
	case !strings.EqualFold(from.Hostname(), to.Hostname()):
		o.AddFact(knowledge.FactRedirectOtherHost, "the answer sends the request from "+from.Hostname()+" on to another host, "+to.Hostname())
	case from.Scheme == "https" && to.Scheme == "http":
		o.AddFact(knowledge.FactRedirectDowngrade, "the answer redirects an https request to plain http")
	}
}
