package knowledge

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Vocabulary is how one family of servers or client libraries words a cause or an entry:
// sentences and fragments it says, the error codes it sends, the exception classes it
// throws. The catalogue holds it as data (assets/catalogue/README.md, "Vocabulary"), so a
// new server's wording is one more list item, never Go code. Phrases match by meaning-bearing
// words, not bytes: case, punctuation, quotes and line breaks are ignored, and a phrase
// matches only whole words ("expired" is not found in "unexpired").
type Vocabulary struct {
	Family string `json:"family"`
	// Words are sentences or fragments; they match in anything said in words (description,
	// hint, message, a log's text, the error field, a transport error).
	Words []string `json:"words,omitempty"`
	// Errors are error codes (access_denied, bad_verification_code, AADSTS codes go in
	// words); they match the error field or the code written anywhere in the text, with
	// its underscores, so the prose "access denied" is not the code access_denied.
	Errors []string `json:"errors,omitempty"`
	// Exceptions are exception or error class names (InvalidStateException,
	// MismatchingStateError); they match the exception a paste names, qualified or not.
	Exceptions []string `json:"exceptions,omitempty"`
	// Generic sentences (entry level only) name the entry but no cause: the standard
	// descriptions every server repeats. They count for the entry and are cut out of the
	// text before causes are looked for, so "expired" inside RFC 6749's invalid_grant
	// sentence never reads as an expiry.
	Generic []string `json:"generic,omitempty"`
	// Near items describe a reason by a subject and a predicate that stand close together
	// (see Near): the reason however a server words it.
	Near []Near `json:"near,omitempty"`
	// When holds extra conditions, as in signals: the endpoint that tells apart two causes
	// sharing a sentence, say.
	When map[string]string `json:"when,omitempty"`
	// Weight overrides the default for the level and kind (vocabularyWeight).
	Weight     float64 `json:"weight,omitempty"`
	SourceNote string  `json:"source,omitempty"`

	// Compiled at load: each phrase normalised and padded with spaces (see normWords), and
	// its longest word, which must be among the text's words before the phrase is looked for.
	words, codes, generic    []string
	wordAnchors, codeAnchors []string
	line                     int
}

// Families names the server and library families a vocabulary item may belong to, so a typo
// in the data is refused at load and a reader knows whose wording it is.
var Families = map[string]string{
	"rfc":            "the OAuth 2.0 / OpenID Connect / HTTP specifications' own wording",
	"mubarokah":      "Mubarokah ID's documented answers and its SDK (mubarokah-id-sdk)",
	"league":         "thephpleague/oauth2-server (Passport's engine)",
	"passport":       "laravel/passport",
	"laravel":        "laravel/framework and Symfony's HTTP kernel under it",
	"socialite":      "laravel/socialite",
	"oauth2-client":  "thephpleague/oauth2-client",
	"guzzle":         "guzzlehttp/guzzle",
	"bshaffer":       "bshaffer/oauth2-server-php",
	"fosite":         "ory/fosite and Ory Hydra",
	"keycloak":       "Keycloak",
	"doorkeeper":     "doorkeeper-gem/doorkeeper",
	"spring":         "Spring Security and Spring Authorization Server",
	"oidc-provider":  "panva/node-oidc-provider",
	"openid-client":  "panva/openid-client and NextAuth/Auth.js on top of it",
	"node":           "Node.js libraries: jsonwebtoken, express-jwt, simple-oauth2, the runtime",
	"oauthlib":       "oauthlib, requests-oauthlib and Django OAuth Toolkit",
	"authlib":        "authlib",
	"go-oauth2":      "golang.org/x/oauth2",
	"google":         "Google's OAuth 2.0 and APIs",
	"entra":          "Microsoft Entra ID (Azure AD) AADSTS errors and MSAL",
	"github":         "GitHub's OAuth apps",
	"okta":           "Okta",
	"auth0":          "Auth0",
	"identityserver": "Duende IdentityServer / IdentityServer4 and OpenIddict",
	"other":          "a server or library not listed; say which in the source note",
	"salesforce":     "Salesforce",
	"facebook":       "Facebook Login and the Graph API",
}

// Default weights, by where the vocabulary sits and what it matches (README's weight table).
func vocabularyWeight(v *Vocabulary, causeLevel bool, kind string) float64 {
	if v.Weight > 0 {
		return v.Weight
	}
	switch {
	case kind == "generic":
		return 2
	case causeLevel && kind == "near":
		// Below the server's own sentence (10): meaning read from nearby words is surer
		// than a status, less sure than a quote.
		return 8
	case kind == "near":
		return 4
	case causeLevel && kind == "words":
		return 10
	case causeLevel:
		return 8
	case kind == "errors":
		return 4
	}
	return 5
}

var codePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.:\\-]*$`) })

// compile normalises the phrases and says what is wrong with any. A words phrase of one word
// must be long or carry a digit (AADSTS70008): single short words match too much prose.
func (v *Vocabulary) compile(causeLevel bool) []string {
	var errs []string
	if v.Family == "" {
		errs = append(errs, "vocabulary item has no family")
	} else if _, ok := Families[v.Family]; !ok {
		errs = append(errs, fmt.Sprintf("vocabulary family %q is not one of knowledge.Families (add it there with a description)", v.Family))
	}
	if len(v.Words)+len(v.Errors)+len(v.Exceptions)+len(v.Generic)+len(v.Near) == 0 {
		errs = append(errs, "vocabulary item has no words, errors, exceptions or generic sentences (nor near items)")
	}
	for i := range v.Near {
		errs = append(errs, v.Near[i].compile()...)
	}
	if causeLevel && len(v.Generic) > 0 {
		errs = append(errs, "generic sentences belong to the entry, not to a cause")
	}
	if v.Weight < 0 {
		errs = append(errs, "vocabulary weight must be above 0 (or left out for the default)")
	}
	for k, p := range v.When {
		if err := CheckCondition(k, p); err != nil {
			errs = append(errs, err.Error())
		}
	}
	v.words, v.codes, v.generic, v.wordAnchors, v.codeAnchors = nil, nil, nil, nil, nil
	for _, w := range v.Words {
		n := normWords(w)
		switch {
		case strings.TrimSpace(n) == "":
			errs = append(errs, fmt.Sprintf("phrase %q has no letters or digits", w))
			continue
		case strings.Count(strings.TrimSpace(n), " ") == 0 && utf8.RuneCountInString(strings.TrimSpace(n)) < 8 && !strings.ContainsAny(n, "0123456789"):
			errs = append(errs, fmt.Sprintf("phrase %q is one short word, which matches too much; quote more of the sentence", w))
			continue
		}
		v.words = append(v.words, n)
		v.wordAnchors = append(v.wordAnchors, anchor(n))
	}
	for _, list := range [][]string{v.Errors, v.Exceptions} {
		for _, c := range list {
			if !codePattern().MatchString(c) {
				errs = append(errs, fmt.Sprintf("%q is not a code or class name (letters, digits, _ . : \\ -, no spaces)", c))
				continue
			}
			n := normCodes(c)
			v.codes = append(v.codes, n)
			v.codeAnchors = append(v.codeAnchors, anchor(n))
		}
	}
	for _, g := range v.Generic {
		n := normWords(g)
		if strings.Count(strings.TrimSpace(n), " ") < 2 {
			errs = append(errs, fmt.Sprintf("generic sentence %q is too short: give the whole sentence", g))
			continue
		}
		v.generic = append(v.generic, n)
	}
	return errs
}

// anchor is a phrase's longest word: rare enough that most texts lack it, so looking it up
// first spares scanning the text for most phrases.
func anchor(phrase string) string {
	best := ""
	for _, w := range strings.Fields(phrase) {
		if len(w) > len(best) {
			best = w
		}
	}
	return best
}

// normWords reduces text to its words: lower case, letters and digits only, one space
// between words and one at each end, so that " a b " inside it is a whole-word match.
// redirect_uri, redirect-uri and `redirect uri` all read "redirect uri".
func normWords(s string) string { return normalise(s, false) }

// normCodes is normWords keeping underscores inside words, for codes and class names:
// access_denied stays one word and is not the prose "access denied".
func normCodes(s string) string { return normalise(s, true) }

func normalise(s string, keepUnderscore bool) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	space := true
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') || (keepUnderscore && r == '_') {
				b.WriteRune(r)
				space = false
				continue
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(foldAccent(unicode.ToLower(r)))
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	return b.String()
}

// foldAccent reads a Latin letter with a diacritic as the plain letter, so a server's or a
// translation's "vérifier" is the word "verifier".
func foldAccent(r rune) rune {
	if r < 'à' || r > 'ÿ' {
		return r
	}
	const plain = "aaaaaaaceeeeiiiidnooooo/ouuuuyty"
	if c := plain[r-'à']; c != '/' {
		return rune(c)
	}
	return r
}

// maxSaid bounds each text field read for vocabulary, so a megabyte paste costs no more than
// a page: the words that matter come first in every shape parsers produce.
const maxSaid = 32 << 10

// said is what an observation says in words, normalised once per Match.
type said struct {
	words string // normWords of the texts, generic sentences cut out
	codes string // normCodes of the texts, the error field and the exception
	// The words of each, to skip at once the phrases whose anchor the text lacks.
	wordSet, codeSet map[string]bool
	// generic marks the catalogue's generic sentences found, by index in Catalogue.generic.
	generic []bool
	// tokens are the words one by one, for near items (tokenList).
	tokens []string
	// nearWords is words without the questions a person asked (see statements), which near
	// items read; "" when there were none and words serves.
	nearWords string
}

// genericSentence is one entry's generic sentence, for cutting out of every text.
type genericSentence struct {
	norm   string
	entry  *Entry
	vocab  *Vocabulary
	weight float64
}

func (c *Catalogue) newSaid(o *Observation) *said {
	// Each field is normalised on its own and the fields are joined with a "|", which no
	// phrase contains, so a phrase never matches across two fields ("…or expired" ending a
	// description and "access token …" starting a log line are not "expired access token").
	var wb, cb strings.Builder
	add := func(b *strings.Builder, norm func(string) string, t string) {
		if t == "" {
			return
		}
		if len(t) > maxSaid {
			t = t[:maxSaid]
		}
		b.WriteString(norm(t))
		b.WriteString("|")
	}
	// The error field is read as words too: a sentence a parser left in it ("The client is
	// not allowed to request scope …") still counts.
	for _, t := range []string{o.Error, o.Description, o.Hint, o.Message, o.Text, o.TransportDetail} {
		add(&wb, normWords, t)
		add(&cb, normCodes, t)
	}
	add(&cb, normCodes, o.Exception)
	// An exception may carry its message with its class ("OAuthError: the code was reused"):
	// its words are read too.
	add(&wb, normWords, o.Exception)
	words := wb.String()
	s := &said{codes: cb.String(), generic: make([]bool, len(c.generic))}
	// A generic sentence is looked for only when all its words are there: most texts hold
	// none, and a log's text is long.
	set := wordSet(words)
	cut := false
	for i, g := range c.generic {
		if allIn(g.norm, set) && strings.Contains(words, g.norm) {
			s.generic[i] = true
			words = strings.ReplaceAll(words, g.norm, " | ")
			cut = true
		}
	}
	if cut {
		set = wordSet(words)
	}
	s.words = words
	s.wordSet, s.codeSet = set, wordSet(s.codes)
	s.nearWords = c.nearWords(o, s)
	return s
}

// allIn reports whether every word of a normalised phrase is in the set; it reads the words
// in place, without allocating.
func allIn(phrase string, set map[string]bool) bool {
	start := -1
	for i := 0; i <= len(phrase); i++ {
		if i == len(phrase) || phrase[i] == ' ' {
			if start >= 0 && !set[phrase[start:i]] {
				return false
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return true
}

// wordSet lists the words of a normalised text.
func wordSet(norm string) map[string]bool {
	set := make(map[string]bool, len(norm)/6)
	for _, w := range strings.FieldsFunc(norm, func(r rune) bool { return r == ' ' || r == '|' }) {
		set[w] = true
	}
	return set
}

// match tests a vocabulary item against what was said: the weight it adds (0 when it does
// not fire) and why it fired. The kind of phrase that matched decides the default weight.
func (v *Vocabulary) match(when []cond, ov *view, s *said, causeLevel bool) (string, float64) {
	for _, c := range when {
		if !c.holds(ov) {
			return "", 0
		}
	}
	for i, w := range v.words {
		if s.wordSet[v.wordAnchors[i]] && allIn(w, s.wordSet) && strings.Contains(s.words, w) {
			return fmt.Sprintf("the text says %q%s", v.Words[i], familyNote(v.Family)), vocabularyWeight(v, causeLevel, "words")
		}
	}
	for i := range v.Near {
		if says, ok := v.Near[i].match(s); ok {
			return "the text says " + says + familyNote(v.Family), vocabularyWeight(v, causeLevel, "near")
		}
	}
	for i, c := range v.codes {
		if !s.codeSet[v.codeAnchors[i]] || !allIn(c, s.codeSet) || !strings.Contains(s.codes, c) {
			continue
		}
		if i < len(v.Errors) {
			return fmt.Sprintf("the error %s%s", v.Errors[i], familyNote(v.Family)), vocabularyWeight(v, causeLevel, "errors")
		}
		return fmt.Sprintf("the exception %s%s", v.Exceptions[i-len(v.Errors)], familyNote(v.Family)), vocabularyWeight(v, causeLevel, "exceptions")
	}
	return "", 0
}

// familyNote names whose wording matched, for the reasons a person reads.
func familyNote(f string) string {
	switch f {
	case "rfc", "other", "":
		return ""
	}
	return " (" + f + "'s wording)"
}
