package knowledge

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// idPattern checks codes and ids: lower-case snake_case, ^[a-z0-9][a-z0-9_]*$. A loop, not a
// regexp: every start of the CLI checks several hundred of them.
type snakeCase struct{}

func (snakeCase) MatchString(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' && i > 0) {
			return false
		}
	}
	return s != ""
}

func idPattern() snakeCase { return snakeCase{} }

var places = []Place{PlaceAuthorizeRedirect, PlaceAuthorizePage, PlaceTokenEndpoint, PlaceAPI, PlaceCallback, PlaceTransport}

// build validates the entries as one catalogue and indexes them.
func build(entries []*Entry) (*Catalogue, error) { return buildChecked(entries, true) }

// buildChecked indexes the entries, and validates each one when check is set. The compiled
// catalogue skips that: gencatalogue wrote only what Load validated, and a test holds the two
// equal, so checking again would only be the largest part of every start of the CLI.
func buildChecked(entries []*Entry, check bool) (*Catalogue, error) {
	c := &Catalogue{
		byName: map[string]*Entry{},
		byCode: map[string]*Entry{},
		causes: map[string]*Entry{},
	}
	var errs []error
	fail := func(e *Entry, line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", e.file, line, fmt.Sprintf(format, args...)))
	}
	for _, e := range entries {
		if !idPattern().MatchString(e.Code) {
			fail(e, 1, "code %q must be lower-case snake_case", e.Code)
			continue
		}
		if want := strings.TrimSuffix(path.Base(e.file), ".yaml"); want != e.Code {
			fail(e, 1, "code %q does not match the file name (want %q)", e.Code, want)
		}
		if other, dup := c.byCode[e.Code]; dup {
			fail(e, 1, "code %q is also defined in %s", e.Code, other.file)
			continue
		}
		c.byCode[e.Code] = e
		c.Entries = append(c.Entries, e)
	}
	for _, e := range c.Entries {
		for _, name := range append([]string{e.Code}, e.Aliases...) {
			key := strings.ToLower(strings.TrimSpace(name))
			if key == "" {
				fail(e, 1, "empty alias")
				continue
			}
			if other, dup := c.byName[key]; dup && other != e {
				fail(e, 1, "name %q is already used by %s", name, other.file)
				continue
			}
			c.byName[key] = e
		}
	}
	for _, e := range c.Entries {
		if check {
			validateEntry(c, e, fail)
			continue
		}
		for _, cause := range e.Causes {
			c.causes[cause.ID] = e
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(c.Entries, func(i, j int) bool { return c.Entries[i].Code < c.Entries[j].Code })
	index(c)
	return c, nil
}

// index prepares what matching needs once per catalogue, beside the entries (which the
// compiled catalogue shares between loads, so they are never written here): each signal's
// conditions compiled and whether it reads the answer, and the generic sentences to cut out
// of every text.
func index(c *Catalogue) {
	n, nsig := 0, 0
	count := func(sigs []Signal) {
		nsig += len(sigs)
		for _, s := range sigs {
			n += len(s.When)
		}
	}
	for _, e := range c.Entries {
		count(e.Signals)
		for _, v := range e.Vocabulary {
			n += len(v.When)
		}
		for _, cause := range e.Causes {
			count(cause.Signals)
			for _, v := range cause.Vocabulary {
				n += len(v.When)
			}
		}
	}
	a := &arena{buf: make([]cond, 0, n)}
	sigs := make([]compiledSignal, 0, nsig)
	compile := func(in []Signal) []compiledSignal {
		start := len(sigs)
		for _, s := range in {
			sigs = append(sigs, a.compileSignal(s))
		}
		return sigs[start:len(sigs):len(sigs)]
	}
	c.comp = make(map[*Entry]*entryComp, len(c.Entries))
	for _, e := range c.Entries {
		ec := &entryComp{signals: compile(e.Signals), causes: make([][]compiledSignal, len(e.Causes)),
			causesVocab: make([][][]cond, len(e.Causes)), vocab: make([][]cond, len(e.Vocabulary))}
		for i, v := range e.Vocabulary {
			ec.vocab[i] = a.compile(v.When)
		}
		for i := range e.Causes {
			ec.causes[i] = compile(e.Causes[i].Signals)
			if len(e.Causes[i].Vocabulary) > 0 {
				ec.causesVocab[i] = make([][]cond, len(e.Causes[i].Vocabulary))
				for j, v := range e.Causes[i].Vocabulary {
					ec.causesVocab[i][j] = a.compile(v.When)
				}
			}
		}
		c.comp[e] = ec
		for i := range e.Vocabulary {
			v := &e.Vocabulary[i]
			for _, g := range v.generic {
				c.generic = append(c.generic, genericSentence{norm: g, entry: e, vocab: v,
					weight: vocabularyWeight(v, false, "generic")})
			}
		}
	}
	// Longest first, so a sentence that contains a shorter one is cut whole.
	sort.SliceStable(c.generic, func(i, j int) bool { return len(c.generic[i].norm) > len(c.generic[j].norm) })
}

func validateEntry(c *Catalogue, e *Entry, fail func(*Entry, int, string, ...any)) {
	if e.Title == "" {
		fail(e, 1, "title is empty")
	}
	if e.Summary == "" {
		fail(e, 1, "summary is empty")
	}
	if e.Severity.Rank() == 0 {
		fail(e, 1, "severity %q is not one of critical, high, medium, low, info", e.Severity)
	}
	if len(e.AppearsAt) == 0 {
		fail(e, 1, "appears_at is empty; say where the error shows (%s)", placeList())
	}
	for _, p := range e.AppearsAt {
		if !validPlace(p) {
			fail(e, 1, "appears_at %q is not one of %s", p, placeList())
		}
	}
	for _, s := range e.HTTPStatus {
		if s < 100 || s > 599 {
			fail(e, 1, "http_status %d is not an HTTP status", s)
		}
	}
	if len(e.Causes) == 0 {
		fail(e, 1, "no causes: every entry needs at least one")
	}
	if len(e.Steps) == 0 {
		fail(e, 1, "no resolution steps: every entry needs a checklist")
	}
	for _, s := range e.Signals {
		validateSignal(e, s, fail)
	}
	for _, cause := range e.Causes {
		if !idPattern().MatchString(cause.ID) {
			fail(e, cause.line, "cause id %q must be lower-case snake_case", cause.ID)
			continue
		}
		if other, dup := c.causes[cause.ID]; dup {
			fail(e, cause.line, "cause id %q is also used in %s", cause.ID, other.file)
		}
		c.causes[cause.ID] = e
		if cause.Text == "" {
			fail(e, cause.line, "cause %q has no text", cause.ID)
		}
		if len(e.Contexts) > 0 && cause.Context != "" {
			if _, ok := e.Contexts[cause.Context]; !ok {
				fail(e, cause.line, "cause %q: context %q is not one of the entry's contexts", cause.ID, cause.Context)
			}
		}
		for _, s := range cause.Signals {
			validateSignal(e, s, fail)
		}
	}
	fixed := map[string]bool{}
	stepIDs := map[string]bool{}
	for _, s := range e.Steps {
		if !idPattern().MatchString(s.ID) {
			fail(e, s.line, "step id %q must be lower-case snake_case", s.ID)
		}
		if stepIDs[s.ID] {
			fail(e, s.line, "step id %q is used twice", s.ID)
		}
		stepIDs[s.ID] = true
		if s.Text == "" {
			fail(e, s.line, "step %q has no text", s.ID)
		}
		if len(s.Fixes) == 0 {
			fail(e, s.line, "step %q fixes no cause; list them in fixes", s.ID)
		}
		for _, f := range s.Fixes {
			if _, ok := e.Cause(f); !ok {
				fail(e, s.line, "step %q fixes %q, which is not a cause of %s", s.ID, f, e.Code)
			}
			fixed[f] = true
		}
	}
	for _, cause := range e.Causes {
		if !fixed[cause.ID] {
			fail(e, cause.line, "cause %q has no resolution step; add it to some step's fixes", cause.ID)
		}
	}
	if len(e.Prevention) == 0 {
		fail(e, 1, "no prevention tips")
	}
	for _, r := range e.Related {
		if r == e.Code {
			fail(e, 1, "related lists the entry itself")
		} else if _, ok := c.byCode[r]; !ok {
			fail(e, 1, "related entry %q does not exist", r)
		}
	}
}

func validateSignal(e *Entry, s Signal, fail func(*Entry, int, string, ...any)) {
	if len(s.When) == 0 {
		fail(e, s.line, "signal has no conditions in when")
	}
	if s.Weight <= 0 {
		fail(e, s.line, "signal weight must be above 0")
	}
	for k, v := range s.When {
		if err := CheckCondition(k, v); err != nil {
			fail(e, s.line, "%s", err)
		}
	}
}

// CheckCondition validates one key and pattern of a signal: the field exists, the pattern
// is not empty, facts are known and statuses are statuses.
func CheckCondition(key, pattern string) error {
	if !slices.Contains(Fields, key) {
		return fmt.Errorf("field %q is not one of %s", key, strings.Join(Fields, ", "))
	}
	if strings.TrimSpace(pattern) == "" {
		return fmt.Errorf("field %q has an empty pattern (use \"!\" for empty)", key)
	}
	switch key {
	case "fact":
		for _, f := range strings.Split(pattern, ",") {
			if !slices.Contains(KnownFacts, strings.TrimSpace(f)) {
				return fmt.Errorf("unknown fact %q (known: see knowledge/observation.go)", strings.TrimSpace(f))
			}
		}
	case "status":
		if !validStatusPattern(pattern) {
			return fmt.Errorf("status pattern %q must be a status such as 401 or a class such as 4xx", pattern)
		}
	}
	return nil
}

func validStatusPattern(v string) bool {
	if v == "*" || v == "!" {
		return true
	}
	v = strings.TrimPrefix(strings.TrimPrefix(v, "!"), "=")
	if v == "*" || v == "!" {
		return true
	}
	if len(v) == 3 && strings.HasSuffix(v, "xx") && v[0] >= '1' && v[0] <= '5' {
		return true
	}
	n, err := strconv.Atoi(v)
	return err == nil && n >= 100 && n <= 599
}

func validPlace(p Place) bool {
	for _, q := range places {
		if p == q {
			return true
		}
	}
	return false
}

func placeList() string {
	s := make([]string, len(places))
	for i, p := range places {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

// Lookup finds an entry by code or alias, ignoring case and surrounding space.
func (c *Catalogue) Lookup(name string) (*Entry, bool) {
	e, ok := c.byName[strings.ToLower(strings.TrimSpace(name))]
	return e, ok
}

// Entry returns the entry with exactly this code.
func (c *Catalogue) Entry(code string) (*Entry, bool) {
	e, ok := c.byCode[code]
	return e, ok
}

// CauseEntry returns the entry a cause id belongs to.
func (c *Catalogue) CauseEntry(causeID string) (*Entry, *Cause, bool) {
	e, ok := c.causes[causeID]
	if !ok {
		return nil, nil, false
	}
	cause, _ := e.Cause(causeID)
	return e, cause, true
}

// Names lists every code and alias, for suggestions and completion.
func (c *Catalogue) Names() []string {
	out := make([]string, 0, len(c.byName))
	for n := range c.byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
