package evidence

import (
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
)

// Scrub masks the secrets a line of text may carry (JWTs, def50200… values, labelled
// secrets, Authorization and Cookie values, URL passwords, curl -u credentials) so it can
// be quoted back to a person.
func Scrub(line string) string {
	set := &redact.Set{}
	set.Add(Secrets(line)...)
	return set.Scrub(line)
}

// Secrets lists the secret values found in text: access tokens, refresh tokens and codes,
// the value of anything labelled as a secret (client_secret=…, "access_token": "…",
// MUBAROKAH_CLIENT_SECRET=…, 'password' => '…', X-Api-Key: …), Authorization and Cookie
// credentials (with the secret inside a Basic one), URL passwords and curl -u credentials.
// The CLI and the wizard register them so nothing they print can repeat one.
//
// It reads text as given, whatever its encoding: every search runs over foldASCII(text),
// which has the same bytes at the same offsets, so an offset found there is one in text.
func Secrets(text string) []string {
	out := secretsIn(text)
	// What is shown is read from the normalised paste, where a colour code no longer splits
	// a secret in two: its secrets are the ones to hide.
	if norm := normalise(text); norm != text {
		out = append(out, secretsIn(norm)...)
	}
	return out
}

func secretsIn(text string) []string {
	f := secretFinder{text: text, fold: foldASCII(text)}
	for _, sp := range tokenSpans(text, "eyJ", 200) {
		f.add(sp.text)
	}
	for _, sp := range tokenSpans(text, "def50200", 200) {
		f.add(strings.TrimRight(sp.text, "."))
	}
	for _, word := range labelWords {
		f.labelled(word)
	}
	f.credentialHeaders()
	f.bearers()
	f.basics()
	f.urlPasswords()
	f.curlUsers()
	return f.out
}

// maxLabelHits bounds the occurrences of one label word read, so a megabyte of "token"
// stays linear.
const maxLabelHits = 200

// labelWords end the names of settings, parameters, keys and headers whose value is a
// secret: client_secret, MUBAROKAH_CLIENT_SECRET, access_token, X-Api-Key, code_verifier.
var labelWords = []string{"secret", "token", "password", "passwd", "verifier", "apikey", "api_key", "api-key",
	"assertion", "code", "denied"}

// generatedLabels are the label words whose value a program generates (an access or refresh
// token, a PKCE verifier, a signed assertion): never an ordinary word. A secret or password
// a person chose may be one, so those labels mask whatever follows.
var generatedLabels = map[string]bool{"token": true, "verifier": true, "assertion": true}

// looksGenerated reports whether a value could be a generated credential: anything but a
// short word of letters (at most its first one a capital). "expired", "Malformed",
// "invalid" are such words; "abc123", "AbCdEfGh" and 16 letters or more are not.
func looksGenerated(v string) bool {
	if len(v) >= 16 || v == "" {
		return true
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z') && !(i == 0 && c >= 'A' && c <= 'Z') {
			return true
		}
	}
	return false
}

type secretFinder struct {
	text, fold string
	out        []string
}

// placeholders are values a secret's slot holds when there is no secret: a program's empty
// values, and OAuth 1.0a's oauth_verifier=denied. Masking them would hide the word
// everywhere in a paste ("permission_denied") and protect nothing.
var placeholders = map[string]bool{"denied": true, "null": true, "undefined": true, "none": true, "true": true,
	"false": true, "nil": true, "empty": true}

func (f *secretFinder) add(values ...string) {
	for _, v := range values {
		if v = strings.TrimSpace(v); len(v) >= redact.MinSecret && !placeholders[strings.ToLower(v)] && !schemeWords[strings.ToLower(v)] {
			f.out = append(f.out, v)
			if u := unescape(v); u != v {
				f.out = append(f.out, u)
			}
		}
	}
}

// schemeWords are Authorization schemes: read where a credential was expected ("Authorization:
// Bearer" with nothing after it, "Bearer Bearer …"), the word is the fault being reported,
// never a secret, and masking it would hide it in every sentence that names it.
var schemeWords = map[string]bool{"bearer": true, "basic": true, "digest": true, "negotiate": true}

func isNameByte(c byte) bool { return isWordByte(c) || c == '-' || c == '.' }

// labelled reads NAME<sep>VALUE for every name ending in word: = and : (with spaces),
// PHP's =>, print_r's [name] =>, the name quoted or bare, the value quoted or bare.
func (f *secretFinder) labelled(word string) {
	for _, i := range findAll(f.fold, word, maxLabelHits) {
		end := i + len(word)
		if end < len(f.text) && isNameByte(f.text[end]) && f.text[end] != '.' {
			continue // token_type, code_challenge: another name
		}
		start := i
		for start > 0 && isNameByte(f.text[start-1]) {
			start--
		}
		name := f.fold[start:end]
		k := end
		if k < len(f.text) && (f.text[k] == '"' || f.text[k] == '\'' || f.text[k] == ']') {
			k++
		}
		k = skipBlanks(f.text, k)
		colon := false
		switch {
		case strings.HasPrefix(f.text[k:], "=>"):
			k += 2
		case k < len(f.text) && f.text[k] == '=' && !strings.HasPrefix(f.text[k:], "=="):
			k++
		case k < len(f.text) && f.text[k] == ':':
			k++
			colon = true
		default:
			continue
		}
		vAt := skipBlanks(f.text, k)
		v := valueAt(f.text, vAt)
		if colon && name == word && vAt > k && chainedSentence(f.text, start, vAt, v) {
			// "…is not the hash of the given password: Client authentication failed": a
			// wrapped error chain, where the label word ends one message and the next
			// message starts after ": ". A value is not a sentence.
			continue
		}
		if (word == "code" || word == "denied") && (!redact.Cuttable(v) || readsAsName(v)) {
			// "code" also names error codes ("code": "invalid_client") and status codes
			// (status_code: 401); an authorization code is a long mix of letters and digits.
			// So is the OAuth 1.0a request token in denied=, not the word in "denied: by user".
			continue
		}
		if name == "token" && strings.EqualFold(v, "bearer") {
			continue
		}
		if generatedLabels[word] && !looksGenerated(v) {
			// "token: expired", "Invalid token: malformed": a word a server wrote about the
			// token, not the token, which a program generates long or mixed.
			continue
		}
		f.add(v)
	}
}

// readsAsName reports whether a value is words joined into a name (Authorization_RequestDenied,
// InvalidAuthenticationToken, invalid_grant): an error code a server put in a "code" field,
// not a generated code, whose random letters and digits never split into such words.
func readsAsName(v string) bool {
	seg := 0
	for i := 0; i <= len(v); i++ {
		var c byte
		if i < len(v) {
			c = v[i]
		}
		switch {
		case c >= 'a' && c <= 'z':
			seg++
			continue
		case c >= 'A' && c <= 'Z' && (i == 0 || seg > 0 || v[i-1] == '_' || v[i-1] == '.' || v[i-1] == '-'):
			if seg > 0 && seg < 3 {
				return false
			}
			seg = 1
			continue
		case c == 0 || c == '_' || c == '.' || c == '-':
			if seg < 3 {
				return false
			}
			seg = 0
			continue
		}
		return false // a digit, two capitals in a row, anything else
	}
	return true
}

// chainedSentence reports whether the "value" at vAt after a bare label word at start is the
// next sentence of a wrapped error: the line is already a chain ("pbkdf2: the stored
// password: Invalid grant…"), the label follows a prose word, and the value is a plain word
// (letters only) followed by more words on its line. Without the earlier link a person's
// own "my password: letmein and it fails" is a password, and stays masked.
func chainedSentence(text string, start, vAt int, v string) bool {
	if start < 2 || text[start-1] != ' ' || !isWordByte(text[start-2]) || v == "" || looksGenerated(v) {
		return false
	}
	if !strings.Contains(text[lineStart(text, start, 512):start], ": ") {
		return false
	}
	rest := lineFrom(text, vAt+len(v), 64)
	return len(rest) > 2 && rest[0] == ' ' && (rest[1]|0x20) >= 'a' && (rest[1]|0x20) <= 'z'
}

func skipBlanks(s string, k int) int {
	for k < len(s) && (s[k] == ' ' || s[k] == '\t') {
		k++
	}
	return k
}

// valueAt reads the value starting at k: a quoted string (with JSON and shell escapes read)
// or a bare run up to a space, a quote or a separator.
func valueAt(text string, k int) string {
	if k >= len(text) {
		return ""
	}
	if c := text[k]; c == '"' || c == '\'' || c == '`' {
		if c == '`' {
			if e := strings.IndexAny(text[k+1:], "`\n"); e >= 0 {
				return text[k+1 : k+1+e]
			}
			return ""
		}
		v, _ := literal(text[k:])
		return v
	}
	v := lineFrom(text, k, 8192)
	if e := strings.IndexAny(v, " \t&,;\"'`}])<>|"); e >= 0 {
		v = v[:e]
	}
	if strings.HasPrefix(v, "$") || strings.HasPrefix(v, "{") || strings.HasPrefix(v, "[") ||
		strings.HasPrefix(v, "env(") || v == "null" || v == "undefined" {
		return "" // a reference to a value, not the value
	}
	return v
}

// credentialHeaders reads Authorization, Proxy-Authorization, Cookie and Set-Cookie values.
func (f *secretFinder) credentialHeaders() {
	for _, i := range credentialHeaderHits(f.fold) {
		v := lineFrom(f.text, i, 8192)
		v = strings.TrimLeft(v, " \t'\"`")
		if e := strings.IndexAny(v, "'\"`,}"); e >= 0 {
			v = v[:e]
		}
		scheme, cred, ok := strings.Cut(strings.TrimSpace(v), " ")
		if !ok {
			f.add(scheme)
			continue
		}
		cred = strings.TrimSpace(cred)
		f.add(cred)
		if strings.EqualFold(scheme, "basic") {
			f.basic(cred)
		}
	}
	for _, i := range findAll(f.fold, "cookie:", maxLabelHits) {
		pairs := strings.Split(lineFrom(f.text, i+len("cookie:"), 8192), ";")
		if i >= 4 && f.fold[i-4:i] == "set-" {
			pairs = pairs[:1] // the rest are attributes: Path, Domain, Expires
		}
		for _, c := range pairs {
			if _, v, ok := strings.Cut(c, "="); ok {
				f.add(strings.Trim(strings.TrimSpace(v), `"'`))
			}
		}
	}
}

// credentialHeaderHits returns where the values of credential headers start: Authorization
// and every name misnamedAuthHeader takes for a mistyped one (Authentication, Authorisation,
// Authorizaion…). The credentials in a misnamed header are as secret as in the right one, so
// both read the same predicate: a misspelling the checks name is one the masker hides.
func credentialHeaderHits(fold string) []int {
	var out []int
	for _, i := range findAll(fold, "auth", maxLabelHits) {
		if i > 0 && isWordByte(fold[i-1]) {
			continue // inside a longer name: x_auth, oauth
		}
		k := i
		for k < len(fold) && fold[k] >= 'a' && fold[k] <= 'z' {
			k++
		}
		name := fold[i:k]
		if k = skipBlanks(fold, k); k >= len(fold) || fold[k] != ':' {
			continue
		}
		if name == "authorization" || misnamedAuthHeader(name) {
			out = append(out, k+1)
		}
	}
	return out
}

// basics reads "Basic VALUE" wherever it stands, under any header name: a value that decodes
// to id:secret is credentials whatever the header was called.
func (f *secretFinder) basics() {
	for _, i := range findAll(f.fold, "basic ", maxLabelHits) {
		v := strings.TrimLeft(lineFrom(f.text, i+len("basic "), 8192), " \t")
		if e := strings.IndexAny(v, " \t'\"`,;}"); e >= 0 {
			v = v[:e]
		}
		if len(v) < 4 {
			continue
		}
		if _, _, ok := decodeBasic(v); ok {
			f.add(v)
			f.basic(v)
		}
	}
}

// basic adds the secret inside Basic credentials.
func (f *secretFinder) basic(cred string) {
	if id, secret, ok := decodeBasic(cred); ok {
		f.add(secret)
		if looksLikeSecret(id) {
			f.add(id) // the two swapped: the secret stands before the colon
		}
	}
}

// bearers reads "Bearer VALUE" wherever it stands (a header, a log line, an error message).
// A challenge's auth-params (Bearer realm="…", error=…) are not a value.
func (f *secretFinder) bearers() {
	for _, i := range findAll(f.fold, "bearer ", maxLabelHits) {
		v := lineFrom(f.text, i+len("bearer "), 8192)
		if e := strings.IndexAny(v, " \t'\"`,"); e >= 0 {
			v = v[:e]
		}
		if name, _, ok := strings.Cut(v, "="); ok && (strings.Trim(v[len(name):], "=") != "" || isParamName(name)) {
			continue
		}
		f.add(v)
	}
}

// isParamName reports whether s reads as an auth-param name (realm, error, scope) rather
// than a token with base64 padding.
func isParamName(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '_' && (c < 'a' || c > 'z') {
			return false
		}
	}
	return true
}

// urlPasswords reads the password of every scheme://user:password@host.
func (f *secretFinder) urlPasswords() {
	for _, i := range findAll(f.text, "://", maxLabelHits) {
		auth := f.text[i+3:]
		if e := strings.IndexAny(auth, "/?# \t\n\"'`<>"); e >= 0 {
			auth = auth[:e]
		}
		at := strings.LastIndexByte(auth, '@')
		if at < 0 {
			continue
		}
		if _, pw, ok := strings.Cut(auth[:at], ":"); ok {
			f.add(pw)
		}
	}
}

// curlUsers reads curl's -u id:secret and --user id:secret (quoted or not, or glued: -uid:s).
func (f *secretFinder) curlUsers() {
	for _, flag := range []string{"-u", "--user"} {
		for _, i := range findAll(f.text, flag, maxLabelHits) {
			if i > 0 && f.text[i-1] != ' ' && f.text[i-1] != '\t' {
				continue
			}
			k := i + len(flag)
			if k < len(f.text) && (f.text[k] == ' ' || f.text[k] == '=') {
				k = skipBlanks(f.text, k+1)
			} else if flag == "--user" {
				continue
			}
			words := shellWords(lineFrom(f.text, k, 8192))
			if len(words) == 0 {
				continue
			}
			if id, secret, ok := strings.Cut(words[0], ":"); ok {
				f.add(secret)
				if looksLikeSecret(id) {
					f.add(id)
				}
			}
		}
	}
}

// foldASCII lower-cases the ASCII letters of s and leaves every other byte as it is: the
// result has the same length and the same offsets as s, which strings.ToLower does not
// promise (İ, the Kelvin sign and invalid UTF-8 change length), so an offset found in it can
// slice s.
func foldASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
