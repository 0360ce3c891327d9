package probe

import (
	"bytes"
	"regexp"
	"strings"
	"sync"

	"golang.org/x/net/html"
)

// maxHTMLScan is how much of an error page is read for its OAuth error: the code sits near
// the top of every page seen, and a bound keeps a hostile page cheap.
const maxHTMLScan = 64 << 10

// oauthCodes are the error codes an authorization server may print on its own error page
// (RFC 6749 4.1.2.1 and 5.2, OpenID Connect, RFC 7591's invalid_redirect_uri).
var oauthCodes = []string{
	"invalid_request", "invalid_client", "invalid_grant", "unauthorized_client",
	"unsupported_response_type", "unsupported_grant_type", "invalid_scope", "access_denied",
	"server_error", "temporarily_unavailable", "invalid_redirect_uri", "login_required",
	"consent_required", "interaction_required", "invalid_request_uri", "invalid_request_object",
	"request_not_supported", "registration_not_supported",
}

var (
	labelledCode = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?i)\berror\s*[:=]?\s*"?([a-z_]{6,40})\b`) })
	bareCode     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\b(` + strings.Join(oauthCodes, "|") + `)\b`) })
	labelledDesc = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?i)\berror_description\b\s*[:=]?\s*"?([^\n"]+)`)
	})
)

// htmlOAuthError reads an authorization server's HTML error page for the OAuth error it
// shows the user. Servers that are not Passport (node-oidc-provider, Keycloak, Doorkeeper)
// answer a bad authorization request with such a page rather than JSON; the code and the
// description on it say more than "an HTML page came back". It returns "" when the page
// names no known code.
func htmlOAuthError(body []byte) (code, description string) {
	text := htmlText(body)
	for _, m := range labelledCode().FindAllStringSubmatch(text, 8) {
		if c := strings.ToLower(m[1]); isOAuthCode(c) {
			code = c
			break
		}
	}
	if code == "" {
		code = bareCode().FindString(text)
	}
	if code == "" {
		return "", ""
	}
	if m := labelledDesc().FindStringSubmatch(text); m != nil {
		description = strings.TrimSpace(m[1])
	}
	return code, description
}

func isOAuthCode(c string) bool {
	for _, k := range oauthCodes {
		if k == c {
			return true
		}
	}
	return false
}

// htmlText is the text of a page (its title too), one line per element, entities decoded;
// scripts, styles and templates are left out.
func htmlText(body []byte) string {
	if len(body) > maxHTMLScan {
		body = body[:maxHTMLScan]
	}
	z := html.NewTokenizer(bytes.NewReader(body))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			if name, _ := z.TagName(); isHidden(name) {
				skip++
			}
			b.WriteByte('\n')
		case html.SelfClosingTagToken:
			b.WriteByte('\n')
		case html.EndTagToken:
			if name, _ := z.TagName(); isHidden(name) && skip > 0 {
				skip--
			}
			b.WriteByte('\n')
		case html.TextToken:
			if skip == 0 {
				b.WriteString(strings.Join(strings.Fields(string(z.Text())), " "))
			}
		}
	}
}

func isHidden(tag []byte) bool {
	t := string(tag)
	return t == "script" || t == "style" || t == "template"
}
