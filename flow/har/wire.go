package har

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// The wire types mirror HAR 1.2 with only the fields the analysis reads. Vendor fields
// (_initiator, _priority, _transferSize, …) are left to encoding/json, which skips what it
// is not asked for; the two read here are named.

type wireHAR struct {
	Log *wireLog `json:"log"`
}

type wireLog struct {
	Version str          `json:"version"`
	Creator *wireCreator `json:"creator"`
	Entries []wireEntry  `json:"entries"`
}

type wireCreator struct {
	Name    str `json:"name"`
	Version str `json:"version"`
}

type wireEntry struct {
	Started      str           `json:"startedDateTime"`
	Time         num           `json:"time"`
	Request      *wireRequest  `json:"request"`
	Response     *wireResponse `json:"response"`
	ResourceType str           `json:"_resourceType"` // Chrome
	FetchType    str           `json:"_fetchType"`    // Safari
}

type wireRequest struct {
	Method   str          `json:"method"`
	URL      str          `json:"url"`
	Headers  []wireField  `json:"headers"`
	Cookies  []wireField  `json:"cookies"`
	Query    []wireField  `json:"queryString"`
	PostData *wirePayload `json:"postData"`
}

type wirePayload struct {
	MimeType str         `json:"mimeType"`
	Text     string      `json:"text"` // plain string: bodies are large, and always strings
	Params   []wireField `json:"params"`
}

type wireResponse struct {
	Status   num         `json:"status"`
	Headers  []wireField `json:"headers"`
	Cookies  []wireField `json:"cookies"`
	Content  wireContent `json:"content"`
	Redirect str         `json:"redirectURL"`
	Error    str         `json:"_error"` // Chrome: net::ERR_… when no answer came
}

type wireContent struct {
	Size     num     `json:"size"`
	MimeType str     `json:"mimeType"`
	Text     *string `json:"text"`
	Encoding str     `json:"encoding"`
}

type wireField struct {
	Name  str `json:"name"`
	Value str `json:"value"`
}

// str is a string field that also takes a number, a boolean or null, so one odd field
// written by a tool other than a browser does not sink the file. An object or array reads
// as "".
type str string

func (s *str) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '"':
		if bytes.IndexByte(b, '\\') < 0 {
			*s = str(b[1 : len(b)-1]) // encoding/json has checked it; nothing to unescape
			return nil
		}
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = str(v)
	case '{', '[', 'n':
		*s = ""
	default:
		*s = str(b)
	}
	return nil
}

// num is a number field that also takes a numeric string or null.
type num float64

func (n *num) UnmarshalJSON(b []byte) error {
	var s str
	if err := s.UnmarshalJSON(b); err != nil {
		return err
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(string(s)), 64)
	if err == nil && f == f { // not NaN
		*n = num(f)
	}
	return nil
}

// entry turns a decoded entry into the form the analysis reads, with every list capped.
func (w wireEntry) entry(index int) entry {
	e := entry{index: index, started: parseTime(string(w.Started)), kind: strings.ToLower(string(w.ResourceType))}
	if e.kind == "" {
		e.kind = strings.ToLower(string(w.FetchType))
	}
	if d := float64(w.Time); d > 0 && d < 1e9 {
		e.dur = time.Duration(d * float64(time.Millisecond))
	}
	r := w.Request
	e.req = request{method: strings.ToUpper(strings.TrimSpace(string(r.Method))), url: capText(string(r.URL), maxURL),
		headers: fields(r.Headers), cookies: fields(r.Cookies), query: fields(r.Query)}
	if p := r.PostData; p != nil {
		e.req.body = &postData{mime: string(p.MimeType), text: capText(p.Text, maxBody), params: fields(p.Params)}
	}
	if s := w.Response; s != nil {
		e.resp = response{headers: fields(s.Headers), cookies: fields(s.Cookies), mime: string(s.Content.MimeType),
			redirect: capText(string(s.Redirect), maxURL), errText: string(s.Error)}
		if st := float64(s.Status); st >= 100 && st <= 599 {
			e.resp.status = int(st)
		}
		if sz := float64(s.Content.Size); sz > 0 && sz < 1e15 {
			e.resp.size = int64(sz)
		}
		if s.Content.Text != nil {
			e.resp.recorded = true
			e.resp.body, e.resp.badBody = decodeBody(*s.Content.Text, string(s.Content.Encoding))
		}
	}
	return e
}

func fields(ws []wireField) []field {
	n := min(len(ws), maxFields)
	out := make([]field, 0, n)
	for _, w := range ws[:n] {
		out = append(out, field{name: string(w.Name), value: capText(string(w.Value), maxURL)})
	}
	return out
}

// decodeBody returns a response body as bytes, base64-decoded when the file says so, cut
// at maxBody+1 so an oversize body is still seen as one.
func decodeBody(text, encoding string) ([]byte, bool) {
	if !strings.EqualFold(strings.TrimSpace(encoding), "base64") {
		return []byte(capText(text, maxBody+1)), false
	}
	enc := base64.StdEncoding.DecodedLen(maxBody + 1)
	text = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, capText(text, base64.StdEncoding.EncodedLen(maxBody+1)+4))
	for _, e := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if b, err := e.DecodeString(text); err == nil {
			return b[:min(len(b), enc, maxBody+1)], false
		}
	}
	return nil, true
}

// capText cuts s to at most n bytes.
func capText(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// locate finds the HAR object in data: the whole text, or the first JSON object inside it
// whose shape is a HAR's. A bare log object (some tools drop the outer wrapper) counts too.
func locate(data []byte) (*wireHAR, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errors.New("the file is empty; export the browser's network log as HAR after signing in")
	}
	h, wholeErr := decodeAt(trimmed, 0, false)
	if h != nil {
		return h, nil
	}
	// Inside a larger text: try each {"log": … in turn, a few times at most.
	from := 0
	for tries := 0; tries < 20; tries++ {
		i := bytes.Index(data[from:], []byte(`"log"`))
		if i < 0 {
			break
		}
		i += from
		from = i + 5
		open := bytes.LastIndexByte(data[:i], '{')
		if open < 0 || len(bytes.TrimSpace(data[open+1:i])) != 0 {
			continue
		}
		if h, _ := decodeAt(data, open, true); h != nil {
			return h, nil
		}
	}
	var syn *json.SyntaxError
	switch {
	case errors.As(wholeErr, &syn):
		return nil, fmt.Errorf("the HAR is not valid JSON: %v at byte %d (was the export cut short?); export it again", syn, syn.Offset)
	case errors.Is(wholeErr, io.ErrUnexpectedEOF):
		return nil, errors.New("the HAR ends before its JSON does: the export was cut short; export it again")
	case trimmed[0] == '{' || trimmed[0] == '[':
		return nil, errors.New(`this JSON is not a HAR: a HAR is an object {"log": {"version": "1.2", "entries": [...]}}, ` +
			`as the browser's network panel exports it ("Save all as HAR" / "Export HAR")`)
	}
	return nil, errors.New(`no HAR found in the text: export the network log from the browser's developer tools ` +
		`("Export HAR" in Chrome, "Save All As HAR" in Firefox, "Export" in Safari) and give that file`)
}

// decodeAt decodes the JSON value starting at data[at] and accepts it only with a HAR's
// shape: log.entries, and log.version when strict (a HAR found inside other text). Text
// after the value is ignored.
func decodeAt(data []byte, at int, strict bool) (*wireHAR, error) {
	if at >= len(data) || data[at] != '{' {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(data[at:]))
	var probe struct {
		wireHAR
		wireLog
	}
	// A value of the wrong type (an entry that is a number, a request that is a string) is
	// left empty and decoding goes on; that entry is then skipped and counted.
	var typeErr *json.UnmarshalTypeError
	if err := dec.Decode(&probe); err != nil && !errors.As(err, &typeErr) {
		return nil, err
	}
	if l := probe.Log; l != nil && l.Entries != nil && (l.Version != "" || !strict) {
		return &probe.wireHAR, nil
	}
	if l := probe.wireLog; probe.Log == nil && l.Entries != nil && l.Version != "" {
		return &wireHAR{Log: &l}, nil
	}
	return nil, nil
}
