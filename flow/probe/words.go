package probe

import (
	"strconv"
	"strings"
	"sync"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// The transport detail of an observation and the details of the facts the probes record
// stay English: the catalogue's matcher reads the transport detail as words (the
// network_timeout causes match "timeout awaiting headers"), and a report keeps one wording.
// What a person reads is put into the run's language where it is shown, by shape: each
// sentence below is the English as the probes write it, with %s and %d where the
// particulars go; a sentence that fits one is said again in Indonesian with the same
// particulars (themselves translated when they are one of these sentences).
var shapes = []string{
	lang.N("the name %s does not resolve (no such host)"),
	lang.N("the DNS lookup of %s timed out"),
	lang.N("the DNS lookup of %s failed: %s"),
	lang.N("the certificate is not valid for this host name: %s"),
	lang.N("the server's certificate has expired or is not yet valid: %s"),
	lang.N("the server's certificate is invalid: %s"),
	lang.N("the server's certificate could not be verified: %s"),
	lang.N("the TLS handshake failed: %s"),
	lang.N("not sent: %s"),
	lang.N("the proxy (HTTPS_PROXY) could not be reached: %s"),
	lang.N("the server's headers ran past %d KiB (a header flood; no OAuth server sends that much): the probe stopped reading"),
	lang.N("the proxy (HTTPS_PROXY) failed: %s"),
	lang.N("the TLS connection failed: %s"),
	lang.N("the request failed: %s"),
	lang.N("the port speaks TLS, but plain HTTP was sent to it (the answer is a TLS record, not HTTP: %s); use https://"),
	lang.N("the port answered, but not in HTTP (%s): another program listens there, or something in between mangles the answer"),
	lang.N("the server presents a self-signed certificate (issued by itself: %s, and not even marked as a CA)"),
	lang.N("the server presents a self-signed certificate (issued by itself: %s)"),
	lang.N("the server's certificate is signed by an unknown authority: %s (a private CA, or an intercepting proxy)"),
	lang.N("%s (after its headers, HTTP %d, and %d bytes of the body)"),
	lang.N("the server answered HTTP %d and its headers came, but the body did not finish within the time limit (%d bytes received): the server or the network sends it too slowly"),
	lang.N("the answer was larger than %d bytes and was cut there"),
	lang.N("the token endpoint answered HTTP %d to %s instead of JSON"),
	lang.N("the API redirected to %s instead of answering with JSON"),
	lang.N("HTTP %d with an HTML page where JSON was expected"),
	lang.N("HTTP %d with an empty body"),
	lang.N("the certificate expires in %s"),
	lang.N("the certificate expires on %s"),
	lang.N("the server's clock is %s ahead of this machine's"),
	lang.N("the server's clock is %s behind this machine's"),
	lang.N("the authorize endpoint %s"),
	lang.N("redirects in a loop: %s"),
	lang.N("redirects more than %d times on its own host without arriving anywhere (%s)"),
	lang.N("the server redirects this https request to plain http: %s"),
	lang.N("the server sends the request on to another host: %s"),
	lang.N("%d days"),
	lang.N("1 day"),
	// Lines put together from the parts below, as a result's summary and details say them.
	lang.N("HTTP %d from %s in %s"),
	lang.N("accepted (%s)"),
	lang.N("no token for scope %q"),
	lang.N("token issued for scope %q"),
	lang.N("token issued for scope %q: %s"),
	lang.N("retry after %ds"),
	lang.N("expires in %ds"),
	lang.N("%s, as configured: %s"),
	lang.N("after %d redirect(s) on the server's own host"),
	lang.N("HTTP %d to %s"),
	lang.N("user id %v"),
	lang.N("subject (sub) %v"),
	lang.N("%s, the way this application sends them (--auth-style %s)"),
	lang.N("the client's credentials work %s; the server refuses them %s: it takes one way only"),
	lang.N("the client's credentials get past client authentication %s, but the client_credentials grant is refused (see the client credentials check)"),
	lang.N("the client's credentials work %s; the attempt %s got no usable answer"),
	lang.N("the server refuses the client's credentials %s; %s they work: set --auth-style %s"),
	lang.N("the authorize endpoint refused the request and sent the browser to its own error page (%s), not back to your application"),
}

// prefixes and suffixes are the probes' words a line begins or ends with, the rest being
// particulars (an address, a server's answer) or another of these sentences.
var (
	prefixes = []string{lang.N("no answer from "), lang.N("called "), lang.N("refused: "), lang.N("type "), lang.N("expires in "), lang.N("using "),
		lang.N("not using "), lang.N("fields: "), lang.N("offered; issuer "), lang.N("the sign-in page is on another host, "),
		lang.N("the server sent the browser back to your redirect URI with error=")}
	noAnswerLead, unfinishedLead = lang.N("no answer"), lang.N("an unfinished answer")
	suffixes                     = []string{lang.N(" (the default path)"), lang.N(" (from the discovery document)"), lang.N(" (set by you)")}
)

// compiledShapes reads a line back as one of shapes: a %s or %v particular is any text,
// which shaped judges itself.
var compiledShapes = sync.OnceValue(func() *lang.Shapes {
	return lang.NewShapes(lang.Verbs{'s': `(.+)`, 'v': `(.+)`, 'd': lang.Number, 'q': lang.Quoted}, shapes)
})

// say is an English sentence of the probes (a fixed one, or one of shapes with its
// particulars) in l; anything else, such as Go's own error text, stays as it is.
func say(l lang.Lang, s string) string {
	if l == lang.English || l == "" || s == "" {
		return s
	}
	if t := l.T(s); t != s || len(s) > maxSaid {
		return t
	}
	// A shape whose particulars are all known sentences is surely the line's; then a line
	// led by a known sentence; then a shape whose particulars are a server's words.
	if t, ok := shaped(l, s, true); ok {
		return t
	}
	if t, ok := sayLed(l, s); ok {
		return t
	}
	if t, ok := shaped(l, s, false); ok {
		return t
	}
	// unfinished (observe.go) says "an unfinished answer" where "no answer" began.
	if rest, ok := strings.CutPrefix(s, unfinishedLead); ok {
		if t, ok := strings.CutPrefix(say(l, noAnswerLead+rest), l.T(noAnswerLead)); ok {
			return l.T(unfinishedLead) + t
		}
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return l.T(p) + say(l, rest)
		}
	}
	for _, p := range suffixes {
		if rest, ok := strings.CutSuffix(s, p); ok {
			return say(l, rest) + l.T(p)
		}
	}
	// A line joined from several: "HTTP Basic: refused: …", "HTTP 401, invalid_client, a
	// finding"; each part is said on its own, a server's words staying as they are.
	if lead, rest, ok := strings.Cut(s, ": "); ok {
		if t := say(l, rest); t != rest {
			return say(l, lead) + ": " + t
		}
	}
	if parts := strings.Split(s, ", "); len(parts) > 1 {
		changed := false
		for i, p := range parts {
			if t := say(l, p); t != p {
				parts[i], changed = t, true
			}
		}
		if changed {
			return strings.Join(parts, ", ")
		}
	}
	return s
}

// shaped is s in l when it is one of shapes with its particulars. strict asks that every
// %s particular be a sentence known here too, whole or by its shape, or a single word
// (a flag, an address): a loose shape ("the
// authorize endpoint %s") must not swallow a line that is not its own.
func shaped(l lang.Lang, s string, strict bool) (string, bool) {
	for f := range compiledShapes().Fits(s) {
		args := make([]any, len(f.Verbs))
		ok := true
		for i, v := range f.Verbs {
			switch v {
			case 'd':
				n, _ := strconv.Atoi(f.Args[i])
				args[i] = n
			case 'q':
				q, err := strconv.Unquote(f.Args[i])
				args[i], ok = q, ok && err == nil
			default:
				switch t := l.T(f.Args[i]); {
				case !strict:
					args[i] = say(l, f.Args[i])
				case t != f.Args[i]:
					args[i] = t
				case !strings.Contains(t, " ") && (i < len(f.Verbs)-1 || !f.Tail):
					// One word (a flag, an address) stands for itself, but not at the end
					// of a line's lead, where it may be the first word of what follows.
					args[i] = t
				default:
					args[i], ok = shaped(l, f.Args[i], true)
				}
			}
		}
		if ok {
			return l.Tf(shapes[f.I], args...), true
		}
	}
	return "", false
}

// maxSaid is the longest line read back by its parts; a probe's are far shorter (a
// server's words in them are clipped), and reading one back costs more the longer it is.
const maxSaid = 1024

// maxLeads bounds the colons sayLed tries a lead at, from the end: a probe's line has a
// few, and a server's text full of them must not cost a screen its frame.
const maxLeads = 6

// sayLed is s in l when it begins with a sentence known whole and a colon ("both ways
// refused: HTTP 401, …"), the longest such lead first; what follows the lead is said in turn.
func sayLed(l lang.Lang, s string) (string, bool) {
	var ok bool
	tries := 0
	for k := strings.LastIndex(s, ": "); k > 0 && tries < maxLeads; k = strings.LastIndex(s[:k], ": ") {
		tries++
		lead := s[:k]
		t := l.T(lead)
		if t == lead {
			if t, ok = shaped(l, lead, true); !ok {
				continue
			}
		}
		rest := s[k:]
		if r, ok := sayLed(l, rest); ok { // a lead joined from two sentences, the second led by ": "
			return t + r, true
		}
		return t + ": " + say(l, rest[2:]), true
	}
	return "", false
}

// Say is an English sentence or line of the probes in l, as say puts it: a screen keeps a
// result language-neutral, in English, and draws it in the language it speaks now. A
// sentence with particulars that has no shape here ("clocks agree within %s") is read
// back by its message's shape, as a reason is (lang.Lang.Reason).
func Say(l lang.Lang, s string) string {
	if t := say(l, s); t != s {
		return t
	}
	return l.Reason(s)
}
