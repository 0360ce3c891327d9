// Package evidence turns whatever a person pastes (an HTTP response, curl -v output, a JSON
// error body, a callback URL, a WWW-Authenticate header, an access token, a log line) into
// one knowledge.Observation for the matcher. Parsers never panic and never keep a secret
// whole.
package evidence

import (
	"net/http"
	"time"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// MaxInput is the largest paste accepted; larger input is refused with a message.
const MaxInput = 1 << 20

// Parse recognises every piece of evidence in text and merges what they say. now is the
// clock token lifetimes are judged against.
//
// STUB: the evidence change replaces this with the real parsers; the signature stays.
func Parse(text string, now time.Time) (knowledge.Observation, error) {
	return knowledge.Observation{}, nil
}

// FromHTTP reads a response the program received itself (a live probe) the same way a
// pasted one is read. endpoint is one of authorize, token, api_user, api_user_details.
//
// STUB: the evidence change replaces this with the real reader; the signature stays.
func FromHTTP(endpoint string, status int, header http.Header, body []byte, now time.Time) knowledge.Observation {
	return knowledge.Observation{Endpoint: endpoint, Status: status}
}
