package evidence

import (
	"regexp"
	"strings"
	"sync"
)

// statedMethodPatterns are the ways other servers and frameworks than Laravel and Symfony
// (received.go) say which method reached them when they refuse it: Spring's "Request method
// 'GET' not supported", Rails' "No route matches [GET]", Django REST framework's "Method
// \"GET\" not allowed.", and the plain "GET not allowed". findReceived falls back on them.
var statedMethodPatterns = sync.OnceValue(func() []*regexp.Regexp {
	const m = `(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)`
	return []*regexp.Regexp{
		regexp.MustCompile(`(?i)request method\s+\W{0,2}` + m + `\W{0,2}\s+(?:is\s+)?not supported`),
		regexp.MustCompile(`(?i)\bthe\s+` + m + `\s+method is not allowed`),
		regexp.MustCompile(`(?i)no route matches\s+\[` + m + `\]`),
		regexp.MustCompile(`(?i)\bmethod\s+\W{0,2}` + m + `\W{0,2}\s+(?:is\s+)?not (?:allowed|supported)`),
		regexp.MustCompile(`(?i)\b` + m + `\s+(?:method\s+)?(?:is\s+)?not (?:allowed|supported)\b`),
	}
})

// maxMethodScan bounds the text read for a stated method: refusals come early in a paste.
const maxMethodScan = 64 << 10

// statedMethod returns the method the text says the server received and refused, or "".
func statedMethod(text string) string {
	if len(text) > maxMethodScan {
		text = text[:maxMethodScan]
	}
	lower := strings.ToLower(text)
	if !strings.Contains(lower, "not supported") && !strings.Contains(lower, "not allowed") &&
		!strings.Contains(lower, "no route matches") {
		return ""
	}
	for _, re := range statedMethodPatterns() {
		if m := re.FindStringSubmatch(text); m != nil {
			return strings.ToUpper(m[1])
		}
	}
	return ""
}
