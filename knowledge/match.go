package knowledge

import (
	"math"
	"sort"
	"strings"
)

// Diagnosis is the matcher's answer: entries ranked best first.
type Diagnosis struct {
	Entries []EntryMatch
}

// EntryMatch is one entry that fits the evidence.
type EntryMatch struct {
	Entry      *Entry
	Score      float64
	Confidence float64  // share of the evidence, 0..1
	Signals    []string // entry-level signals that fired
	Causes     []CauseMatch
	// Undetermined is true when the evidence names the entry but cannot tell its causes
	// apart (Passport's invalid_client, Laravel's "Unauthenticated."): Causes are then the
	// candidates ranked by how common they are, not by evidence.
	Undetermined bool
	Steps        []Step // the checklist for the listed causes
}

// CauseMatch is one cause of an entry with the reasons it fits.
type CauseMatch struct {
	Cause      *Cause
	Score      float64
	Confidence float64
	Signals    []string
}

// Best returns the first entry, if any.
func (d Diagnosis) Best() (EntryMatch, bool) {
	if len(d.Entries) == 0 {
		return EntryMatch{}, false
	}
	return d.Entries[0], true
}

// strongCause is the evidence a cause needs before the others are left out of the list.
const strongCause = 6

// Match ranks the catalogue's entries and causes against an observation.
func (c *Catalogue) Match(o Observation) Diagnosis {
	var d Diagnosis
	for _, e := range c.Entries {
		m, ok := matchEntry(e, &o)
		if ok {
			d.Entries = append(d.Entries, m)
		}
	}
	sort.SliceStable(d.Entries, func(i, j int) bool {
		a, b := d.Entries[i], d.Entries[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		// Equal evidence: the entry the wire code names, then the worse one.
		if (a.Entry.Code == o.Error) != (b.Entry.Code == o.Error) {
			return a.Entry.Code == o.Error
		}
		return a.Entry.Severity.Rank() > b.Entry.Severity.Rank()
	})
	var total float64
	for _, m := range d.Entries {
		total += m.Score
	}
	for i := range d.Entries {
		d.Entries[i].Confidence = round2(d.Entries[i].Score / total)
	}
	return d
}

func matchEntry(e *Entry, o *Observation) (EntryMatch, bool) {
	m := EntryMatch{Entry: e}
	var entryScore float64
	for _, s := range e.Signals {
		if says, ok := s.fires(o); ok {
			entryScore += s.Weight
			m.Signals = append(m.Signals, says)
		}
	}
	var best float64
	var causes []CauseMatch
	for i := range e.Causes {
		cause := &e.Causes[i]
		cm := CauseMatch{Cause: cause}
		for _, s := range cause.Signals {
			if says, ok := s.fires(o); ok {
				cm.Score += s.Weight
				cm.Signals = append(cm.Signals, says)
			}
		}
		if cm.Score > 0 {
			causes = append(causes, cm)
			best = math.Max(best, cm.Score)
		}
	}
	if entryScore == 0 && best == 0 {
		return m, false
	}
	m.Score = entryScore + best
	if best < strongCause {
		// Weak or no cause evidence: keep what fired, then add the other causes as
		// candidates by prior, so the person sees every likely reason, ranked.
		m.Undetermined = best == 0
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
	sort.SliceStable(causes, func(i, j int) bool {
		a, b := causes[i], causes[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Cause.Prior > b.Cause.Prior
	})
	var sum float64
	for _, cm := range causes {
		sum += cm.weight()
	}
	ids := make([]string, 0, len(causes))
	for i := range causes {
		causes[i].Confidence = round2(causes[i].weight() / sum)
		ids = append(ids, causes[i].Cause.ID)
	}
	m.Causes = causes
	m.Steps = e.StepsFor(ids...)
	return m, true
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

// fires tests the signal against an observation and says why it fired. The reason text is
// built only once every condition holds: most signals do not fire.
func (s Signal) fires(o *Observation) (string, bool) {
	for k, pattern := range s.When {
		if !Holds(o, k, pattern) {
			return "", false
		}
	}
	if s.Says != "" {
		return s.Says, true
	}
	keys := make([]string, 0, len(s.When))
	for k := range s.When {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var reasons []string
	for _, k := range keys {
		if r := Reason(o, k, s.When[k]); r != "" {
			reasons = append(reasons, r)
		}
	}
	return strings.Join(reasons, " and "), true
}

// Holds tests one condition of a signal (the syntax of assets/catalogue/README.md) against
// an observation. The flow graph's skip rules use it too, so evidence is written one way.
func Holds(o *Observation, key, pattern string) bool {
	if key == "fact" {
		for _, name := range strings.Split(pattern, ",") {
			if !o.HasFact(strings.TrimSpace(name)) {
				return false
			}
		}
		return true
	}
	value := o.Field(key)
	switch {
	case pattern == "*":
		return value != ""
	case pattern == "!":
		return value == ""
	case key == "status" && len(pattern) == 3 && strings.HasSuffix(pattern, "xx"):
		return value != "" && value[0] == pattern[0]
	case strings.HasPrefix(pattern, "="):
		return strings.EqualFold(value, pattern[1:])
	case key == "status":
		return value == pattern
	}
	return value != "" && containsFold(value, pattern)
}

// Reason says in words why a condition that holds fired.
func Reason(o *Observation, key, pattern string) string {
	if key == "fact" {
		var details []string
		for _, name := range strings.Split(pattern, ",") {
			name = strings.TrimSpace(name)
			detail, _ := o.FactDetail(name)
			if detail == "" {
				detail = strings.ReplaceAll(name, "_", " ")
			}
			details = append(details, detail)
		}
		return strings.Join(details, "; ")
	}
	if pattern == "!" {
		return ""
	}
	value := o.Field(key)
	if key == "status" {
		return "HTTP " + value
	}
	return strings.ReplaceAll(key, "_", " ") + " " + quote(value)
}

// containsFold is a case-insensitive strings.Contains.
func containsFold(s, substr string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(substr))
}

// quote shows a value in a reason, cut to a readable length.
func quote(v string) string {
	const max = 90
	v = strings.Join(strings.Fields(v), " ")
	if r := []rune(v); len(r) > max {
		v = string(r[:max-1]) + "…"
	}
	return "'" + v + "'"
}
