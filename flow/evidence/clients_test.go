package evidence

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func TestClientErrors(t *testing.T) {
	cases := []struct {
		name, text string
		want       want
	}{
		{"Go oauth2 RetrieveError", `oauth2: "invalid_grant" "The refresh token is invalid."`,
			want{endpoint: "token", errCode: "invalid_grant", desc: "The refresh token is invalid.", sources: []string{"go_oauth2_error"}}},
		{"Go oauth2 cannot fetch", "oauth2: cannot fetch token: 401 Unauthorized\nResponse: {\"error\":\"invalid_request\",\"hint\":\"Token has expired\"}",
			want{endpoint: "token", status: 401, errCode: "invalid_request", hint: "Token has expired"}},
		{"axios", "AxiosError: Request failed with status code 403", want{status: 403, sources: []string{"axios_error"}}},
		{"Guzzle", "Client error: `POST https://accounts.mubarokah.com/oauth/token` resulted in a `400 Bad Request` response:\n{\"error\":\"invalid_grant\",\"error_description\":\"The provided authorization grant (e.g., authorization code, resource owner credentials) or refre (truncated...)",
			want{endpoint: "token", method: "POST", status: 400, errCode: "invalid_grant", sources: []string{"guzzle_error"}}},
		{"requests", "requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://accounts.mubarokah.com/api/user",
			want{endpoint: "api_user", status: 401, sources: []string{"python_http_error"}}},
		{"httpx", "httpx.HTTPStatusError: Client error '403 Forbidden' for url 'https://accounts.mubarokah.com/api/user/details'",
			want{endpoint: "api_user_details", status: 403}},
		{"Laravel log of a league exception", `[2026-03-02] local.ERROR: The refresh token is invalid. {"exception":"[object] (League\\OAuth2\\Server\\Exception\\OAuthServerException(code: 8): The refresh token is invalid. at /var/www/vendor/league/oauth2-server/src/Exception/OAuthServerException.php:232)"}`,
			want{desc: "The refresh token is invalid.", sources: []string{"laravel_log"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { check(t, parse(t, c.text), c.want) })
	}
}

func TestTransportErrors(t *testing.T) {
	cases := []struct {
		text, kind, fact string
	}{
		{`Post "https://accounts.mubarokah.com/oauth/token": dial tcp: lookup accounts.mubarokah.com: no such host`, knowledge.TransportDNS, ""},
		{"dial tcp 127.0.0.1:8000: connect: connection refused", knowledge.TransportRefused, ""},
		{`Get "https://x/api/user": tls: failed to verify certificate: x509: certificate signed by unknown authority`, knowledge.TransportTLS, knowledge.FactCertUnknownCA},
		{"x509: certificate has expired or is not yet valid: current time 2026-11-27", knowledge.TransportTLS, knowledge.FactCertExpired},
		{"tls: failed to verify certificate: x509: certificate is valid for a.example, not accounts.mubarokah.com", knowledge.TransportTLS, knowledge.FactCertHostname},
		{"context deadline exceeded (Client.Timeout exceeded while awaiting headers)", knowledge.TransportTimeout, ""},
		{"read tcp 10.0.0.2:5555->203.0.113.10:443: read: connection reset by peer", knowledge.TransportReset, ""},
		{`Post "https://accounts.mubarokah.com/oauth/token": EOF`, knowledge.TransportReset, ""},
		{"curl: (6) Could not resolve host: accounts.mubarokah.com", knowledge.TransportDNS, ""},
		{"curl: (7) Failed to connect to accounts.mubarokah.com port 443 after 3 ms: Connection refused", knowledge.TransportRefused, ""},
		{"curl: (60) SSL certificate problem: unable to get local issuer certificate", knowledge.TransportTLS, knowledge.FactCertUnknownCA},
		{"curl: (28) Operation timed out after 5001 milliseconds with 0 bytes received", knowledge.TransportTimeout, ""},
		{"Error: getaddrinfo ENOTFOUND accounts.mubarokah.com", knowledge.TransportDNS, ""},
		{"Error: getaddrinfo EAI_AGAIN accounts.mubarokah.com", knowledge.TransportDNS, ""},
		{"Error: connect ECONNREFUSED 127.0.0.1:443", knowledge.TransportRefused, ""},
		{"Error: read ECONNRESET", knowledge.TransportReset, ""},
		{"Error: connect ETIMEDOUT 203.0.113.10:443", knowledge.TransportTimeout, ""},
		{"Error: unable to verify the first certificate code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'", knowledge.TransportTLS, knowledge.FactCertUnknownCA},
		{"code: 'CERT_HAS_EXPIRED'", knowledge.TransportTLS, knowledge.FactCertExpired},
		{"Error: self-signed certificate code: 'DEPTH_ZERO_SELF_SIGNED_CERT'", knowledge.TransportTLS, knowledge.FactCertUnknownCA},
		{"Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's altnames", knowledge.TransportTLS, knowledge.FactCertHostname},
		{"cURL error 6: Could not resolve host: accounts.mubarokah.com", knowledge.TransportDNS, ""},
		{"cURL error 7: Failed to connect to accounts.mubarokah.com port 443", knowledge.TransportRefused, ""},
		// Windows' curl words a connect timeout this way: a timeout, nothing refused.
		{"cURL error 7: Failed to connect to accounts.mubarokah.com port 443: Timed out", knowledge.TransportTimeout, ""},
		{"cURL error 28: Operation timed out after 30000 milliseconds", knowledge.TransportTimeout, ""},
		{"cURL error 35: OpenSSL SSL_connect: SSL_ERROR_SYSCALL", knowledge.TransportTLS, ""},
		{"cURL error 60: SSL certificate problem: certificate has expired", knowledge.TransportTLS, knowledge.FactCertExpired},
		{"php_network_getaddresses: getaddrinfo failed: Name or service not known", knowledge.TransportDNS, ""},
	}
	for _, c := range cases {
		o := parse(t, c.text)
		if o.Transport != c.kind {
			t.Errorf("%q: transport = %q, want %q", c.text, o.Transport, c.kind)
		}
		if c.fact != "" && !o.HasFact(c.fact) {
			t.Errorf("%q: fact %s missing: %+v", c.text, c.fact, o.Facts)
		}
		if c.fact == "" && (o.HasFact(knowledge.FactCertExpired) || o.HasFact(knowledge.FactCertUnknownCA)) && c.kind != knowledge.TransportTLS {
			t.Errorf("%q: unexpected TLS fact %+v", c.text, o.Facts)
		}
		if o.TransportDetail == "" {
			t.Errorf("%q: no transport detail", c.text)
		}
	}
}

func TestTransportWordsInsideOtherWords(t *testing.T) {
	o := parse(t, "GEOFFREY wrote an EOFError handler")
	if o.Transport != "" {
		t.Errorf("EOF inside a word is not a reset: %q", o.Transport)
	}
}

func TestTransportDetailIsScrubbed(t *testing.T) {
	o := parse(t, `Get "https://x/api/user?access_token=SECRETTOKEN123456": dial tcp: lookup x: no such host`)
	if strings.Contains(o.TransportDetail, "SECRETTOKEN123456") {
		t.Errorf("detail leaks the token: %q", o.TransportDetail)
	}
}

func TestHTMLBodies(t *testing.T) {
	o := parse(t, "<!DOCTYPE html><html><head><title>Login | Mubarokah ID</title></head><body><form action=\"/login\"><input name=\"password\"></form></body></html>")
	check(t, o, want{facts: []string{knowledge.FactHTMLBody, knowledge.FactLoginRedirect}})
	o = parse(t, "HTTP/1.1 502 Bad Gateway\n\n<html><head><title>502 Bad Gateway</title></head></html>")
	check(t, o, want{status: 502, facts: []string{knowledge.FactHTMLBody}})
	if o.HasFact(knowledge.FactLoginRedirect) {
		t.Error("a gateway error page is not a login page")
	}
}

func TestWWWAuthenticate(t *testing.T) {
	o := parse(t, `WWW-Authenticate: Bearer realm="api", error="invalid_token", error_description="The access token expired", scope="view-user"`)
	check(t, o, want{errCode: "invalid_token", desc: "The access token expired", sources: []string{"www_authenticate"}})
	o = parse(t, `Bearer error="insufficient_scope", scope="detail-user"`)
	check(t, o, want{errCode: "insufficient_scope"})
	o = parse(t, `Basic realm="OAuth"`)
	check(t, o, want{facts: []string{knowledge.FactAuthHeaderSent}})
}
