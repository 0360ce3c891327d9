// Package knowledge is the error catalogue of mubarokah-doctor: the entries a Mubarokah ID
// integration can hit, each with its causes, resolution steps and prevention tips, loaded and
// validated from data files, plus search over them and the matcher that turns an Observation
// into a ranked Diagnosis. It has no terminal code, so everything here runs in plain tests.
package knowledge

import "strings"

// Severity is how bad an entry is for the integration, as the provider's framework rates it.
type Severity string

// The severities the catalogue may use, worst first.
const (
	SeverityCritical Severity = "critical"
	SeverityHigh     Severity = "high"
	SeverityMedium   Severity = "medium"
	SeverityLow      Severity = "low"
	SeverityInfo     Severity = "info"
)

// Rank orders severities: higher is worse. Unknown severities rank lowest.
func (s Severity) Rank() int {
	switch s {
	case SeverityCritical:
		return 5
	case SeverityHigh:
		return 4
	case SeverityMedium:
		return 3
	case SeverityLow:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// Place is where an error shows itself to the integrating application.
type Place string

// The places an entry may appear at.
const (
	PlaceAuthorizeRedirect Place = "authorize_redirect" // ?error=… on the app's callback
	PlaceAuthorizePage     Place = "authorize_page"     // an error page in the user's browser, the app never hears of it
	PlaceTokenEndpoint     Place = "token_endpoint"     // JSON from POST /oauth/token
	PlaceAPI               Place = "api"                // JSON from /api/user, /api/user/details, …
	PlaceCallback          Place = "callback"           // the app's own callback handling
	PlaceTransport         Place = "transport"          // network, DNS, TLS: before any HTTP answer
)

// Entry is one error of the catalogue: an OAuth error code, an API error, or a problem that
// is not an OAuth error but stops a login all the same.
type Entry struct {
	Code         string            `json:"code"`
	Aliases      []string          `json:"aliases"`
	Title        string            `json:"title"`
	Severity     Severity          `json:"severity"`
	SeverityNote string            `json:"severity_note,omitempty"`
	Summary      string            `json:"summary"`
	AppearsAt    []Place           `json:"appears_at"`
	HTTPStatus   []int             `json:"http_status"`
	Contexts     map[string]string `json:"contexts,omitempty"` // context id -> heading
	Causes       []Cause           `json:"causes"`
	Steps        []Step            `json:"steps"`
	Prevention   []string          `json:"prevention"`
	Related      []string          `json:"related"`
	References   []string          `json:"references,omitempty"`
	// Signals that point to the entry as a whole without telling a cause (the wire error
	// code, a status). Causes carry their own, more specific signals.
	Signals []Signal `json:"-"`
	// Vocabulary is how servers word the entry as a whole: its codes in every family, the
	// generic sentences that name it (see Vocabulary).
	Vocabulary []Vocabulary `json:"vocabulary,omitempty"`
	// Examples are server messages this entry explains; search reads them.
	Messages []string `json:"messages,omitempty"`
	// SourceNote says where the summary's claims about server behaviour can be checked
	// (see Source notes in assets/catalogue/README.md).
	SourceNote string `json:"source,omitempty"`

	file string
	line int
}

// Cause is one reason an entry happens.
type Cause struct {
	ID      string   `json:"id"`
	Context string   `json:"context"`
	Text    string   `json:"text"`
	Prior   float64  `json:"-"` // weight when the evidence names the entry but cannot tell causes apart
	Signals []Signal `json:"-"`
	// Vocabulary is how each family of servers and libraries words this cause.
	Vocabulary []Vocabulary `json:"vocabulary,omitempty"`
	// SourceNote says where the cause's claim can be checked: "seed", "local" (the cause
	// is about the application's side and claims nothing of the server), a URL, or a line
	// of a public repository.
	SourceNote string `json:"source,omitempty"`

	line int
}

// Step is one item of the resolution checklist; Fixes names the causes it addresses.
type Step struct {
	ID    string   `json:"id"`
	Text  string   `json:"text"`
	Fixes []string `json:"causes"`

	line int
}

// Signal is a pattern over an Observation: when every condition of When holds, the signal
// fires, adds Weight to its cause (or entry) and Says why. Conditions are data so the
// catalogue, not code, decides what evidence means.
//
// Keys of When are Observation fields (see Observation.Field). Values match
// case-insensitively as a substring; "=x" means equal to x; "!" alone means the field is
// empty; "*" means it is set; a status may be "4xx". For "fact", the value names a fact
// that must be present (several, comma-separated, must all be).
type Signal struct {
	When   map[string]string `json:"when"`
	Weight float64           `json:"weight"`
	Says   string            `json:"says,omitempty"`
	// SourceNote says where the text the signal looks for is produced; every signal that
	// quotes a hint, description or message needs one.
	SourceNote string `json:"source,omitempty"`

	line int
}

// Cause returns the entry's cause with the given id.
func (e *Entry) Cause(id string) (*Cause, bool) {
	for i := range e.Causes {
		if e.Causes[i].ID == id {
			return &e.Causes[i], true
		}
	}
	return nil, false
}

// StepsFor returns the steps that fix any of the given causes, in checklist order. With no
// causes it returns every step.
func (e *Entry) StepsFor(causes ...string) []Step {
	if len(causes) == 0 {
		return e.Steps
	}
	want := make(map[string]bool, len(causes))
	for _, c := range causes {
		want[c] = true
	}
	var out []Step
	for _, s := range e.Steps {
		for _, f := range s.Fixes {
			if want[f] {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// ContextTitle returns the heading for a cause context, or "" for the default group.
func (e *Entry) ContextTitle(ctx string) string {
	if ctx == "" {
		return ""
	}
	if t, ok := e.Contexts[ctx]; ok {
		return t
	}
	return ctx
}

// Source is the file (and line) the entry was loaded from, for messages.
func (e *Entry) Source() string { return e.file }

// ServerTexts lists the server texts an entry explains: its messages and the hint,
// description and message patterns its signals look for. Search and the reference
// browser's filter read them.
func (e *Entry) ServerTexts() []string {
	out := append([]string(nil), e.Messages...)
	add := func(sigs []Signal) {
		for _, s := range sigs {
			for k, v := range s.When {
				if k == "hint" || k == "description" || k == "message" || k == "text" || k == "words" {
					out = append(out, strings.TrimPrefix(v, "="))
				}
			}
		}
	}
	vocab := func(vs []Vocabulary) {
		for _, v := range vs {
			out = append(out, v.Words...)
			out = append(out, v.Generic...)
			out = append(out, v.Errors...)
			out = append(out, v.Exceptions...)
		}
	}
	add(e.Signals)
	vocab(e.Vocabulary)
	for _, c := range e.Causes {
		add(c.Signals)
		vocab(c.Vocabulary)
	}
	return out
}
