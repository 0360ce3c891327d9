package redact

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
)

// encodings lists the ways v is written where text quotes it: raw, form- and path-encoded
// (what a URL or a token request carries), and JSON-escaped the way encoding/json (with and
// without HTML escaping) and PHP's json_encode (which also writes / as \/) do.
func encodings(v string) []string {
	out := []string{v, url.QueryEscape(v), url.PathEscape(v)}
	for _, html := range []bool{true, false} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(html)
		if enc.Encode(v) == nil {
			q := strings.TrimSuffix(b.String(), "\n")
			q = q[1 : len(q)-1]
			out = append(out, q, strings.ReplaceAll(q, "/", `\/`))
		}
	}
	return out
}

// base64Cores returns the base64 text that stands for v wherever v sits inside base64 data:
// for each of the three alignments v can have (after 0, 1 or 2 bytes of a 3-byte group), the
// characters that depend on v's bytes alone, in the standard and the URL alphabets. An HTTP
// Basic header holds "id:secret" in base64, so the secret shows there in one of these
// whatever the client id is.
func base64Cores(v string) []string {
	var out []string
	for k := range 3 {
		data := append(make([]byte, k), v...)
		first := (k + 2) / 3 // the first 3-byte group holding only bytes of v
		last := len(data) / 3
		if last-first < 2 {
			continue // fewer than CutMin characters
		}
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			s := enc.EncodeToString(data)
			out = append(out, s[4*first:4*last])
		}
	}
	return out
}
