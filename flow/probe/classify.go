package probe

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Classify turns a Go transport error into an Observation: the kind of failure, a line a
// person understands, and the facts the catalogue matches. It never returns an empty
// Transport for a non-nil error.
func Classify(endpoint string, err error) knowledge.Observation {
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
		o.AddFact(knowledge.FactCertUnknownCA, "the certificate is not signed by an authority this machine trusts")
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
	case errors.Is(err, errOversize):
		o.AddFact(knowledge.FactOversizeBody, "the answer is larger than the probe reads")
		return knowledge.TransportTooLarge, "the answer is larger than the limit the probe reads"
	case errors.Is(err, syscall.ECONNREFUSED):
		return knowledge.TransportRefused, "the connection was refused: nothing listens on that port, or a firewall rejects it"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE), errors.Is(err, syscall.ECONNABORTED):
		return knowledge.TransportReset, "the connection was reset by the server or something in between"
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return knowledge.TransportUnreach, "the network or host is unreachable from this machine"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &netErr) && netErr.Timeout():
		return knowledge.TransportTimeout, "no answer within the time limit"
	case errors.As(err, &opErr) && opErr.Op == "proxyconnect":
		return knowledge.TransportProxy, "the proxy (HTTPS_PROXY) could not be reached: " + lastPart(err)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return knowledge.TransportReset, "the server closed the connection before a whole answer arrived"
	case errors.Is(err, context.Canceled):
		return knowledge.TransportTimeout, "the check was cancelled before an answer arrived"
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "proxyconnect"):
		return knowledge.TransportProxy, "the proxy (HTTPS_PROXY) failed: " + lastPart(err)
	case strings.Contains(msg, "tls:") || strings.Contains(msg, "x509:"):
		return knowledge.TransportTLS, "the TLS connection failed: " + lastPart(err)
	case strings.Contains(msg, "server gave HTTP response to HTTPS client"):
		return knowledge.TransportTLS, "the server speaks plain HTTP on that port, not HTTPS"
	case strings.Contains(msg, "connection reset"):
		return knowledge.TransportReset, "the connection was reset"
	}
	return knowledge.TransportUnreach, "the request failed: " + lastPart(err)
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
	const generic = "the server's certificate is signed by an unknown authority (self-signed, a private CA, or an intercepting proxy)"
	if cert == nil {
		return generic
	}
	if bytes.Equal(cert.RawIssuer, cert.RawSubject) && cert.CheckSignatureFrom(cert) == nil {
		return "the server presents a self-signed certificate (issued by itself: " + cert.Subject.String() + ")"
	}
	if issuer := cert.Issuer.String(); issuer != "" {
		return "the server's certificate is signed by an unknown authority: " + issuer + " (a private CA, or an intercepting proxy)"
	}
	return generic
}
