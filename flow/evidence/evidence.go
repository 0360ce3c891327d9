// Package evidence turns whatever a person pastes (an HTTP response, curl -v output, a JSON
// error body, a callback URL, a WWW-Authenticate header, an access token, a log line) into
// one knowledge.Observation for the matcher. Parsers never panic and never keep a secret
// whole.
//
// Each recogniser scans the whole paste for its own kind of piece and reports what every
// piece says with its position; pieces are merged in the order they appear, so an earlier
// piece is never overwritten by a later one.
package evidence

import (
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/inputfile"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// MaxInput is the largest paste accepted; larger input is refused with a message.
const MaxInput = 1 << 20

// Accepted says, for error messages, what kinds of evidence Parse reads. Like Validate's
// refusals it is marked (lang.N) so that where it is shown it is said in the session's
// language (lang.Lang.Reason reads the refusal back by its shape).
var Accepted = lang.N("an HTTP response or request (raw, curl -v/-i, HTTPie), a JSON error body, " +
	"a callback or authorize URL, a WWW-Authenticate header, an access token, " +
	"or an error line from a client library, curl, Node, PHP or Go")

// Values are the plain values a paste carried that the offline checks can compare, e.g. the
// redirect_uri of an authorize URL and of a token request. CodeVerifier and AccessToken are
// secrets: they are handed to the checks and never printed.
type Values struct {
	AuthorizeRedirectURI string
	TokenRedirectURI     string
	Scope                string
	CodeChallenge        string
	CodeChallengeMethod  string
	CodeVerifier         string
	StateSent            string // the state of an authorize URL
	StateReceived        string // the state of a callback URL
	HasCallback          bool   // a callback URL was read, with or without state
	ClientID             string
	AccessToken          string
}

// piece is what one recognised fragment says, and where it starts in the paste.
type piece struct {
	pos int
	obs knowledge.Observation
}

// scan is the state one Parse shares between recognisers.
type scan struct {
	text   string // normalised paste
	lower  string // foldASCII(text): same length and offsets, so a match in it slices text
	now    time.Time
	pieces []piece
	vals   Values
	heard  received // what the answer says the server received
	// urls are the distinct absolute URLs read (at most two: one is all that is used)
	urls []string
}

// maxPieces bounds the work a paste of thousands of repeated fragments can cause; the
// first ones say all the rest would.
const maxPieces = 2000

func (s *scan) add(pos int, o knowledge.Observation) {
	if len(s.pieces) < maxPieces {
		s.pieces = append(s.pieces, piece{pos: pos, obs: o})
	}
}

// lineFrom returns the text from i to the end of its line, at most limit bytes.
func lineFrom(text string, i, limit int) string {
	end := min(len(text), i+limit)
	rest := text[i:end]
	if e := strings.IndexByte(rest, '\n'); e >= 0 {
		rest = rest[:e]
	}
	return rest
}

// lineStart returns where the line holding i starts, looking back at most limit bytes.
func lineStart(text string, i, limit int) int {
	from := max(0, i-limit)
	return from + strings.LastIndexByte(text[from:i], '\n') + 1
}

// Parse recognises every piece of evidence in text and merges what they say. now is the
// clock token lifetimes are judged against.
func Parse(text string, now time.Time) (knowledge.Observation, error) {
	o, _, err := ParseAll(text, now)
	return o, err
}

// ParseAll is Parse that also returns the values the offline checks can use.
func ParseAll(text string, now time.Time) (knowledge.Observation, Values, error) {
	if err := Validate(text); err != nil {
		return knowledge.Observation{}, Values{}, err
	}
	s := &scan{text: normalise(text), now: now}
	s.lower = foldASCII(s.text)
	for _, find := range recognisers {
		find(s)
	}
	sort.SliceStable(s.pieces, func(i, j int) bool { return s.pieces[i].pos < s.pieces[j].pos })
	var o knowledge.Observation
	for _, p := range s.pieces {
		o.Merge(p.obs)
	}
	applyReceived(&o, s.heard)
	otherServiceThrown(&o)
	proseFacts(s, &o)
	loneURL(s, &o) // after proseFacts: a request told in words places the failure first
	finish(&o)
	printableObservation(&o)
	// Each recogniser masks what it reads by its own kind (a URL's secret parameters, a
	// body's labelled fields); a secret found anywhere in the paste is masked in every field
	// that repeats it too, as the screens mask it: a client_secret pasted again as a scope, a
	// URL's code written once more in prose.
	if secrets := Secrets(text); len(secrets) > 0 {
		set := &redact.Set{}
		set.Add(secrets...)
		o.RewriteText(set.Scrub)
	}
	return o, s.vals, nil
}

// recognisers run in this order; their pieces are then sorted by position.
var recognisers = []func(*scan){
	findHTTPMessages,
	findCurlCommands,
	findURLs,
	findFormBodies,
	findJSON,
	findEscapedJSON,
	findObjectLiterals,
	findWWWAuthenticate,
	findTokens,
	findClientErrors,
	findTransport,
	findHTML,
	findFreeText,
	findReceived,
	findEmptyProfile,
}

// finish draws the conclusions that need the merged picture.
func finish(o *knowledge.Observation) {
	if o.Endpoint == knowledge.EndpointToken && o.Status >= 300 && o.Status < 400 {
		o.AddFact(knowledge.FactRedirectOnToken,
			fmt.Sprintf("the token endpoint answered HTTP %d, a redirect, instead of JSON", o.Status))
	}
	redirectTarget(o)
	if o.Status == 429 || o.Error == "rate_limit_exceeded" {
		detail := "the server says too many requests were made"
		if o.RetryAfter > 0 {
			detail += fmt.Sprintf("; retry after %d s", o.RetryAfter)
		}
		o.AddFact(knowledge.FactRateLimited, detail)
	}
}

// Validate refuses input Parse will not read: too large, or binary.
func Validate(text string) error {
	if len(text) > MaxInput {
		return fmt.Errorf(lang.N("the input is %s; the limit is 1 MiB. Paste only the part that shows the error "+
			"(the response, the error line, the URL)"), SizeText(len(text)))
	}
	if nul := strings.Count(text, "\x00"); nul > 0 {
		return fmt.Errorf(lang.N("the input looks binary (%d NUL bytes); paste text instead: %s"), nul, Accepted)
	}
	if !utf8.ValidString(text) {
		bad := 0
		for i := 0; i < len(text); {
			r, n := utf8.DecodeRuneInString(text[i:])
			if r == utf8.RuneError && n == 1 {
				bad++
			}
			i += n
		}
		if bad > 8 && bad*20 > len(text) {
			return fmt.Errorf(lang.N("the input looks binary (%d bytes are not UTF-8 text); paste text instead: %s"), bad, Accepted)
		}
	}
	return nil
}

// SizeText is a byte count as a person reads it: "1.5 MiB", "12.0 KiB", "300 bytes".
func SizeText(n int) string { return inputfile.SizeText(n) }

// normalise makes line handling uniform: valid UTF-8, \n line ends, and no terminal
// control (colours from HTTPie or a terminal log, and anything worse) left to reach a
// screen through what is quoted from the paste.
func normalise(text string) string {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return redact.Printable(text)
}

// FromHTTP reads a response the program received itself (a live probe) the same way a
// pasted one is read. endpoint is one of authorize, token, api_user, api_user_details.
func FromHTTP(endpoint knowledge.Endpoint, status int, header map[string][]string, body []byte, now time.Time) knowledge.Observation {
	o := knowledge.Observation{Endpoint: endpoint, Status: status}
	o.AddSource("http_response")
	for name, vals := range header {
		if len(vals) > 0 {
			responseHeader(&o, name, vals[0])
		}
	}
	if len(body) > MaxInput {
		o.AddFact(knowledge.FactOversizeBody, fmt.Sprintf("the body is %s, more than 1 MiB", SizeText(len(body))))
		body = body[:MaxInput]
	}
	text := string(body)
	if strings.TrimSpace(text) == "" {
		if status >= 400 {
			o.AddFact(knowledge.FactEmptyBody, fmt.Sprintf("HTTP %d came with an empty body", status))
		}
	} else if Validate(text) == nil {
		b, _, _ := ParseAll(text, now)
		o.Merge(b)
	}
	loginRedirect(&o)
	finish(&o)
	printableObservation(&o)
	return o
}

// Describe names a source kind in words, for "what was read".
func Describe(kind string) string {
	if d, ok := sourceWords[kind]; ok {
		return d
	}
	return strings.ReplaceAll(kind, "_", " ")
}

var sourceWords = map[string]string{
	"http_response":            "an HTTP response (status line and headers)",
	"http_request":             "an HTTP request (request line and headers)",
	"curl_verbose":             "curl -v output",
	"curl_command":             "a curl command line",
	"json_body":                "a JSON body",
	"object_literal":           "an error object printed by JavaScript or Python",
	"token_response":           "a token response (access token masked)",
	"callback_url":             "a callback URL",
	"authorize_url":            "an authorize URL",
	"provider_url":             "a Mubarokah ID endpoint URL",
	"form_body":                "a form-encoded request body (secrets masked)",
	"json_request":             "a JSON request body",
	"www_authenticate":         "a WWW-Authenticate header",
	"access_token":             "an access token (decoded without checking its signature)",
	"passport_encrypted_value": "a def50200… value: a Passport refresh token or authorization code (encrypted; it cannot be decoded and is not an access token)",
	"go_oauth2_error":          "a golang.org/x/oauth2 error",
	"axios_error":              "an axios/fetch error",
	"guzzle_error":             "a Guzzle exception",
	"python_http_error":        "a Python requests/httpx error",
	"laravel_log":              "a Laravel log line",
	"access_log":               "a web server's access log line",
	"status_phrase":            "an HTTP status named in an error line",
	"transport_error":          "a network error (before any HTTP answer)",
	"html_body":                "an HTML page",
}
