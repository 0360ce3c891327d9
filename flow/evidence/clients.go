package evidence

import (
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// clientSign is one client library's way of printing an HTTP failure. The regexp runs only
// on the line holding the cheap lower-case trigger, so a megabyte of log stays fast.
type clientSign struct {
	trigger string
	re      *regexp.Regexp
	source  string
	read    func(m []string, o *knowledge.Observation)
}

// clientSigns is built on first use: compiling its patterns at start-up cost every command
// time, and most never read a client error.
var clientSigns = sync.OnceValue(func() []clientSign {
	return []clientSign{
		{
			// golang.org/x/oauth2 RetrieveError with a parsed body: oauth2: "invalid_grant" "desc" "uri"
			trigger: `oauth2: "`,
			re:      regexp.MustCompile(`oauth2: ("(?:[^"\\]|\\.)*")(?: ("(?:[^"\\]|\\.)*"))?(?: ("(?:[^"\\]|\\.)*"))?`),
			source:  "go_oauth2_error",
			read: func(m []string, o *knowledge.Observation) {
				o.Endpoint = knowledge.EndpointToken
				o.Error = unquote(m[1])
				o.Description = unquote(m[2])
				o.ErrorURI = unquote(m[3])
			},
		},
		{
			// oauth2: cannot fetch token: 400 Bad Request\nResponse: {...}
			trigger: "oauth2: cannot fetch token",
			re:      regexp.MustCompile(`oauth2: cannot fetch token: (\d{3})`),
			source:  "go_oauth2_error",
			read: func(m []string, o *knowledge.Observation) {
				o.Endpoint = knowledge.EndpointToken
				o.Status = atoi(m[1])
			},
		},
		{
			trigger: "request failed with status code",
			re:      regexp.MustCompile(`Request failed with status code (\d{3})`),
			source:  "axios_error",
			read:    func(m []string, o *knowledge.Observation) { o.Status = atoi(m[1]) },
		},
		{
			// Guzzle: Client error: `POST https://…/oauth/token` resulted in a `400 Bad Request` response:
			// (older Guzzle and Markdown-mangled copies quote with ' or not at all)
			trigger: "resulted in a ",
			re:      regexp.MustCompile("(?:Client|Server) error: [`']?([A-Z]+) ([^`'\\s]+)[`']? resulted in an? [`']?(\\d{3})"),
			source:  "guzzle_error",
			read: func(m []string, o *knowledge.Observation) {
				o.Method = m[1]
				o.Endpoint = requestEndpointFor(m[1], m[2])
				o.Status = atoi(m[3])
			},
		},
		{
			// Guzzle 3's ClientErrorResponseException / ServerErrorResponseException message,
			// one bracketed field a line: [status code] 401, [reason phrase] …, [url] https://…
			trigger: "[status code]",
			re:      regexp.MustCompile(`\[status code\]\s*(\d{3})\b`),
			source:  "guzzle_error",
			read:    func(m []string, o *knowledge.Observation) { o.Status = atoi(m[1]) },
		},
		{
			trigger: "[url] http",
			re:      regexp.MustCompile("\\[url\\] (https?://[^\\s`'\"]+)"),
			source:  "guzzle_error",
			read: func(m []string, o *knowledge.Observation) {
				o.Endpoint = requestEndpoint(m[1])
				o.URL = redact.URL(m[1])
			},
		},
		{
			// requests: 401 Client Error: Unauthorized for url: https://…
			trigger: " error: ",
			re:      regexp.MustCompile(`(\d{3}) (?:Client|Server) Error: [^\n]*? for url: (\S+)`),
			source:  "python_http_error",
			read: func(m []string, o *knowledge.Observation) {
				o.Status = atoi(m[1])
				o.Endpoint = requestEndpoint(m[2])
			},
		},
		{
			// httpx: Client error '401 Unauthorized' for url 'https://…'
			trigger: " error '",
			re:      regexp.MustCompile(`(?:Client|Server) error '(\d{3})[^']*' for url '([^']+)'`),
			source:  "python_http_error",
			read: func(m []string, o *knowledge.Observation) {
				o.Status = atoi(m[1])
				o.Endpoint = requestEndpoint(m[2])
			},
		},
		{
			// Laravel log: …OAuthServerException(code: 8): The refresh token is invalid. at /var/www/…
			trigger: "oauthserverexception(code:",
			re:      regexp.MustCompile(`OAuthServerException\(code: (\d+)\): (.+?)(?: at /| at [A-Z]:\\|"|$)`),
			source:  "laravel_log",
			read:    func(m []string, o *knowledge.Observation) { o.Description = strings.TrimSpace(m[2]) },
		},
		{
			// Go net/http: Post "https://…/oauth/token": dial tcp …
			trigger: `": `,
			re:      regexp.MustCompile(`\b(Get|Post|Put|Patch|Delete|Head) "(https?://[^"]+)": `),
			source:  "transport_error",
			read: func(m []string, o *knowledge.Observation) {
				o.Method = strings.ToUpper(m[1])
				o.Endpoint = requestEndpointFor(m[1], m[2])
			},
		},
		{
			// A web server's access log (nginx, Apache, werkzeug): "POST /oauth/token HTTP/1.1" 404
			trigger: ` http/1`,
			re:      regexp.MustCompile(`"([A-Z]+) (\S+) HTTP/[0-9.]+" (\d{3})\b`),
			source:  "access_log",
			read: func(m []string, o *knowledge.Observation) {
				o.Method = m[1]
				o.Endpoint = requestEndpointFor(m[1], m[2])
				o.Status = atoi(m[3])
			},
		},
		{
			trigger: "status",
			re:      regexp.MustCompile(`(?i)\b(?:status(?:[ _]?code)?|http status)\s*[:=]?\s*(\d{3})\b`),
			source:  "status_phrase",
			read:    func(m []string, o *knowledge.Observation) { o.Status = atoi(m[1]) },
		},
	}
})

// findClientErrors reads the error lines of common HTTP clients: the status, endpoint and
// OAuth error they name. Bodies that follow them are read by the JSON recognisers.
func findClientErrors(s *scan) {
	for _, sign := range clientSigns() {
		for _, i := range findAll(s.lower, strings.ToLower(sign.trigger), 20) {
			start := lineStart(s.text, i, 2048)
			end := i + len(lineFrom(s.text, i, 2048))
			m := sign.re.FindStringSubmatchIndex(s.text[start:end])
			if m == nil {
				continue
			}
			groups := make([]string, len(m)/2)
			for g := range groups {
				if m[2*g] >= 0 {
					groups[g] = s.text[start+m[2*g] : start+m[2*g+1]]
				}
			}
			var o knowledge.Observation
			sign.read(groups, &o)
			if o.Status != 0 && (o.Status < 100 || o.Status > 599) {
				o.Status = 0
			}
			o.AddSource(sign.source)
			s.add(start+m[0], o)
			break
		}
	}
}

func unquote(q string) string {
	if q == "" {
		return ""
	}
	if v, err := strconv.Unquote(q); err == nil {
		return v
	}
	return strings.Trim(q, `"`)
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
