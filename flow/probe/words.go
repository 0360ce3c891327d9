package probe

import (
	"strconv"
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
}

// compiledShapes reads shapes back; a particular of text takes as much as it can.
var compiledShapes = sync.OnceValue(func() *lang.Shapes {
	return lang.NewShapes(lang.Verbs{'s': `(.+)`, 'd': lang.Number}, shapes)
})

// say is an English sentence of the probes (a fixed one, or one of shapes with its
// particulars) in l; anything else, such as Go's own error text, stays as it is.
func say(l lang.Lang, s string) string {
	if l == lang.English || l == "" || s == "" {
		return s
	}
	if t := l.T(s); t != s {
		return t
	}
	i, verbs, m, ok := compiledShapes().Match(s)
	if !ok {
		return s
	}
	args := make([]any, len(verbs))
	for j, v := range verbs {
		if v == 'd' {
			n, _ := strconv.Atoi(m[j])
			args[j] = n
		} else {
			args[j] = say(l, m[j])
		}
	}
	return l.Tf(shapes[i], args...)
}
