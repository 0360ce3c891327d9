package knowledge

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Diagnosis is the matcher's answer: entries ranked best first.
type Diagnosis struct {
	Entries []EntryMatch
}

// EntryMatch is one entry that fits the evidence.
type EntryMatch struct {
	Entry *Entry
	Score float64
	// Confidence is how strongly the evidence points here, 0..1: the strength of the
	// evidence (a lone status is weak, the server's own sentence for a cause is strong)
	// times this entry's share of it against the other entries that fit.
	Confidence float64
	// Strength is the evidence for this entry alone, 0..1, before it is shared with the
	// other entries that fit: how sure it is that the paste shows an error the catalogue
	// knows, whichever of the close entries it is.
	Strength float64
	Signals  []string // entry-level signals that fired
	Causes   []CauseMatch
	// Undetermined is true when the evidence names the entry but cannot tell its causes
	// apart (Passport's invalid_client, Laravel's "Unauthenticated."): Causes are then the
	// candidates ranked by how common they are, not by evidence.
	Undetermined bool
	// Inferred is true when only the request supports the entry (a password grant, a JSON
	// body, a scope Mubarokah ID does not define) while the server's answer points to
	// another: a note about the request, ranked after every entry the answer supports.
	Inferred bool
	Steps    []Step // the checklist for the listed causes

	answered  bool // some signal that reads the answer fired
	secondary bool // the app's own failure around another entry's OAuth error (appFailure)
	// statusOnly is true when all that fired reads an HTTP status (its number, its reason
	// phrase, an HTML page with it) and nothing else.
	statusOnly bool
}

// CauseMatch is one cause of an entry with the reasons it fits.
type CauseMatch struct {
	Cause      *Cause
	Score      float64
	Confidence float64
	Signals    []string

	answered bool
}

// Best returns the first entry, if any.
func (d Diagnosis) Best() (EntryMatch, bool) {
	if len(d.Entries) == 0 {
		return EntryMatch{}, false
	}
	return d.Entries[0], true
}

// FitStrength is the strength of evidence from which an entry is said to fit: below it the
// evidence is a lone weak hint (a content type, a generic sentence) that names nothing.
const FitStrength = 0.3

// Fits reports whether the best entry is backed by enough evidence to be called a
// diagnosis rather than a guess. Two close entries sharing strong evidence (an HTML 500 is
// both a server error and HTML where JSON was expected) still fit.
func (d Diagnosis) Fits() bool {
	best, ok := d.Best()
	return ok && best.Strength >= FitStrength
}

// strongCause is the evidence a cause needs before the others are left out of the list.
const strongCause = 6

// Match ranks the catalogue's entries and causes against an observation. The server's
// answer comes first: when some entry is supported by what the server said, an entry only
// the request supports is ranked after every such entry (see EntryMatch.Inferred).
func (c *Catalogue) Match(o Observation) Diagnosis {
	// Two kinds of entry only report how an answer failed: the app's own 5xx around an OAuth
	// error, and a client library's complaint about the body. Beside the entry the answer's
	// error field names, both come after it (secondary) as notes.
	answerEntry := c.answerEntry(&o)
	wrapped := wrapsOAuthError(&o, answerEntry)
	if wrapped && !o.HasFact(FactOAuthErrorInFailure) {
		o.Facts = append(slices.Clip(o.Facts), Fact{Name: FactOAuthErrorInFailure,
			Detail: "the " + strconv.Itoa(o.Status) + " answer carries the OAuth error " + o.Error})
	}
	s := c.newSaid(&o)
	v := newView(&o)
	var d Diagnosis
	answered := false
	for _, e := range c.Entries {
		m, ok := c.matchEntry(e, v, s)
		if ok {
			d.Entries = append(d.Entries, m)
			answered = answered || m.answered
		}
	}
	for i := range d.Entries {
		d.Entries[i].Inferred = answered && !d.Entries[i].answered
	}
	for i := range d.Entries {
		code := d.Entries[i].Entry.Code
		d.Entries[i].secondary = answerEntry != "" && code != answerEntry &&
			(libraryComplaint[code] || wrapped && appFailure[code])
	}
	sort.SliceStable(d.Entries, func(i, j int) bool {
		a, b := d.Entries[i], d.Entries[j]
		if a.Inferred != b.Inferred {
			return b.Inferred
		}
		if a.secondary != b.secondary {
			return b.secondary
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		// Equal evidence: the entry the wire code names, then the worse one.
		if (a.Entry.Code == o.Error) != (b.Entry.Code == o.Error) {
			return a.Entry.Code == o.Error
		}
		return a.Entry.Severity.Rank() > b.Entry.Severity.Rank()
	})
	if contextFree(&o) {
		for i := range d.Entries {
			if d.Entries[i].statusOnly {
				d.Entries[i].Score = min(d.Entries[i].Score, bareStatusScore)
			}
		}
	}
	calibrate(d.Entries)
	return d
}

// bareStatusScore is the most an HTTP status alone counts for when nothing says which
// request got it: below FitStrength, a guess and not a diagnosis.
const bareStatusScore = 1.5

// contextFree reports whether an observation holds nothing that places a failure in a sign-in
// or an API call: no request (endpoint, method, URL, grant), no answer field (error,
// description, hint, a body's message), no exception, no network failure, no token, and no
// response pasted as one (a status line, a body): only words. A status then is any web
// server's page retold (Apache's stock 404 text) and says nothing about OAuth.
func contextFree(o *Observation) bool {
	return o.Endpoint == "" && o.Method == "" && o.URL == "" && o.GrantType == "" && o.Error == "" &&
		o.Description == "" && o.Hint == "" && o.Message == "" && o.Exception == "" && o.Transport == "" &&
		o.WWWAuthenticate == "" && o.Token == nil && o.Location == "" && o.Code == "" && o.State == "" &&
		!slices.ContainsFunc(o.Sources, func(s string) bool { return s != "status_phrase" })
}

// statusSignal reports whether a signal reads only the HTTP status (with the content type
// or the HTML page it came as).
func statusSignal(when map[string]string) bool {
	for k, p := range when {
		switch {
		case k == "status" || k == "content_type":
		case k == "fact" && p == FactHTMLBody:
		default:
			return false
		}
	}
	return len(when) > 0
}

// appFailure are the entries that say only that something failed with a 5xx: the server, or
// the application's own callback, threw. When the failure's message carries an OAuth error
// from the exchange (wrapsOAuthError), that error is what to fix first, and these come after.
var appFailure = map[string]bool{"server_error": true, "html_instead_of_json": true}

// libraryComplaint are the entries of a client library's own complaint about an answer it
// could not use (league/oauth2-client's 'Required option not passed: "access_token"'):
// beside the error body that answer held, the body's entry is the diagnosis and the
// complaint a note after it.
var libraryComplaint = map[string]bool{"missing_access_token": true}

// answerEntry is the code of the entry the answer's error field names, or "".
func (c *Catalogue) answerEntry(o *Observation) string {
	if o.Error == "" {
		return ""
	}
	if e, ok := c.Entry(o.Error); ok {
		return e.Code
	}
	return ""
}

// wrapsOAuthError reports whether a 5xx answer carries another entry's OAuth error: an
// application whose callback failed because the token exchange was refused (`oauth2:
// "invalid_grant"` inside a 500 page or a Laravel error JSON).
// answer is answerEntry's code.
func wrapsOAuthError(o *Observation, answer string) bool {
	return o.Status >= 500 && o.Status <= 599 && answer != "" && !appFailure[answer] && answer != "temporarily_unavailable"
}

// evidenceScale is the score at which evidence counts as fairly strong (63 %): about a wire
// code plus a status, below a server sentence that names a cause (10-12).
const evidenceScale = 5.0

// strength turns a score into 0..1: 2 (a status alone) is 0.33, 4 (a wire code) 0.55, 10
// (a sentence naming the cause) 0.86, 16 0.96.
func strength(score float64) float64 { return 1 - math.Exp(-score/evidenceScale) }

// calibrate sets each entry's confidence: strength of its evidence times its share of the
// evidence of all entries that fit. An inferred entry, and the app's own failure around an
// OAuth error, count a quarter in the shares, as notes beside the answer; confidences never
// rise down the ranked list.
func calibrate(ms []EntryMatch) {
	var total float64
	for _, m := range ms {
		total += shareWeight(m)
	}
	for i := range ms {
		m := &ms[i]
		m.Strength = round2(strength(m.Score))
		conf := strength(m.Score) * shareWeight(*m) / total
		if i > 0 && conf > ms[i-1].Confidence {
			conf = ms[i-1].Confidence
		}
		m.Confidence = round2(conf)
		var sum float64
		for _, cm := range m.Causes {
			sum += cm.weight()
		}
		for j := range m.Causes {
			m.Causes[j].Confidence = round2(conf * m.Causes[j].weight() / sum)
		}
	}
}

func shareWeight(m EntryMatch) float64 {
	if m.Inferred || m.secondary {
		return m.Score / 4
	}
	return m.Score
}

func (c *Catalogue) matchEntry(e *Entry, v *view, s *said) (EntryMatch, bool) {
	m := EntryMatch{Entry: e, statusOnly: true}
	comp := c.comp[e]
	var entryScore float64
	for i, sig := range e.Signals {
		if says, ok := comp.signals[i].fires(sig, v); ok {
			entryScore += sig.Weight
			m.Signals = append(m.Signals, says)
			m.answered = m.answered || comp.signals[i].answer
			m.statusOnly = m.statusOnly && statusSignal(sig.When)
		}
	}
	for i := range e.Vocabulary {
		if says, w := e.Vocabulary[i].match(comp.vocab[i], v, s, false); w > 0 {
			entryScore += w
			m.Signals = append(m.Signals, says)
			m.answered = true
			m.statusOnly = m.statusOnly && e.Vocabulary[i].statusPhrases()
		}
	}
	for i, g := range c.generic {
		if s.generic[i] && g.entry == e {
			entryScore += g.weight
			m.Signals = append(m.Signals, "the text is the standard "+e.Code+" sentence"+familyNote(g.vocab.Family))
			m.answered = true
			m.statusOnly = false
		}
	}
	var best float64
	var causes []CauseMatch
	for i := range e.Causes {
		cause := &e.Causes[i]
		cm := CauseMatch{Cause: cause}
		for j, sig := range cause.Signals {
			if says, ok := comp.causes[i][j].fires(sig, v); ok {
				cm.Score += sig.Weight
				cm.Signals = append(cm.Signals, says)
				cm.answered = cm.answered || comp.causes[i][j].answer
				m.statusOnly = m.statusOnly && statusSignal(sig.When)
			}
		}
		for j := range cause.Vocabulary {
			if says, w := cause.Vocabulary[j].match(comp.causesVocab[i][j], v, s, true); w > 0 {
				cm.Score += w
				cm.Signals = append(cm.Signals, says)
				cm.answered = true
				m.statusOnly = m.statusOnly && cause.Vocabulary[j].statusPhrases()
			}
		}
		if cm.Score > 0 {
			causes = append(causes, cm)
			best = math.Max(best, cm.Score)
			m.answered = m.answered || cm.answered
		}
	}
	if entryScore == 0 && best == 0 {
		return m, false
	}
	m.Score = entryScore + best
	if entryScore == 0 {
		// Only a cause's wording names the entry (no code, no status the entry reads): a
		// sentence in free text or an exception message. It implies the entry, a little less
		// surely than the server's code would; a 401 or 403 the entry answers with backs it.
		m.Score = impliedShare*best + statusSupport(e, v.o.Status)
	}
	m.Undetermined = undetermined(causes, best)
	if best < strongCause || m.Undetermined {
		// Weak, tied or no cause evidence: keep what fired, then add the other causes as
		// candidates by prior, so the person sees every likely reason, ranked.
		have := map[string]bool{}
		for _, cm := range causes {
			have[cm.Cause.ID] = true
		}
		for i := range e.Causes {
			cause := &e.Causes[i]
			if !have[cause.ID] {
				causes = append(causes, CauseMatch{Cause: cause})
			}
		}
	}
	// As for entries, when the answer names a cause (strong evidence from what the server
	// said), the causes only the request supports come after it.
	anyAnswered := false
	for _, cm := range causes {
		anyAnswered = anyAnswered || (cm.answered && cm.Score >= strongCause)
	}
	sort.SliceStable(causes, func(i, j int) bool {
		a, b := causes[i], causes[j]
		if anyAnswered && a.Score > 0 && b.Score > 0 && a.answered != b.answered {
			return a.answered
		}
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Cause.Prior > b.Cause.Prior
	})
	ids := make([]string, 0, len(causes))
	for i := range causes {
		ids = append(ids, causes[i].Cause.ID)
	}
	m.Causes = causes
	m.Steps = e.StepsFor(ids...)
	return m, true
}

// impliedShare is how much of a cause's evidence counts for its entry when nothing but that
// cause's wording names the entry.
const impliedShare = 0.8

// statusSupport is what a 401 or 403 adds to an entry only a cause's wording implies, when
// the entry answers with that status (Entry.HTTPStatus): the refusal the words explain.
func statusSupport(e *Entry, status int) float64 {
	if (status == 401 || status == 403) && slices.Contains(e.HTTPStatus, status) {
		return 1
	}
	return 0
}

// undetermined reports whether the evidence fails to pick one cause: none has any, or the
// best two have the same, so naming the first would settle a tie by the catalogue's order.
// A signal every cause of the entry shares ("invalid_grant while exchanging a code") is such
// a tie: it names the entry, not a cause.
func undetermined(causes []CauseMatch, best float64) bool {
	if best == 0 {
		return true
	}
	top := 0
	for _, cm := range causes {
		if cm.Score == best {
			top++
		}
	}
	return top > 1
}

// CauseEvidence reports whether some cause has evidence of its own, even when the best
// ones tie and the entry is Undetermined: a caller with more to go on (live checks that rule
// causes out) may still break the tie; the matcher alone does not.
func (m EntryMatch) CauseEvidence() bool {
	return len(m.Causes) > 0 && m.Causes[0].Score > 0
}

// weight is what a cause counts for in its entry's confidence: its evidence, or when it has
// none, a small share by prior so candidates still rank.
func (cm CauseMatch) weight() float64 {
	if cm.Score > 0 {
		return cm.Score
	}
	return 0.1 * math.Max(cm.Cause.Prior, 0.5)
}

func round2(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return math.Round(f*100) / 100
}

// answerFields are the Observation fields that hold what the other side answered; the rest
// (endpoint, method, grant_type, url, source) describe the request and its context.
var answerFields = map[string]bool{
	"error": true, "description": true, "hint": true, "message": true, "exception": true,
	"text": true, "words": true, "status": true, "content_type": true, "www_authenticate": true,
	"location": true, "retry_after": true, "transport": true, "transport_detail": true,
	"code": true, "state": true,
}

// answerBacked reports whether a signal's conditions read the answer: some condition asks
// for an answer field to hold something, or for a fact that is not a RequestFacts one. A
// condition that a field be empty ("!") or differ ("!=x") reads nothing positive.
func answerBacked(when map[string]string) bool {
	for k, p := range when {
		if readsAnswer(k, p) {
			return true
		}
	}
	return false
}

// answerSources are the kinds of evidence that carry what the other side sent: a callback
// URL is the server's redirect back to the application, as much an answer as a JSON body.
var answerSources = map[string]bool{
	"callback_url": true, "http_response": true, "json_body": true, "html_body": true,
	"www_authenticate": true, "token_response": true, "transport_error": true, "curl_verbose": true,
}

func readsAnswer(key, pattern string) bool {
	if pattern == "!" || strings.HasPrefix(pattern, "!=") {
		return false
	}
	if key == "source" {
		return answerSources[strings.TrimPrefix(pattern, "=")]
	}
	if key != "fact" {
		return answerFields[key]
	}
	for _, f := range strings.Split(pattern, ",") {
		if !RequestFacts[strings.TrimSpace(f)] {
			return true
		}
	}
	return false
}
