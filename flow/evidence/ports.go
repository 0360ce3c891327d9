package evidence

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// refusedAddr finds the host and port a refused connection went to: curl's "Failed to
// connect to localhost port 80", Node's "connect ECONNREFUSED 127.0.0.1:8000", Go's "dial
// tcp 127.0.0.1:8000: connect: connection refused", urllib3's "host='localhost', port=8000".
var refusedAddr = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:connect to ([\w.\-]+) port (\d+)|econnrefused ([\w.\-]+):(\d+)|dial tcp ([\w.\-]+):(\d+)|host='([\w.\-]+)', port=(\d+))`)
})

// configURL finds a base URL set in a paste of .env or config: APP_URL=http://localhost:8000.
var configURL = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?m)^\s*[A-Z][A-Z0-9_]*URL\s*=\s*["']?(https?://[^\s"']+)`)
})

// portMismatch notes a refused connection to a port other than the one the paste's own
// configuration names for the same host: the client was built with another base URL (or a
// default port) than the one the server listens on.
func portMismatch(text string, o *knowledge.Observation) {
	m := refusedAddr().FindStringSubmatch(text[:min(len(text), 256<<10)])
	if m == nil {
		return
	}
	host, port := "", ""
	for g := 1; g+1 < len(m); g += 2 {
		if m[g] != "" {
			host, port = m[g], m[g+1]
			break
		}
	}
	for _, c := range configURL().FindAllStringSubmatch(text[:min(len(text), 256<<10)], 8) {
		u, err := url.Parse(c[1])
		if err != nil || !sameHost(u.Hostname(), host) {
			continue
		}
		want := u.Port()
		if want == "" {
			want = map[string]string{"http": "80", "https": "443"}[u.Scheme]
		}
		if want != "" && want != port {
			o.AddFact(knowledge.FactRefusedPortDiffers, fmt.Sprintf("the connection went to %s port %s, but the configuration shown sets %s, port %s",
				host, port, c[1], want))
		}
		return
	}
}

func sameHost(a, b string) bool {
	local := func(h string) bool { return h == "localhost" || h == "127.0.0.1" || h == "::1" || h == "0.0.0.0" }
	return strings.EqualFold(a, b) || local(strings.ToLower(a)) && local(strings.ToLower(b))
}
