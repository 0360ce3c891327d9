package check

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// RedirectURI compares the redirect_uri sent to /oauth/authorize with the one sent to
// /oauth/token. Passport compares them as exact strings, so every difference counts.
func RedirectURI(l lang.Lang, authorize, token string) Result {
	var o knowledge.Observation
	shown := []string{
		"authorize: " + quoteURI(l, authorize),
		"token:     " + quoteURI(l, token),
	}
	if authorize == token {
		if authorize == "" {
			return done(NameRedirectURI, Pass, o, l.T("neither request carried a redirect_uri, so there is nothing to differ "+
				"(the client must then have exactly one registered)"), shown...)
		}
		return done(NameRedirectURI, Pass, o, l.T("the redirect_uri is identical in both requests"), shown...)
	}
	diffs, loopback := uriDiffs(l, authorize, token)
	summary := l.T("the redirect_uri differs: ") + strings.Join(diffs, "; ")
	detail := summary + l.T(` — Passport answers invalid_request with hint "Invalid redirect URI"`)
	if token == "" {
		detail = l.T("the token request has no redirect_uri although the authorize request had one — Passport answers \"Check the `redirect_uri` parameter\"")
	}
	o.AddFact(knowledge.FactRedirectMismatch, detail)
	if loopback {
		o.AddFact(knowledge.FactRedirectLoopback, l.T("the two differ only in the loopback host (localhost, 127.0.0.1, [::1]) or its port"))
	}
	return done(NameRedirectURI, Fail, o, summary, append(shown, diffs...)...)
}

func quoteURI(l lang.Lang, s string) string {
	if s == "" {
		return l.T("(none)")
	}
	return fmt.Sprintf("%q", evidence.Scrub(s))
}

var loopbacks = map[string]bool{"localhost": true, "127.0.0.1": true, "::1": true}

// uriDiffs names every way two URIs differ, the way a person would fix them.
func uriDiffs(l lang.Lang, a, b string) (diffs []string, loopback bool) {
	switch {
	case a == "":
		return []string{l.T("the token request sends a redirect_uri but the authorize request sent none")}, false
	case b == "":
		return []string{l.T("the authorize request sent a redirect_uri but the token request sends none")}, false
	}
	if strings.TrimSpace(a) != a || strings.TrimSpace(b) != b {
		diffs = append(diffs, l.T("one has leading or trailing whitespace (a newline or space from the .env file?)"))
		a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	}
	if a != b && (unescape(a) == b || unescape(b) == a) {
		diffs = append(diffs, l.T("percent-encoding: one is still URL-encoded (encoded twice, or not decoded)"))
		return diffs, false
	}
	ua, errA := url.Parse(a)
	ub, errB := url.Parse(b)
	if errA != nil || errB != nil || ua.Host == "" || ub.Host == "" {
		if a != b {
			diffs = append(diffs, l.Tf("they differ from character %d on (one is not an absolute URL)", firstDiff(a, b)+1))
		}
		return diffs, false
	}
	if ua.Scheme != ub.Scheme {
		diffs = append(diffs, fmt.Sprintf("scheme: %s vs %s", ua.Scheme, ub.Scheme))
	}
	ha, hb := ua.Hostname(), ub.Hostname()
	hostOrPort := 0 // how many of diffs are a loopback host's or a port's
	switch {
	case ha == hb:
	case strings.EqualFold(ha, hb):
		diffs = append(diffs, l.Tf("host case: %s vs %s (the comparison is exact)", ha, hb))
	case loopbacks[strings.ToLower(ha)] && loopbacks[strings.ToLower(hb)]:
		loopback = true
		hostOrPort++
		diffs = append(diffs, l.Tf("loopback host: %s vs %s (not the same string, and not the same cookies either)", ha, hb))
	default:
		diffs = append(diffs, l.Tf("host: %s vs %s", ha, hb))
	}
	pa, pb := ua.Port(), ub.Port()
	if pa != pb {
		note := ""
		if (pa == "" || pb == "") && (pa == defaultPort(ua.Scheme) || pb == defaultPort(ub.Scheme)) {
			note = l.T(" (the default port written out in one of them still makes a different string)")
		}
		diffs = append(diffs, l.Tf("port: %s vs %s%s", portText(l, pa), portText(l, pb), note))
		hostOrPort++
		if loopbacks[strings.ToLower(ha)] && loopbacks[strings.ToLower(hb)] {
			loopback = true
		}
	}
	pathA, pathB := ua.EscapedPath(), ub.EscapedPath()
	switch {
	case pathA == pathB:
	case strings.TrimRight(pathA, "/") == strings.TrimRight(pathB, "/"):
		diffs = append(diffs, l.Tf("trailing slash: %q vs %q", pathA, pathB))
	case unescape(pathA) == unescape(pathB):
		diffs = append(diffs, l.Tf("percent-encoding of the path: %q vs %q", pathA, pathB))
	case strings.EqualFold(pathA, pathB):
		diffs = append(diffs, l.Tf("path case: %q vs %q (paths are case-sensitive)", pathA, pathB))
	default:
		diffs = append(diffs, l.Tf("path: %q vs %q", pathA, pathB))
	}
	if ua.RawQuery != ub.RawQuery {
		diffs = append(diffs, l.Tf("query: %q vs %q", evidence.Scrub(ua.RawQuery), evidence.Scrub(ub.RawQuery)))
	}
	if ua.Fragment != ub.Fragment {
		diffs = append(diffs, l.Tf("fragment: %q vs %q", ua.Fragment, ub.Fragment))
	}
	if ua.User.String() != ub.User.String() {
		diffs = append(diffs, l.T("user info before the host differs"))
	}
	if len(diffs) == 0 {
		diffs = append(diffs, l.Tf("they differ from character %d on", firstDiff(a, b)+1))
	}
	// Only a loopback host and its port differing is the loopback case; anything else too is not.
	return diffs, loopback && len(diffs) == hostOrPort
}

func defaultPort(scheme string) string {
	switch scheme {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}

func portText(l lang.Lang, p string) string {
	if p == "" {
		return l.T("(none)")
	}
	return p
}

func unescape(s string) string {
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

// firstDiff returns the byte index where a and b first differ.
func firstDiff(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}
