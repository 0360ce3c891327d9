package evidence

import (
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// findCurlCommands reads curl command lines (typed, from a runbook, or a browser's
// "Copy as cURL"): the URL, method, headers and body tell endpoint, auth style and
// grant type.
func findCurlCommands(s *scan) {
	done := 0
	for _, i := range findAll(s.text, "curl ", 20) {
		if i < done || i > 0 && !strings.ContainsRune(" \t\n$>`'\"(", rune(s.text[i-1])) {
			continue
		}
		// A command line longer than this is not something a person typed or copied.
		cmd := s.text[i:min(len(s.text), i+16<<10)]
		// Follow backslash (sh) and caret (cmd.exe) line continuations.
		end := 0
		for end < len(cmd) {
			nl := strings.IndexByte(cmd[end:], '\n')
			if nl < 0 {
				end = len(cmd)
				break
			}
			l := strings.TrimRight(cmd[end:end+nl], " \t")
			end += nl + 1
			if !strings.HasSuffix(l, `\`) && !strings.HasSuffix(l, "^") {
				end--
				break
			}
		}
		done = i + end
		args := shellWords(strings.NewReplacer("\\\n", " ", "^\n", " ").Replace(cmd[:end]))
		s.curlCommand(i, args)
	}
}

func (s *scan) curlCommand(pos int, args []string) {
	o := knowledge.Observation{}
	o.AddSource("curl_command")
	method, url, data := "", "", ""
	jsonBody, hasAuth := false, false
	for k := 1; k < len(args); k++ {
		a := args[k]
		next := func() string {
			if k+1 < len(args) {
				k++
				return args[k]
			}
			return ""
		}
		switch {
		case a == "-X" || a == "--request":
			method = strings.ToUpper(next())
		case strings.HasPrefix(a, "-X") && len(a) > 2:
			method = strings.ToUpper(a[2:])
		case a == "-H" || a == "--header":
			h := next()
			name, value, _ := strings.Cut(h, ":")
			switch strings.ToLower(strings.TrimSpace(name)) {
			case "content-type":
				jsonBody = strings.Contains(strings.ToLower(value), "json")
			case "authorization", "cookie":
				hasAuth = true
				if strings.EqualFold(strings.TrimSpace(name), "authorization") {
					s.authorization(&o, strings.TrimSpace(value))
				}
			default:
				if misnamedAuthHeader(name) {
					hasAuth = true
					misnamedAuth(&o, name)
				}
			}
		case a == "-b" || a == "--cookie" || a == "--oauth2-bearer":
			hasAuth = next() != "" || hasAuth
		case a == "-u" || a == "--user" || strings.HasPrefix(a, "-u") && len(a) > 2:
			u := a[min(2, len(a)):]
			if len(a) <= 2 || a == "--user" {
				u = next()
			}
			if u != "" {
				hasAuth = true
				o.AddFact(knowledge.FactAuthHeaderSent, "curl -u sends the client credentials in an Authorization: Basic header")
				if id, secret, ok := strings.Cut(u, ":"); ok {
					inspectBasic(&o, id, secret)
				}
			}
		case a == "--json":
			jsonBody = true
			data = next()
		case a == "-d" || a == "--data" || a == "--data-raw" || a == "--data-binary" || a == "--data-urlencode" || a == "-F" || a == "--form":
			if d := next(); data == "" {
				data = d
			} else {
				data += "&" + d
			}
		case a == "--url":
			url = next()
		case strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://"):
			if url == "" {
				url = a
			}
		}
	}
	if method == "" {
		method = "GET"
		if data != "" {
			method = "POST"
		}
	}
	o.Method = method
	o.Endpoint = requestEndpointFor(method, url)
	o.URL = redact.URL(url)
	if strings.HasPrefix(strings.TrimSpace(data), "{") {
		jsonBody = true
	}
	if jsonBody && o.Endpoint == knowledge.EndpointToken {
		o.AddFact(knowledge.FactJSONRequestBody, "the curl command sends the token request as JSON; /oauth/token reads application/x-www-form-urlencoded")
	}
	if !hasAuth && apiPath(url) {
		o.AddFact(knowledge.FactTokenMissing, "the curl command calls an API with no Authorization header (and no -u or cookie)")
	}
	s.add(pos, o)
}

// shellWords splits a command line the way a POSIX shell would for the simple cases
// people paste: single quotes, double quotes, backslash escapes, $'…'.
func shellWords(s string) []string {
	var out []string
	var b strings.Builder
	inWord := false
	for i := 0; i < len(s) && len(out) < 200; i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			if inWord {
				out = append(out, b.String())
				b.Reset()
				inWord = false
			}
		case c == '\'' || (c == '$' && i+1 < len(s) && s[i+1] == '\''):
			if c == '$' {
				i++
			}
			inWord = true
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				b.WriteString(s[i+1:])
				i = len(s)
				break
			}
			b.WriteString(s[i+1 : i+1+j])
			i += j + 1
		case c == '"':
			inWord = true
			for i++; i < len(s) && s[i] != '"'; i++ {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				b.WriteByte(s[i])
			}
		case c == '\\' && i+1 < len(s):
			inWord = true
			i++
			b.WriteByte(s[i])
		case c == '|' || c == ';' || c == '&' && !inWord:
			if inWord {
				out = append(out, b.String())
			}
			return out
		default:
			inWord = true
			b.WriteByte(c)
		}
	}
	if inWord {
		out = append(out, b.String())
	}
	return out
}
