package redact

import (
	"regexp"
	"strings"
	"sync"
)

// Text masks every secret that text shows by its form, whatever the text is: a paste, a
// setting, a server's answer, a line of a log. It is the one masking step the screens
// draw such text through (with a Set's Scrub for secrets known by value). It finds:
//
//   - labelled values: NAME=VALUE (.env, shell export, form bodies, query strings),
//     NAME: VALUE (YAML, headers), "NAME": "VALUE" (JSON), 'NAME' => 'VALUE' (PHP and
//     Laravel config arrays), --NAME VALUE (flags), env('NAME', 'DEFAULT'), where NAME ends
//     in secret, token, password, passwd, pwd, verifier, key, assertion, credential or
//     cookie (code only when the value reads like a generated one);
//   - credentials of Authorization and Proxy-Authorization (after the scheme), Bearer
//     values wherever they stand, and Cookie and Set-Cookie values;
//   - curl's -u and --user (id:SECRET), and the password and secret parameters of URLs;
//   - tokens on their own: JWTs, Passport's def50200… values, and long words that mix
//     upper- and lower-case letters and digits as generated secrets do.
//
// What it leaves is readable: names, client ids, URLs without their credentials, error
// codes. Text already masked stays as it is, so Text can run twice.
func Text(text string) string {
	if len(text) < 4 {
		return text
	}
	var hits []hit
	add := func(start, end int) {
		if end <= start || masked(text, start, end) {
			return
		}
		hits = append(hits, hit{start, end, Mask(text[start:end])})
	}
	labelled(text, func(name string, vs, ve int) {
		v := text[vs:ve]
		switch {
		case isReference(v):
		case strings.HasSuffix(name, "code") && !Cuttable(v):
			// error codes and status codes: "code": "invalid_client", status_code: 401
		case strings.HasSuffix(name, "token") && strings.EqualFold(v, "bearer"):
		default:
			add(vs, ve)
		}
	})
	// Each pattern runs only when its keyword is in the text: most text has none, and a
	// regular expression without a literal to look for reads every byte.
	lower := strings.ToLower(text)
	p := textPatterns()
	if strings.Contains(lower, "env(") {
		for _, m := range p.envDefault.FindAllStringSubmatchIndex(text, -1) {
			add(m[2], m[3])
		}
	}
	if strings.Contains(lower, "authorization") {
		for _, m := range p.authorization.FindAllStringIndex(text, -1) {
			if vs, ve := valueSpan(text, m[1]); vs >= 0 {
				add(vs, ve)
			}
		}
	}
	if strings.Contains(lower, "bearer") {
		for _, m := range p.bearer.FindAllStringSubmatchIndex(text, -1) {
			if v := text[m[2]:m[3]]; !isAuthParam(v) {
				add(m[2], m[3])
			}
		}
	}
	if strings.Contains(lower, "cookie") {
		for _, m := range p.cookie.FindAllStringSubmatchIndex(text, -1) {
			cookies(text, m[1], strings.EqualFold(text[m[2]:m[3]], "set-cookie"), add)
		}
	}
	if strings.Contains(text, "-u") {
		for _, m := range p.curlUser.FindAllStringSubmatchIndex(text, -1) {
			add(m[2], m[3])
		}
	}
	if strings.Contains(text, "://") || strings.ContainsAny(text, "?&") {
		for _, m := range p.url.FindAllStringIndex(text, -1) {
			raw := text[m[0]:m[1]]
			if u := URL(raw); u != raw {
				hits = append(hits, urlHits(raw, m[0])...)
			}
		}
	}
	if strings.Contains(text, "eyJ") || strings.Contains(text, "def50200") {
		for _, m := range p.jwt.FindAllStringIndex(text, -1) {
			add(m[0], m[1])
		}
	}
	words(text, func(start, end int) {
		if looksGenerated(text[start:end]) {
			add(start, end)
		}
	})
	if len(hits) == 0 {
		return text
	}
	return replace(text, hits)
}

type patterns struct {
	envDefault, authorization, bearer, cookie, curlUser, url, jwt *regexp.Regexp
}

// textPatterns are compiled on first use: a program that never masks pays nothing.
var textPatterns = sync.OnceValue(func() patterns {
	return patterns{
		// env('MUBAROKAH_CLIENT_SECRET', 'the default'): the default is the secret.
		envDefault:    regexp.MustCompile(`(?i)env\(\s*['"][A-Z0-9_]*(?:SECRET|TOKEN|PASSWORD|KEY)['"]\s*,\s*['"]([^'"\n]+)['"]`),
		authorization: regexp.MustCompile(`(?i)(?:proxy-)?authorization["']?[ \t]*[:=][ \t]*["']?(?:[A-Za-z]+[ \t]+)?`),
		bearer:        regexp.MustCompile(`(?i)\bbearer[ \t]+([A-Za-z0-9._~+/=\-]{6,})`),
		cookie:        regexp.MustCompile(`(?i)\b(set-cookie|cookie)[ \t]*:[ \t]*`),
		curlUser:      regexp.MustCompile(`(?:^|\s)(?:-u[ \t]*|--user[ \t]*=?[ \t]*)["']?[^\s:"']*:([^\s"']+)`),
		url:           regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.\-]*://[^\s"'<>` + "`" + `]+|[?&][A-Za-z_]+=[^\s"'<>&` + "`" + `]+`),
		jwt:           regexp.MustCompile(`eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*|def50200[0-9a-f]{16,}`),
	}
})

// secretNames are the endings of names whose value is a secret: client_secret,
// MUBAROKAH_CLIENT_SECRET, access_token, DB_PASSWORD, code_verifier, X-Api-Key, APP_KEY.
var secretNames = []string{"secret", "token", "password", "passwd", "verifier", "key", "assertion", "credential", "credentials", "code"}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.'
}

// labelled finds NAME<sep>VALUE for every name ending in one of secretNames, where sep is
// =, : or => (with blanks around it, the name quoted or bracketed or not), and a flag's
// --NAME VALUE; found gets the lower-cased name and the value's span. One pass over the
// text, looking back from each separator.
func labelled(text string, found func(name string, vs, ve int)) {
	for i := 0; i < len(text); i++ {
		c := text[i]
		var after int
		switch {
		case c == '=' && i+1 < len(text) && text[i+1] == '>':
			after = i + 2
		case c == '=' && (i+1 >= len(text) || text[i+1] != '='):
			after = i + 1
		case c == ':' && (i+1 >= len(text) || text[i+1] != '/' && text[i+1] != ':'):
			after = i + 1
		case c == '-' && i+1 < len(text) && text[i+1] == '-' && (i == 0 || text[i-1] == ' ' || text[i-1] == '\t'):
			// --client-secret VALUE: the name, then blanks, then the value.
			j := i + 2
			for j < len(text) && isNameByte(text[j]) {
				j++
			}
			if j < len(text) && (text[j] == ' ' || text[j] == '\t') && secretName(text[i+2:j]) {
				k := skipBlanks(text, j)
				if vs, ve := valueSpan(text, k); vs >= 0 && !strings.HasPrefix(text[vs:], "-") {
					found(strings.ToLower(text[i+2:j]), vs, ve)
				}
			}
			continue
		default:
			continue
		}
		// Back over blanks and a closing quote or bracket to the name.
		j := i
		for j > 0 && (text[j-1] == ' ' || text[j-1] == '\t') {
			j--
		}
		if j > 0 && (text[j-1] == '"' || text[j-1] == '\'' || text[j-1] == ']') {
			j--
		}
		end := j
		for j > 0 && isNameByte(text[j-1]) {
			j--
		}
		if j == end || !secretName(text[j:end]) {
			continue
		}
		if vs, ve := valueSpan(text, skipBlanks(text, after)); vs >= 0 {
			found(strings.ToLower(text[j:end]), vs, ve)
		}
	}
}

// secretName reports whether a name ends in one of secretNames (any case).
func secretName(name string) bool {
	l := strings.ToLower(strings.TrimRight(name, ".-_"))
	for _, s := range secretNames {
		if strings.HasSuffix(l, s) {
			return true
		}
	}
	return false
}

func skipBlanks(s string, k int) int {
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	return k
}

// words calls found with every run of 20 or more token characters (letters, digits and
// _ - + / ~, with up to two = of base64 padding after them).
func words(text string, found func(start, end int)) {
	for i := 0; i < len(text); {
		if !isWordByte(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isWordByte(text[j]) {
			j++
		}
		end := j
		for n := 0; n < 2 && end < len(text) && text[end] == '='; n++ {
			end++
		}
		if j-i >= 20 {
			found(i, end)
		}
		i = max(end, j)
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '+' || c == '/' || c == '~'
}

// valueSpan is where the value starting at i stands: inside its quotes when quoted, else
// up to a space or a separator. -1 when there is no value.
func valueSpan(text string, i int) (int, int) {
	if i >= len(text) {
		return -1, -1
	}
	if q := text[i]; q == '"' || q == '\'' || q == '`' {
		for j := i + 1; j < len(text); j++ {
			switch text[j] {
			case '\\':
				j++
			case q:
				return i + 1, j
			case '\n':
				return i + 1, j
			}
		}
		return i + 1, len(text)
	}
	j := i
	for j < len(text) && !strings.ContainsRune(" \t\r\n&,;\"'`}])<>|", rune(text[j])) {
		j++
	}
	if j == i {
		return -1, -1
	}
	return i, j
}

// isReference reports values that name a secret rather than hold it: $VAR, ${VAR},
// env(…), null, a placeholder.
func isReference(v string) bool {
	l := strings.ToLower(v)
	switch {
	case strings.HasPrefix(v, "$"), strings.HasPrefix(v, "{"), strings.HasPrefix(v, "["), strings.HasPrefix(l, "env("),
		strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">"), strings.HasPrefix(v, "%") && strings.HasSuffix(v, "%"):
		return true
	}
	switch l {
	case "null", "nil", "none", "undefined", "true", "false", "", "...", "…", "***", "****", "redacted", "[redacted]", "(not set)":
		return true
	}
	// A placeholder in capitals (TOKEN, YOUR_CLIENT_SECRET), or stars, or dots.
	return strings.Trim(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_") == "" || strings.Trim(v, "*x•.…") == ""
}

// masked reports a stretch that is a mask already ("abcd…(40 chars)"), or its prefix.
func masked(text string, start, end int) bool {
	return strings.Contains(text[start:end], "…(") || strings.HasPrefix(text[end:], "…(")
}

// isAuthParam reports a challenge's parameter (error="…", realm=…) after "Bearer".
func isAuthParam(v string) bool {
	name, _, ok := strings.Cut(v, "=")
	if !ok || name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c != '_' && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

// cookies masks the values of a Cookie header's pairs, or a Set-Cookie's first pair (the
// rest are attributes).
func cookies(text string, i int, set bool, add func(int, int)) {
	end := strings.IndexByte(text[i:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += i
	}
	for pos := i; pos < end; {
		semi := strings.IndexByte(text[pos:end], ';')
		stop := end
		if semi >= 0 {
			stop = pos + semi
		}
		if eq := strings.IndexByte(text[pos:stop], '='); eq >= 0 {
			vs, ve := pos+eq+1, stop
			for vs < ve && (text[vs] == '"' || text[vs] == ' ') {
				vs++
			}
			for ve > vs && (text[ve-1] == '"' || text[ve-1] == ' ' || text[ve-1] == '\'' || text[ve-1] == '\r') {
				ve--
			}
			add(vs, ve)
		}
		if set || semi < 0 {
			return
		}
		pos = stop + 1
	}
}

// urlHits are URL's masks of raw (found at off in the text) as stretches of the text.
func urlHits(raw string, off int) []hit {
	var out []hit
	if start, end, ok := passwordSpan(raw); ok {
		out = append(out, hit{off + start, off + end, Mask(unescape(raw[start:end]))})
	}
	for pos := 0; pos <= len(raw); {
		end := strings.IndexAny(raw[pos:], "?&#;")
		if end < 0 {
			end = len(raw)
		} else {
			end += pos
		}
		if k, v, ok := strings.Cut(raw[pos:end], "="); ok && v != "" && IsSecretParam(unescape(k)) && !strings.Contains(v, "…(") {
			vs := pos + len(k) + 1
			out = append(out, hit{off + vs, off + end, Mask(unescape(v))})
		}
		pos = end + 1
	}
	return out
}

// looksGenerated reports a word that reads as a generated secret standing on its own (a
// client secret, an opaque token): long, of token characters, mixing upper- and lower-case
// letters with at least two digits. Names (AccessTokenController), hex digests and ids,
// UUIDs and paths do not.
func looksGenerated(w string) bool {
	if len(w) < 20 || strings.HasPrefix(w, "/") || strings.HasSuffix(w, "/") || strings.Contains(w, "//") ||
		strings.HasPrefix(w, "-") {
		return false
	}
	var upper, lower, digits int
	for i := 0; i < len(w); i++ {
		switch c := w[i]; {
		case c >= 'A' && c <= 'Z':
			upper++
		case c >= 'a' && c <= 'z':
			lower++
		case c >= '0' && c <= '9':
			digits++
		}
	}
	if upper == 0 || lower == 0 || digits < 2 {
		return false
	}
	if strings.Contains(w, "/") {
		// A path of words (vendor/laravel/passport) is no secret; base64 has no words
		// between its slashes.
		for _, seg := range strings.Split(w, "/") {
			if len(seg) >= 3 && strings.ToLower(seg) == seg && strings.Trim(seg, "abcdefghijklmnopqrstuvwxyz_-") == "" {
				return false
			}
		}
	}
	return true
}
