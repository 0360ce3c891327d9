package probe

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Classify turns a Go transport error into an Observation: the kind of failure, a line a
// person understands, and the facts the catalogue matches. It never returns an empty
// Transport for a non-nil error.
func Classify(endpoint knowledge.Endpoint, err error) knowledge.Observation {
	o := knowledge.Observation{Endpoint: endpoint}
	o.AddSource("live_probe")
	if err == nil {
		return o
	}
	kind, detail := classify(err, &o)
	o.Transport, o.TransportDetail = kind, detail
	return o
}

func classify(err error, o *knowledge.Observation) (string, string) {
	var (
		dnsErr      *net.DNSError
		unknownCA   x509.UnknownAuthorityError
		invalidCert x509.CertificateInvalidError
		hostErr     x509.HostnameError
		verifyErr   *tls.CertificateVerificationError
		alert       tls.AlertError
		recordErr   tls.RecordHeaderError
		opErr       *net.OpError
		netErr      net.Error
	)
	switch {
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return knowledge.TransportDNS, "the name " + dnsErr.Name + " does not resolve (no such host)"
		}
		if dnsErr.IsTimeout {
			return knowledge.TransportDNS, "the DNS lookup of " + dnsErr.Name + " timed out"
		}
		return knowledge.TransportDNS, "the DNS lookup of " + dnsErr.Name + " failed: " + dnsErr.Err
	case errors.As(err, &unknownCA):
		o.AddFact(knowledge.FactCertUnknownCA, lang.N("the certificate is not signed by an authority this machine trusts"))
		return knowledge.TransportTLS, unknownAuthority(unknownCA.Cert)
	case errors.As(err, &hostErr):
		o.AddFact(knowledge.FactCertHostname, hostErr.Error())
		return knowledge.TransportTLS, "the certificate is not valid for this host name: " + hostErr.Error()
	case errors.As(err, &invalidCert):
		if invalidCert.Reason == x509.Expired {
			o.AddFact(knowledge.FactCertExpired, invalidCert.Detail)
			return knowledge.TransportTLS, "the server's certificate has expired or is not yet valid: " + invalidCert.Detail
		}
		return knowledge.TransportTLS, "the server's certificate is invalid: " + invalidCert.Error()
	case errors.As(err, &verifyErr):
		return knowledge.TransportTLS, "the server's certificate could not be verified: " + verifyErr.Err.Error()
	case errors.As(err, &alert), errors.As(err, &recordErr):
		return knowledge.TransportTLS, "the TLS handshake failed: " + lastPart(err)
	case errors.Is(err, errPlainHTTPSecret):
		o.AddFact(knowledge.FactPlainHTTP, lang.N("the request would have carried a secret over plain HTTP"))
		return knowledge.TransportTLS, lang.N("not sent: a secret goes over plain HTTP only to this machine (127.0.0.1, ::1 or localhost); use https")
	case errors.Is(err, errNotThisMachine):
		return knowledge.TransportUnreach, "not sent: " + err.Error()
	case errors.Is(err, errOversize):
		o.AddFact(knowledge.FactOversizeBody, lang.N("the answer is larger than the probe reads"))
		return knowledge.TransportTooLarge, lang.N("the answer is larger than the limit the probe reads")
	case errors.Is(err, syscall.ECONNREFUSED):
		return knowledge.TransportRefused, lang.N("the connection was refused: nothing listens on that port, or a firewall rejects it")
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNABORTED):
		return knowledge.TransportReset, lang.N("the connection was reset by the server or something in between")
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return knowledge.TransportUnreach, lang.N("the network or host is unreachable from this machine")
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		return knowledge.TransportTimeout, lang.N("no answer within the time limit")
	case errors.As(err, &opErr) && opErr.Op == "proxyconnect":
		return knowledge.TransportProxy, "the proxy (HTTPS_PROXY) could not be reached: " + lastPart(err)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return knowledge.TransportReset, lang.N("the server closed the connection before a whole answer arrived")
	case errors.Is(err, context.Canceled):
		return knowledge.TransportTimeout, lang.N("the check was cancelled before an answer arrived")
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "server response headers exceeded"), strings.Contains(msg, "header list larger than"):
		return knowledge.TransportTooLarge, fmt.Sprintf("the server's headers ran past %d KiB (a header flood; no OAuth server sends that much): the probe stopped reading", maxHeaderBytes>>10)
	case strings.Contains(msg, "malformed HTTP "), strings.Contains(msg, "malformed MIME header"):
		return notHTTP(msg, o)
	case strings.Contains(msg, "proxyconnect"):
		return knowledge.TransportProxy, "the proxy (HTTPS_PROXY) failed: " + lastPart(err)
	case strings.Contains(msg, "tls:") || strings.Contains(msg, "x509:"):
		return knowledge.TransportTLS, "the TLS connection failed: " + lastPart(err)
	case strings.Contains(msg, "server gave HTTP response to HTTPS client"):
		return knowledge.TransportTLS, lang.N("the server speaks plain HTTP on that port, not HTTPS")
	case strings.Contains(msg, "connection reset"):
		return knowledge.TransportReset, lang.N("the connection was reset")
	}
	return knowledge.TransportUnreach, "the request failed: " + lastPart(err)
}

// notHTTP names an answer that is not HTTP at all. TLS records there mean plain HTTP was
// sent to a port that speaks TLS; anything else is another program on that port, or
// something in between that mangles the answer. What the server sent is quoted.
func notHTTP(msg string, o *knowledge.Observation) (string, string) {
	quoted := ""
	if i := strings.Index(msg, "malformed "); i >= 0 {
		quoted = msg[i:] // whole: observe masks secrets in it before cutting it for a line
	}
	// Go quotes the line with %q, so a TLS record's first bytes read \x15\x03 or \x16\x03.
	if strings.Contains(msg, `"\x15\x03`) || strings.Contains(msg, `"\x16\x03`) {
		o.AddFact(knowledge.FactPlainHTTP, lang.N("plain HTTP was sent to a port that answers in TLS"))
		return knowledge.TransportTLS, "the port speaks TLS, but plain HTTP was sent to it (the answer is a TLS record, not HTTP: " + quoted + "); use https://"
	}
	return knowledge.TransportNotHTTP, "the port answered, but not in HTTP (" + quoted + "): another program listens there, or something in between mangles the answer"
}

// errOversize marks an answer cut at the probe's limit.
var errOversize = errors.New("answer larger than the limit")

// lastPart is the innermost message of a wrapped error: the useful bit without the URL,
// which may carry masked but still noisy parameters.
func lastPart(err error) string {
	for {
		u := errors.Unwrap(err)
		if u == nil {
			return err.Error()
		}
		err = u
	}
}

// unknownAuthority says who signed a certificate this machine does not trust: the server
// itself (self-signed), or an issuer worth naming (a company proxy shows up here).
func unknownAuthority(cert *x509.Certificate) string {
	generic := lang.N("the server's certificate is signed by an unknown authority (self-signed, a private CA, or an intercepting proxy)")
	if cert == nil {
		return generic
	}
	// CheckSignatureFrom would also insist the issuer be a CA, and a self-signed leaf
	// usually is not marked as one: checking the signature alone names it all the same.
	if bytes.Equal(cert.RawIssuer, cert.RawSubject) && cert.CheckSignature(cert.SignatureAlgorithm, cert.RawTBSCertificate, cert.Signature) == nil {
		note := ""
		if !cert.IsCA {
			note = ", and not even marked as a CA"
		}
		return "the server presents a self-signed certificate (issued by itself: " + cert.Subject.String() + note + ")"
	}
	if issuer := cert.Issuer.String(); issuer != "" {
		return "the server's certificate is signed by an unknown authority: " + issuer + " (a private CA, or an intercepting proxy)"
	}
	return generic
}
