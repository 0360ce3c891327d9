package evidence

import (
	"html"
	"sort"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Bounds on what free text keeps: the sentences that matter come first in every log,
// exception page and trace, and the catalogue's vocabulary reads at most maxSaid of it.
const (
	maxTextBytes     = 8 << 10
	maxTextLine      = 1 << 10
	maxExceptionHits = 400
	maxExceptions    = 3
)

// findFreeText reads what a paste says in words outside any structure the other recognisers
// know: a log record's message, an exception's message, a library's error line, a server's
// sentence in a journal. Its lines (stack frames, request lines and request headers left
// out, secrets masked) go to Observation.Text, where the catalogue's vocabulary reads them,
// and the exception classes it names go to Observation.Exception.
func findFreeText(s *scan) {
	if !errorish(s.lower) {
		return // prose with no error in it ("it does not work, please help") says nothing to match
	}
	var o knowledge.Observation
	if ex := exceptionNames(s.text, s.lower); ex != "" {
		o.Exception = ex
	}
	var b strings.Builder
	// skipped holds the lines passed over (a request's headers, a form body, frames): a
	// secret labelled there (client_secret=…) may stand unlabelled in a kept line.
	var skipped strings.Builder
	seen := map[string]bool{}
	seenRaw := map[string]bool{} // a log repeats lines: each is read once
	first := -1
	frames := 0 // frames read since the last line that was not one
	for pos := 0; pos < len(s.text) && b.Len() < maxTextBytes; {
		end := strings.IndexByte(s.text[pos:], '\n')
		if end < 0 {
			end = len(s.text)
		} else {
			end += pos
		}
		line := s.text[pos:end]
		at := pos
		pos = end + 1
		if len(line) > maxTextLine {
			line = line[:maxTextLine]
		}
		if seenRaw[line] {
			continue
		}
		seenRaw[line] = true
		t := strings.TrimSpace(stripLogPrefix(line))
		if htmlEscaped(t) {
			t = html.UnescapeString(t) // an error page or tracker quoting the server's JSON
		}
		if t == "" || seen[t] {
			continue
		}
		if isFrame(t) {
			// The top frames of a trace say where the failure was thrown (PasswordGrant's
			// validateUser, BearerTokenValidator) and the hint league's exception was built
			// with; the rest is the framework's plumbing.
			if frames++; frames > maxTopFrames {
				keepFor(&skipped, line)
				continue
			}
		} else if frames = 0; !saysSomething(t) {
			keepFor(&skipped, line)
			continue
		}
		seen[t] = true
		if first < 0 {
			first = at
		}
		b.WriteString(t)
		b.WriteByte('\n')
	}
	if b.Len() > 0 {
		set := &redact.Set{}
		set.Add(Secrets(skipped.String() + "\n" + b.String())...)
		o.Text = strings.TrimSpace(set.Scrub(b.String()))
	}
	if o.Text == "" && o.Exception == "" {
		return
	}
	if first < 0 {
		first = 0
	}
	// After every structured piece at the same spot: a JSON body's own fields come first.
	s.add(first+1, o)
}

// errorMarkers are the words without which a paste reports no failure in its own words.
// "expected" (which covers "unexpected") and "must be" are how clients and servers word a
// refusal without an error word: "Expected JSON, got text/html", "The request method must
// be POST".
var errorMarkers = []string{"err", "exception", "fail", "denied", "invalid", "expire", "refused",
	"match", "unauthori", "forbidden", "not found", "missing", "requir", "already", "timed out",
	"timeout", "aadsts", "uncaught", "fatal", "not allowed", "not supported", "unable", "cannot",
	"could not", "couldn't", "not defined", "revoked", "malformed", "unauthenticated", "reject",
	"used", "too early", "no such", "registered", "wrong", "unknown", "bad ", "problem", "warn",
	"abort", "panic", "traceback", "too many", "limit", "not valid", "consent", "expected", "must be"}

// markerSlot maps the first two bytes of each marker to 1 + its group in markerGroups, so
// errorish reads a megabyte once, with one table load per byte, instead of once per marker.
var markerSlot, markerGroups = func() (*[1 << 16]uint8, [][]string) {
	var slot [1 << 16]uint8
	var groups [][]string
	for _, w := range errorMarkers {
		k := uint16(w[0])<<8 | uint16(w[1])
		if slot[k] == 0 {
			groups = append(groups, nil)
			slot[k] = uint8(len(groups))
		}
		groups[slot[k]-1] = append(groups[slot[k]-1], w)
	}
	return &slot, groups
}()

// errorish reports whether the lower-cased paste holds any error marker.
func errorish(lower string) bool {
	for i := 0; i+1 < len(lower); i++ {
		g := markerSlot[uint16(lower[i])<<8|uint16(lower[i+1])]
		if g == 0 {
			continue
		}
		for _, w := range markerGroups[g-1] {
			if strings.HasPrefix(lower[i:], w) {
				return true
			}
		}
	}
	return false
}

// stripLogPrefix drops what a container runtime or journal puts before a log line: a
// kubectl/docker timestamp, a compose service name ("app_1  | "), a systemd journal's
// "Mon DD hh:mm:ss host unit[pid]: ". What is left is the application's own line.
func stripLogPrefix(line string) string {
	if i := strings.Index(line, " | "); i > 0 && i < 48 && !strings.ContainsAny(line[:i], "{}\"'") {
		line = line[i+3:]
	}
	if i := strings.Index(line, "]: "); i > 0 && i < 96 && strings.IndexByte(line[:i], '[') > 0 {
		line = line[i+3:]
	}
	return line
}

// saysSomething reports whether a trimmed line is words someone said, not a stack frame, a
// request the client sent or punctuation left from a pretty-printed object.
func saysSomething(t string) bool {
	if strings.HasPrefix(t, "> ") || strings.HasPrefix(t, "< ") {
		// curl -v's markers, or a quote in Markdown: what follows decides.
		if t = strings.TrimSpace(t[2:]); t == "" {
			return false
		}
	}
	switch {
	case strings.HasPrefix(t, "curl ") || strings.HasPrefix(t, "$ curl "):
		return false // the command itself: the request, not the answer
	case strings.HasPrefix(t, "\"file\"") || strings.HasPrefix(t, "\"line\"") || strings.HasPrefix(t, "\"function\"") ||
		strings.HasPrefix(t, "\"class\"") || strings.HasPrefix(t, "\"type\"") || strings.HasPrefix(t, "\"trace\""):
		return false // Laravel's debug JSON trace
	case strings.HasPrefix(t, "...") && strings.HasSuffix(t, "more"):
		return false
	}
	if name, _, ok := headerLine(t); ok {
		if n := strings.ToLower(name); requestHeaders[n] || plumbingHeaders[n] || strings.HasPrefix(n, "access-control-") ||
			strings.HasPrefix(n, "x-ratelimit-") {
			return false
		}
	}
	if _, _, ok := requestLine(t); ok {
		return false
	}
	if strings.Contains(t, "grant_type=") && !strings.Contains(t, " ") {
		return false // a form body: its parameters are read by findFormBodies
	}
	letters := 0
	for i := 0; i < len(t) && letters < 3; i++ {
		c := t[i] | 0x20
		if c >= 'a' && c <= 'z' {
			letters++
		}
	}
	return letters >= 3
}

// maxSkipped bounds the lines passed over that are searched for secrets.
const maxSkipped = 64 << 10

func keepFor(b *strings.Builder, line string) {
	if b.Len()+len(line) < maxSkipped {
		b.WriteString(line)
		b.WriteByte('\n')
	}
}

// maxTopFrames is how many frames of each trace are read.
const maxTopFrames = 6

// isFrame reports whether a trimmed line is a stack frame: PHP's "#0 /path(12): Class->fn()",
// Node's and Java's "at …", Python's "File \"…\", line 3", Ruby's "from …".
func isFrame(t string) bool {
	if strings.HasPrefix(t, "> ") {
		t = strings.TrimSpace(t[2:])
	}
	return len(t) > 1 && t[0] == '#' && t[1] >= '0' && t[1] <= '9' ||
		strings.HasPrefix(t, "at ") || strings.HasPrefix(t, "File \"") || strings.HasPrefix(t, "from ")
}

// requestHeaders are headers only a request carries: their values are what was sent.
var requestHeaders = map[string]bool{
	"authorization": true, "cookie": true, "host": true, "user-agent": true, "accept": true,
	"accept-encoding": true, "accept-language": true, "origin": true, "referer": true,
	"content-length": true, "connection": true, "x-requested-with": true, "x-csrf-token": true,
	"x-xsrf-token": true, "upgrade-insecure-requests": true, "sec-fetch-mode": true,
	"sec-fetch-site": true, "sec-fetch-dest": true, "cache-control": true, "pragma": true,
}

// plumbingHeaders are response headers that say nothing about an error: reading them as
// words costs the matcher time and can only mislead it.
var plumbingHeaders = map[string]bool{
	"date": true, "server": true, "content-type": true, "cache-control": true, "expires": true, "vary": true,
	"set-cookie": true, "x-powered-by": true, "strict-transport-security": true, "x-frame-options": true,
	"x-content-type-options": true, "x-xss-protection": true, "transfer-encoding": true, "etag": true,
	"last-modified": true, "alt-svc": true, "cf-ray": true, "report-to": true, "nel": true,
	"content-security-policy": true, "referrer-policy": true, "permissions-policy": true, "keep-alive": true,
}

// exceptionNames lists the exception and error classes a paste names, qualified as written
// (League\OAuth2\Server\Exception\OAuthServerException, oauthlib…MismatchingStateError,
// RPError): those outside stack frames first, as the thrown ones, at most maxExceptions.
func exceptionNames(text, lower string) string {
	type hit struct {
		pos    int
		name   string
		framed bool
	}
	var found []hit
	hits := 0
	for _, suffix := range []string{"exception", "error"} {
		for from := 0; hits < maxExceptionHits; {
			i := strings.Index(lower[from:], suffix)
			if i < 0 {
				break
			}
			i += from
			end := i + len(suffix)
			from = end
			hits++
			if end < len(text) && isWordByte(text[end]) {
				continue // Exceptions\Handler, errors.py
			}
			if end+1 < len(text) && text[end] == '.' && text[end+1] >= 'a' && text[end+1] <= 'z' {
				continue // a file (OAuthServerException.php) or a member (error.response)
			}
			start := i
			for start > 0 && (isWordByte(text[start-1]) || text[start-1] == '\\' || text[start-1] == '.') {
				start--
			}
			name := strings.Trim(text[start:end], `\.`)
			name = strings.ReplaceAll(name, `\\`, `\`)
			last := name[max(strings.LastIndexAny(name, `\.`)+1, 0):]
			if len(last) <= len(suffix) || last[0] < 'A' || last[0] > 'Z' {
				continue // a bare "Error", or a word such as "an_error"
			}
			// From the name's start: a name longer than lineStart's reach (a fuzzer's, or a
			// run of letters) must not put the line's start after it.
			ls := lineStart(text, start, 2048)
			found = append(found, hit{start, name, frameLine(strings.TrimSpace(text[ls:start]))})
		}
	}
	sort.Slice(found, func(a, b int) bool { return found[a].pos < found[b].pos })
	var thrown, framed []string
	for _, h := range found {
		if namedBefore(thrown, h.name) || namedBefore(framed, h.name) {
			continue
		}
		if h.framed {
			framed = appendNew(framed, h.name)
		} else {
			thrown = appendNew(thrown, h.name)
		}
	}
	names := thrown
	if len(names) == 0 && len(framed) > 0 {
		names = framed[:1]
	}
	if len(names) > maxExceptions {
		names = names[:maxExceptions]
	}
	return strings.Join(names, ", ")
}

func frameLine(beforeName string) bool {
	return strings.HasPrefix(beforeName, "#") || strings.HasPrefix(beforeName, "at ")
}

// namedBefore reports whether a class of the same short name is listed already: a log
// names League\…\OAuthServerException and then OAuthServerException(code: 9).
func namedBefore(list []string, name string) bool {
	short := name[strings.LastIndexAny(name, `\.`)+1:]
	for _, v := range list {
		if v[strings.LastIndexAny(v, `\.`)+1:] == short {
			return true
		}
	}
	return false
}

func appendNew(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}
