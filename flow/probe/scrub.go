package probe

import (
	"net/http"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// maxDetail is the most of a transport failure's words kept: a garbage status line can be
// as long as the header limit.
const maxDetail = 400

// shown is the answer as it may be read and shown: every secret of the request masked in
// the body (raw and JSON-escaped) and in the header values, before anything is cut from
// it. The raw answer stays as it came for golang.org/x/oauth2, which needs the real tokens.
func (ex *exchange) shown() (http.Header, []byte) {
	if ex.secrets == nil {
		return ex.header, ex.body
	}
	ex.showOnce.Do(func() {
		ex.shownHeader = make(http.Header, len(ex.header))
		for k, vs := range ex.header {
			out := make([]string, len(vs))
			for i, v := range vs {
				out[i] = ex.secrets.Scrub(v)
			}
			ex.shownHeader[k] = out
		}
		ex.shownBody = []byte(ex.secrets.ScrubJSON(string(ex.body)))
	})
	return ex.shownHeader, ex.shownBody
}

// scrubObservation masks the request's secrets in every text of an observation the server
// (or its failure) supplied, after they were read and decoded (a JSON \/ escape hides a
// secret from the body's scrub) and before any of them is cut for a line; then bounds the
// transport detail.
func scrubObservation(o *knowledge.Observation, secrets *redact.Set) {
	if secrets != nil {
		o.RewriteText(secrets.Scrub)
	}
	o.TransportDetail = clip(o.TransportDetail, maxDetail)
}
