package evidence

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// transportSign is a phrase that names a network failure in some client's words.
type transportSign struct {
	phrase string // lower case; matched as a substring of the lower-cased paste
	kind   string // knowledge.Transport*
	fact   string // an extra TLS fact, or ""
	exact  bool   // match case-sensitively as a word (for short tokens such as EOF)
	word   bool   // match as a whole word, any case: errno names (ENOTFOUND is not ModuleNotFoundError)
}

// transportSigns name network failures. The earliest one in the paste decides the kind; a
// general one ("tls: failed to verify certificate") leaves the reason to the specific ones
// (x509: …) that follow it.
var transportSigns = []transportSign{
	// TLS: Go, curl, Node, PHP, Python.
	{phrase: "x509: certificate signed by unknown authority", kind: knowledge.TransportTLS, fact: knowledge.FactCertUnknownCA},
	{phrase: "x509: certificate has expired", kind: knowledge.TransportTLS, fact: knowledge.FactCertExpired},
	{phrase: "x509: certificate is valid for", kind: knowledge.TransportTLS, fact: knowledge.FactCertHostname},
	{phrase: "x509: certificate is not valid for any names", kind: knowledge.TransportTLS, fact: knowledge.FactCertHostname},
	{phrase: "unable to get local issuer certificate", kind: knowledge.TransportTLS, fact: knowledge.FactCertUnknownCA},
	{phrase: "self signed certificate", kind: knowledge.TransportTLS, fact: knowledge.FactCertUnknownCA},
	{phrase: "self-signed certificate", kind: knowledge.TransportTLS, fact: knowledge.FactCertUnknownCA},
	{phrase: "certificate has expired", kind: knowledge.TransportTLS, fact: knowledge.FactCertExpired},
	{phrase: "no alternative certificate subject name matches", kind: knowledge.TransportTLS, fact: knowledge.FactCertHostname},
	{phrase: "does not match certificate's altnames", kind: knowledge.TransportTLS, fact: knowledge.FactCertHostname},
	{phrase: "hostname mismatch", kind: knowledge.TransportTLS, fact: knowledge.FactCertHostname},
	{phrase: "doesn't match any of the subject alternative names", kind: knowledge.TransportTLS, fact: knowledge.FactCertHostname}, // Apache HttpClient
	{phrase: "unable_to_verify_leaf_signature", kind: knowledge.TransportTLS, fact: knowledge.FactCertUnknownCA},
	{phrase: "unable_to_get_issuer_cert_locally", kind: knowledge.TransportTLS, fact: knowledge.FactCertUnknownCA},
	{phrase: "self_signed_cert_in_chain", kind: knowledge.TransportTLS, fact: knowledge.FactCertUnknownCA},
	{phrase: "depth_zero_self_signed_cert", kind: knowledge.TransportTLS, fact: knowledge.FactCertUnknownCA},
	{phrase: "cert_has_expired", kind: knowledge.TransportTLS, fact: knowledge.FactCertExpired},
	{phrase: "err_tls_cert_altname_invalid", kind: knowledge.TransportTLS, fact: knowledge.FactCertHostname},
	{phrase: "tls: failed to verify certificate", kind: knowledge.TransportTLS},
	{phrase: "ssl certificate problem", kind: knowledge.TransportTLS},
	{phrase: "curl error 60", kind: knowledge.TransportTLS},
	{phrase: "curl error 35", kind: knowledge.TransportTLS},
	{phrase: "certificate verify failed", kind: knowledge.TransportTLS},
	{phrase: "tls handshake timeout", kind: knowledge.TransportTimeout},
	{phrase: "tls: handshake failure", kind: knowledge.TransportTLS},
	{phrase: "wrong version number", kind: knowledge.TransportTLS},
	{phrase: "err_ssl_protocol_error", kind: knowledge.TransportTLS},
	{phrase: "ssl connect error", kind: knowledge.TransportTLS},
	// DNS. Go names the resolver phase before saying how it failed: "dial tcp: lookup host:
	// i/o timeout" is a DNS query that timed out, not a connection.
	{phrase: "dial tcp: lookup ", kind: knowledge.TransportDNS},
	{phrase: "dial udp: lookup ", kind: knowledge.TransportDNS},
	{phrase: "no such host", kind: knowledge.TransportDNS},
	{phrase: "could not resolve host", kind: knowledge.TransportDNS},
	{phrase: "enotfound", kind: knowledge.TransportDNS, word: true},
	{phrase: "eai_again", kind: knowledge.TransportDNS, word: true},
	{phrase: "getaddrinfo failed", kind: knowledge.TransportDNS},
	{phrase: "curl error 6:", kind: knowledge.TransportDNS},
	{phrase: "name or service not known", kind: knowledge.TransportDNS},
	{phrase: "temporary failure in name resolution", kind: knowledge.TransportDNS},
	{phrase: "nodename nor servname provided", kind: knowledge.TransportDNS},
	{phrase: "nameresolutionerror", kind: knowledge.TransportDNS},
	{phrase: "server misbehaving", kind: knowledge.TransportDNS},
	// Connection refused.
	{phrase: "connection refused", kind: knowledge.TransportRefused},
	{phrase: "econnrefused", kind: knowledge.TransportRefused, word: true},
	{phrase: "actively refused", kind: knowledge.TransportRefused},
	{phrase: "curl error 7:", kind: knowledge.TransportRefused},
	{phrase: "couldn't connect to server", kind: knowledge.TransportRefused},
	// Unreachable and proxies.
	{phrase: "network is unreachable", kind: knowledge.TransportUnreach},
	{phrase: "no route to host", kind: knowledge.TransportUnreach},
	{phrase: "enetunreach", kind: knowledge.TransportUnreach, word: true},
	{phrase: "ehostunreach", kind: knowledge.TransportUnreach, word: true},
	{phrase: "proxyconnect", kind: knowledge.TransportProxy},
	{phrase: "proxy connect aborted", kind: knowledge.TransportProxy},
	{phrase: "from proxy after connect", kind: knowledge.TransportProxy},
	{phrase: "proxyerror", kind: knowledge.TransportProxy},
	// Timeouts.
	{phrase: "context deadline exceeded", kind: knowledge.TransportTimeout},
	{phrase: "client.timeout exceeded", kind: knowledge.TransportTimeout},
	{phrase: "i/o timeout", kind: knowledge.TransportTimeout},
	{phrase: "operation timed out", kind: knowledge.TransportTimeout},
	{phrase: "connection timed out", kind: knowledge.TransportTimeout},
	{phrase: "etimedout", kind: knowledge.TransportTimeout, word: true},
	{phrase: "esockettimedout", kind: knowledge.TransportTimeout, word: true},
	{phrase: "curl error 28", kind: knowledge.TransportTimeout},
	{phrase: "readtimeout", kind: knowledge.TransportTimeout},
	{phrase: "connecttimeout", kind: knowledge.TransportTimeout},
	{phrase: "read timed out", kind: knowledge.TransportTimeout},
	{phrase: "request timed out after", kind: knowledge.TransportTimeout}, // openid-client's own limit
	{phrase: "ms exceeded", kind: knowledge.TransportTimeout},             // axios: timeout of 5000ms exceeded
	// Resets.
	{phrase: "connection reset by peer", kind: knowledge.TransportReset},
	{phrase: "econnreset", kind: knowledge.TransportReset, word: true},
	{phrase: "socket hang up", kind: knowledge.TransportReset},
	{phrase: "connection reset", kind: knowledge.TransportReset},
	{phrase: "curl error 56", kind: knowledge.TransportReset},
	{phrase: "broken pipe", kind: knowledge.TransportReset},
	{phrase: "epipe", kind: knowledge.TransportReset, word: true},
	{phrase: "remotedisconnected", kind: knowledge.TransportReset},
	{phrase: "unexpected eof", kind: knowledge.TransportReset},
	{phrase: "EOF", kind: knowledge.TransportReset, exact: true},
}

// anchors are short words every sign contains. One pass finds which anchors a paste holds;
// a sign is searched for only when its anchor is there, so a megabyte of log costs a few
// milliseconds instead of a scan per sign.
var anchors = []string{"x509", "cert", "ssl", "tls", "curl error", "host", "refused", "timed", "timeout",
	"deadline", "reset", "unreach", "proxy", "getaddrinfo", "name", "econn", "exceeded", "pipe", "eof",
	"enot", "eai_", "leaf", "misbehav", "lookup", "couldn't", "hang up", "disconnect", "version"}

// anchorIndex maps the first two bytes of each anchor to the anchors that start with them.
var anchorIndex = func() map[uint16][]string {
	m := map[uint16][]string{}
	for _, a := range anchors {
		k := uint16(a[0])<<8 | uint16(a[1])
		m[k] = append(m[k], a)
	}
	return m
}()

// anchorBigram marks the two-byte starts of anchors, so most positions cost one load.
var anchorBigram = func() (t [1 << 16]bool) {
	for _, a := range anchors {
		t[uint16(a[0])<<8|uint16(a[1])] = true
	}
	return t
}()

// presentAnchors reads the lower-cased paste once and returns the anchors it holds.
func presentAnchors(lower string) map[string]bool {
	found := map[string]bool{}
	for i := 0; i+1 < len(lower); i++ {
		k := uint16(lower[i])<<8 | uint16(lower[i+1])
		if !anchorBigram[k] {
			continue
		}
		for _, a := range anchorIndex[k] {
			if !found[a] && strings.HasPrefix(lower[i:], a) {
				found[a] = true
			}
		}
	}
	return found
}

func anchorOf(phrase string) string {
	for _, a := range anchors {
		if strings.Contains(phrase, a) {
			return a
		}
	}
	return ""
}

// findTransport reads network failures: the transport kind of the first one in the paste,
// and every TLS fact named anywhere.
func findTransport(s *scan) {
	present := presentAnchors(s.lower)
	for _, sign := range transportSigns {
		hay, needle := s.lower, sign.phrase
		if sign.exact {
			hay = s.text
		}
		if a := anchorOf(strings.ToLower(needle)); a != "" && !present[a] {
			continue
		}
		i := indexWord(hay, needle, sign.exact || sign.word)
		if i < 0 {
			continue
		}
		detail := detailLine(s.text, i)
		if otherService(detail) || !namesURL(detail) && otherService(recordAround(s.text, i)) {
			// A database, cache or mail server refused or timed out: not the way to the
			// provider. Drivers put the service's name on the lines around the phrase
			// (psycopg2's "Is the server running on host … port 5432?", a driver's class on
			// the line above), so the record is read, unless the phrase's own line names an
			// HTTP URL, which says where the connection went.
			continue
		}
		o := knowledge.Observation{Transport: sign.kind, TransportDetail: detail}
		o.AddSource("transport_error")
		if sign.fact != "" {
			o.AddFact(sign.fact, o.TransportDetail)
		}
		if sign.kind == knowledge.TransportRefused && strings.Contains(strings.ToLower(detail), "timed out") {
			// curl's error 7 on Windows ("Failed to connect to host port 443: Timed out"):
			// the connect timed out, nothing refused it.
			o.Transport = knowledge.TransportTimeout
		} else if sign.kind == knowledge.TransportRefused {
			portMismatch(s.text, &o)
		}
		if sign.kind == knowledge.TransportTimeout {
			if ms, ok := timeoutLimit(lineFrom(s.lower, lineStart(s.lower, i, 1024), 2048)); ok && ms <= shortTimeoutMS+timeoutOvershootMS {
				o.AddFact(knowledge.FactClientTimeoutShort, fmt.Sprintf("the message names the client's own limit, %s: "+
					"a round trip to the provider can take longer than that without anything being wrong", msText(ms)))
			}
		}
		s.add(i, o)
	}
}

// indexWord finds needle; with word set it must stand alone (not inside "EOFError" or
// "GEOFF").
func indexWord(hay, needle string, word bool) int {
	from := 0
	for n := 0; n < 100; n++ {
		i := strings.Index(hay[from:], needle)
		if i < 0 {
			return -1
		}
		i += from
		if !word {
			return i
		}
		end := i + len(needle)
		if (i == 0 || !isWordByte(hay[i-1])) && (end == len(hay) || !isWordByte(hay[end])) {
			return i
		}
		from = end
	}
	return -1
}

// detailLine returns the line holding position i, trimmed and scrubbed of secrets, as a
// person would quote it.
func detailLine(text string, i int) string {
	start := lineStart(text, i, 4096)
	end := i + len(lineFrom(text, i, 4096))
	l := strings.TrimSpace(text[start:end])
	if strings.HasSuffix(l, ":") && end+1 < len(text) {
		// The message goes on at the next line ("certificate verify failed:\nself-signed
		// certificate"): a wrapped exception, and the reason is in the part that wrapped.
		l += " " + strings.TrimSpace(lineFrom(text, end+1, 4096))
	}
	l = strings.TrimLeft(l, "*<> ")
	if len(l) > 240 {
		// i-start counts the blanks trimmed off the line's start: clamp, so a line that
		// is mostly padding cannot put the window past the end (found by fuzzing).
		from := min(max(0, i-start-80), len(l))
		to := min(len(l), from+240)
		l = "…" + l[from:to] + "…"
		l = strings.ToValidUTF8(l, "")
	}
	return Scrub(l)
}

// shortTimeoutMS is the longest client limit called short: below it ordinary latency across
// regions (one or two seconds, more on a cold start) trips the timeout.
const shortTimeoutMS = 5000

// timeoutOvershootMS is how far past its limit a client may report the time it waited: curl
// says "timed out after 5001 milliseconds" for a 5 s limit, since it counts what elapsed.
const timeoutOvershootMS = 100

// timeoutPattern finds the limit a timeout message names: curl's "timed out after 2000
// milliseconds", axios' "timeout of 3000ms exceeded", openid-client's "timed out after
// 3500ms", requests' "(read timeout=5)", Guzzle's "timeout of 2 seconds".
var timeoutPattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:timed out after|timeout of|timeout=|timeout:|timeout after)\s*(\d+(?:\.\d+)?)\s*(milliseconds|ms|seconds|secs|sec|s)?\b`)
})

// timeoutLimit reads the client's limit, in milliseconds, from a lower-cased line.
func timeoutLimit(line string) (int, bool) {
	m := timeoutPattern().FindStringSubmatch(line)
	if m == nil {
		return 0, false
	}
	v, err := strconv.ParseFloat(m[1], 64)
	if err != nil || v <= 0 || v > 1e7 {
		return 0, false
	}
	switch m[2] {
	case "milliseconds", "ms":
		return int(v), true
	case "":
		// requests' timeout=5 is seconds; a bare number above 100 is milliseconds.
		if v > 100 {
			return int(v), true
		}
	}
	return int(v * 1000), true
}

func msText(ms int) string {
	if ms%1000 == 0 {
		return fmt.Sprintf("%d s", ms/1000)
	}
	return fmt.Sprintf("%d ms", ms)
}

// otherServiceMarks name the services an application talks to besides the OAuth provider,
// whose network failures fill the same logs: a database, a cache, a queue, a mail server.
var otherServiceMarks = []string{"sqlstate", "pdoexception", "queryexception", "redis", "mysql", "mariadb", "postgres",
	"pgsql", "mongo", "memcache", "amqp", "rabbitmq", "smtp", "elasticsearch", ":3306", ":5432", ":6379", ":27017",
	":11211", ":5672", "port 3306", "port 5432", "port 6379", "port 27017", "port 25:", "port 587",
	// Database drivers and ORMs by name, and the driver-level phrases they word a failed
	// connect with.
	"psycopg", "sqlalchemy", "django.db", "sequelize", "prisma", "typeorm", "jdbc", "hikari", "activerecord",
	"sqlite", "sqlserver", "mssql", "odbc", "tcp/ip connections"}

// recordAround returns the lines around position i that one error record spans: the line
// before it and the two after, at most about 1 KiB.
func recordAround(text string, i int) string {
	start := lineStart(text, i, 512)
	if start > 0 {
		start = lineStart(text, start-1, 512)
	}
	end := i
	for n := 0; n < 3 && end < len(text); n++ {
		end += len(lineFrom(text, end, 512))
		if end < len(text) {
			end++ // past the newline
		}
	}
	return text[start:min(end, len(text))]
}

// namesURL reports whether a line names an http(s) address or a web port: the connection
// it reports went to a web server.
func namesURL(line string) bool {
	l := strings.ToLower(line)
	for _, m := range []string{"http://", "https://", "port 443", "port 80:", "port 80 ", ":443", "port 8000", "port 8080"} {
		if strings.Contains(l, m) {
			return true
		}
	}
	return strings.HasSuffix(l, "port 80")
}

// otherServiceThrown drops a network failure when the exception thrown for it is a
// database's, a cache's or a mail server's (SequelizeHostNotFoundError,
// redis.exceptions.ConnectionError): the class names the service the connection was for,
// wherever in the record it stands.
func otherServiceThrown(o *knowledge.Observation) {
	first, _, _ := strings.Cut(o.Exception, ", ") // the first named is the one thrown
	if o.Transport == "" || first == "" || !otherService(first) {
		return
	}
	o.Transport, o.TransportDetail = "", ""
	o.Sources = slices.DeleteFunc(o.Sources, func(s string) bool { return s == "transport_error" })
	o.Facts = slices.DeleteFunc(o.Facts, func(f knowledge.Fact) bool {
		return f.Name == knowledge.FactCertExpired || f.Name == knowledge.FactCertUnknownCA ||
			f.Name == knowledge.FactCertHostname || f.Name == knowledge.FactClientTimeoutShort ||
			f.Name == knowledge.FactRefusedPortDiffers
	})
}

// otherService reports whether a transport error's line is about one of those services.
func otherService(detail string) bool {
	l := strings.ToLower(detail)
	for _, m := range otherServiceMarks {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}
