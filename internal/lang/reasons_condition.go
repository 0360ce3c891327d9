package lang

import "regexp"

// conditionKeys are the names knowledge.Reason gives an observation's fields ("hint
// 'Token has expired'", "content type 'text/html'"): a field that is a protocol word keeps
// its name, the others are said in Indonesian.
var conditionKeys = map[string]string{
	"error": "error", "description": "description", "hint": "hint", "message": "message",
	"endpoint": "endpoint", "grant type": "grant_type", "code": "code", "state": "state",
	"transport": "jenis kegagalan jaringan", "transport detail": "pesan kegagalan jaringan",
	"content type": "Content-Type", "www authenticate": "WWW-Authenticate", "method": "metode",
	"location": "Location", "retry after": "Retry-After", "source": "sumber bukti",
	"status": "status", "url": "URL", "scope": "scope", "client id": "client_id",
}

var (
	conditionRe = regexp.MustCompile(`^([a-z][a-z ]*[a-z]) ('.*')$`)
	emptyRe     = regexp.MustCompile(`^([a-z][a-z ]*[a-z]) is empty$`)
	httpRe      = regexp.MustCompile(`^HTTP [0-9]{3}$`)
)

// condition is a reason knowledge.Reason writes for a field ("hint '…'", "HTTP 401",
// "hint is empty"), the field's name in Indonesian and its value as it was read.
func condition(s string) (string, bool) {
	if httpRe.MatchString(s) {
		return s, true
	}
	if m := conditionRe.FindStringSubmatch(s); m != nil {
		if k, ok := conditionKeys[m[1]]; ok {
			return k + " " + m[2], true
		}
	}
	if m := emptyRe.FindStringSubmatch(s); m != nil {
		if k, ok := conditionKeys[m[1]]; ok {
			return k + " kosong", true
		}
	}
	return "", false
}
