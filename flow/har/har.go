// Package har reads a browser's HAR trace (HTTP Archive 1.2, as Chrome, Firefox and Safari
// export it) of a "Login with Mubarokah ID" sign-in and turns it into a timeline of OAuth
// steps: the authorize request, the sign-in and consent pages, the callback to the
// application and its answer, the token requests and the API calls. It runs the checks that
// need several steps at once (state, redirect_uri, PKCE, a code spent twice or exchanged too
// late, a refresh token reused, a token request to another host) and names the first step
// that went wrong with its diagnosis.
//
// A HAR is full of cookies, session ids, codes and tokens. The parsed file stays inside this
// package; what Analyze returns holds none of them whole, and Secrets lists them all so the
// caller can scrub every output of the run.
package har

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
)

// Limits that keep a hostile or simply huge file bounded.
const (
	// MaxSize is the largest HAR read; a bigger file is refused with a message.
	MaxSize = 50 << 20
	// maxEntries is how many entries are read; a sign-in never needs more.
	maxEntries = 20000
	// maxURL is how much of a URL is read; authorize URLs are a few KiB at most.
	maxURL = 64 << 10
	// maxFields caps headers, cookies and parameters read per message.
	maxFields = 300
	// maxBody is how much of one body is read (decoded), the most a paste may hold.
	maxBody = evidence.MaxInput
)

// HAR is a parsed trace. It holds the secrets the browser recorded, so it has no exported
// fields: read it through Analyze and Secrets.
type HAR struct {
	version string
	creator string
	entries []entry  // in time order, file order among equal times
	skipped int      // entries that could not be read
	dropped int      // entries past maxEntries
	secrets []string // found once, on first use
}

// Entries is the number of entries read.
func (h *HAR) Entries() int { return len(h.entries) }

// Creator names the program that wrote the file, e.g. "Firefox 128.0".
func (h *HAR) Creator() string { return h.creator }

// entry is one request and its response, as the file holds them.
type entry struct {
	index   int       // position in log.entries, from 0
	started time.Time // zero when the file has no readable time
	dur     time.Duration
	req     request
	resp    response
	kind    string // Chrome's _resourceType or Safari's _fetchType, lower case
}

type request struct {
	method  string
	url     string
	headers []field
	cookies []field
	query   []field
	body    *postData
}

type postData struct {
	mime   string
	text   string
	params []field
}

type response struct {
	status   int
	headers  []field
	cookies  []field
	mime     string
	size     int64
	body     []byte // decoded, at most maxBody+1 bytes
	recorded bool   // the file holds a body (possibly empty)
	badBody  bool   // the body is marked base64 but does not decode
	redirect string
	errText  string // Chrome's _error: why no answer came
}

// field is a name and value: a header, cookie, query or form parameter.
type field struct{ name, value string }

// Parse reads a HAR document. data may be the file itself, the file with a byte-order
// mark, or a larger text (a ticket, a chat message) holding it: the HAR is found by its
// shape, an object with log.version and log.entries.
func Parse(data []byte) (*HAR, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("the HAR file is %s; the limit is %s. Record only the sign-in: clear the "+
			"network log, start recording, sign in, then export", evidence.SizeText(len(data)), evidence.SizeText(MaxSize))
	}
	if bytes.IndexByte(data, 0) >= 0 && !utf8.Valid(data) {
		return nil, errors.New("the file is binary, not a HAR: export the network log as HAR (a JSON text file ending in .har)")
	}
	raw, err := locate(data)
	if err != nil {
		return nil, err
	}
	h := &HAR{version: string(raw.Log.Version)}
	if c := raw.Log.Creator; c != nil {
		h.creator = strings.TrimSpace(string(c.Name) + " " + string(c.Version))
	}
	list := raw.Log.Entries
	if len(list) > maxEntries {
		h.dropped = len(list) - maxEntries
		list = list[:maxEntries]
	}
	h.entries = make([]entry, 0, len(list))
	for i, w := range list {
		if w.Request == nil {
			h.skipped++
			continue
		}
		h.entries = append(h.entries, w.entry(i))
	}
	sortEntries(h.entries)
	return h, nil
}

// Looks reports, cheaply, whether text seems to hold a HAR, so a paste can be routed to
// Parse before the general evidence parsers see it.
func Looks(text string) bool {
	i := strings.Index(text, `"log"`)
	return i >= 0 && strings.Contains(text[i:], `"entries"`) && strings.Contains(text[i:], `"version"`)
}

// sortEntries orders entries by start time. An entry without a readable time keeps its
// place after the entry before it in the file, so a file without times stays in file order.
func sortEntries(es []entry) {
	var last time.Time
	for i := range es {
		if es[i].started.IsZero() {
			es[i].started = last
		} else {
			last = es[i].started
		}
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].started.Before(es[j].started) })
}

// parseTime reads startedDateTime: ISO 8601 with a zone, as browsers write it, or the
// "+0200" zone some tools write.
func parseTime(s string) time.Time {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, strings.TrimSpace(s)); err == nil {
			return t
		}
	}
	return time.Time{}
}
