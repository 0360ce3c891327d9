package har

import (
	"encoding/json"
	"net/url"
	"strings"
)

// get returns the first value named name (case-insensitive for headers, exact otherwise).
func get(fs []field, name string, fold bool) (string, bool) {
	for _, f := range fs {
		if f.name == name || fold && strings.EqualFold(f.name, name) {
			return f.value, true
		}
	}
	return "", false
}

func value(fs []field, name string) string {
	v, _ := get(fs, name, false)
	return v
}

func (r request) header(name string) string {
	v, _ := get(r.headers, name, true)
	return v
}

func (r response) header(name string) string {
	v, _ := get(r.headers, name, true)
	return v
}

// splitURL cuts a URL into what comes before the query, the query and the fragment.
func splitURL(u string) (base, query, fragment string) {
	base, fragment, _ = strings.Cut(u, "#")
	base, query, _ = strings.Cut(base, "?")
	return base, query, fragment
}

// formParams decodes "a=1&b=2" into fields, keeping bad escapes as they are.
func formParams(s string) []field {
	var out []field
	for part := range strings.SplitSeq(s, "&") {
		if part == "" {
			continue
		}
		if len(out) == maxFields {
			break
		}
		k, v, _ := strings.Cut(part, "=")
		out = append(out, field{name: unescape(k), value: unescape(v)})
	}
	return out
}

func unescape(s string) string {
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

// urlParams returns the parameters of a URL's query followed by those of its fragment
// (an implicit or fragment-mode callback carries its answer there).
func urlParams(u string) []field {
	_, q, f := splitURL(u)
	return append(formParams(q), formParams(f)...)
}

// hostOf returns the lower-cased host[:port] of an absolute URL, or "".
func hostOf(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return ""
	}
	rest := u[i+3:]
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		rest = rest[:j]
	}
	if at := strings.LastIndexByte(rest, '@'); at >= 0 {
		rest = rest[at+1:]
	}
	return strings.ToLower(rest)
}

// pathOf returns the path of an absolute URL ("/" when it has none).
func pathOf(u string) string {
	base, _, _ := splitURL(u)
	if i := strings.Index(base, "://"); i >= 0 {
		base = base[i+3:]
		j := strings.IndexByte(base, '/')
		if j < 0 {
			return "/"
		}
		return base[j:]
	}
	return base
}

// sameEndpoint compares two URLs without their query and fragment, the way a redirect_uri
// and the callback it produced are compared: scheme and host ignore case, the path does not.
func sameEndpoint(a, b string) bool {
	ba, _, _ := splitURL(a)
	bb, _, _ := splitURL(b)
	if ba == bb {
		return true
	}
	return hostOf(ba) == hostOf(bb) && hostOf(ba) != "" && strings.TrimRight(pathOf(ba), "/") == strings.TrimRight(pathOf(bb), "/") &&
		strings.EqualFold(schemeOf(ba), schemeOf(bb))
}

func schemeOf(u string) string {
	s, _, _ := strings.Cut(u, "://")
	return s
}

// location returns where a redirect points, absolute: redirectURL, else the Location header.
func (e *entry) location() string {
	loc := e.resp.redirect
	if loc == "" {
		loc = e.resp.header("Location")
	}
	if loc == "" || strings.Contains(loc, "://") {
		return loc
	}
	base, err := url.Parse(e.req.url)
	if err != nil {
		return loc
	}
	ref, err := url.Parse(loc)
	if err != nil {
		return loc
	}
	return base.ResolveReference(ref).String()
}

// bodyText is the request body as text: postData.text, else the form rebuilt from params
// (Safari and some tools give only one of the two).
func (e *entry) bodyText() string {
	b := e.req.body
	if b == nil {
		return ""
	}
	if b.text != "" || len(b.params) == 0 {
		return b.text
	}
	parts := make([]string, 0, len(b.params))
	for _, p := range b.params {
		parts = append(parts, url.QueryEscape(p.name)+"="+url.QueryEscape(p.value))
	}
	return strings.Join(parts, "&")
}

// bodyParams are the request body's parameters, form-encoded or a flat JSON object.
func (e *entry) bodyParams() []field {
	b := e.req.body
	if b == nil {
		return nil
	}
	text := strings.TrimSpace(b.text)
	if strings.HasPrefix(text, "{") {
		var m map[string]any
		if json.Unmarshal([]byte(text), &m) == nil {
			var out []field
			for k, v := range m {
				if s, ok := v.(string); ok && len(out) < maxFields {
					out = append(out, field{name: k, value: s})
				}
			}
			return out
		}
	}
	if text != "" && !strings.Contains(strings.ToLower(b.mime), "multipart") {
		return formParams(text)
	}
	if len(b.params) > 0 {
		out := make([]field, len(b.params))
		for i, p := range b.params {
			// Browsers differ on whether params are still form-encoded; decoding an already
			// decoded value changes it only if it holds % or +, which these values rarely do.
			out[i] = field{name: unescape(p.name), value: unescape(p.value)}
		}
		return out
	}
	return nil
}

// bodyOmitted reports whether the response had a body the file did not keep (Chrome and
// Firefox leave out large or binary bodies, and some exports drop them all).
func (e *entry) bodyOmitted() bool {
	return !e.resp.recorded && e.resp.size > 0 || e.resp.recorded && len(e.resp.body) == 0 && e.resp.size > 0 || e.resp.badBody
}

// isStatic reports an entry for a style sheet, script, image or font: never an OAuth step.
func (e *entry) isStatic() bool {
	switch e.kind {
	case "stylesheet", "script", "image", "font", "media", "manifest":
		return true
	}
	m := strings.ToLower(e.resp.mime)
	if strings.HasPrefix(m, "image/") || strings.HasPrefix(m, "font/") || strings.Contains(m, "css") || strings.Contains(m, "javascript") {
		return true
	}
	p := strings.ToLower(pathOf(e.req.url))
	for _, ext := range []string{".js", ".css", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".woff", ".woff2", ".ttf", ".map", ".webp"} {
		if strings.HasSuffix(p, ext) {
			return true
		}
	}
	return false
}

// isPage reports an entry the browser showed or submitted as a page: a navigation, an HTML
// answer, a form post or a redirect.
func (e *entry) isPage() bool {
	if e.isStatic() {
		return false
	}
	return e.kind == "document" || strings.Contains(strings.ToLower(e.resp.mime), "html") ||
		e.req.method == "POST" || e.resp.status >= 300 && e.resp.status < 400
}
