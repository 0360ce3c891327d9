package knowledge

import (
	"fmt"
	"maps"
	"slices"
)

//go:generate go run ./internal/gentranslate translate_gen.go

// The languages the catalogue speaks. English is the source every other language follows:
// ids, codes, weights, conditions and sources come from it only.
const (
	LangEnglish    = "en"
	LangIndonesian = "id"
)

// Languages lists the languages the program has a catalogue in, English first.
func Languages() []string { return []string{LangEnglish, LangIndonesian} }

// EntryText is one entry's user-visible text in another language
// (assets/catalogue/<lang>/<code>.yaml). Everything else of the entry comes from English.
type EntryText struct {
	Code         string
	Title        string
	SeverityNote string
	Summary      string
	Contexts     map[string]string // context id -> heading
	Says         map[string]string // a signal's English `says` -> its translation
	Causes       map[string]string // cause id -> text
	Steps        map[string]string // step id -> text
	Prevention   []string          // same count and order as the English
}

// langInfo is what a catalogue knows of its language: which it is, and the same entries in
// the other language, so that search finds an entry by a word of either.
type langInfo struct {
	lang  string
	other []*Entry // parallel to Entries; nil until search needs it (English) or always set (a translation)
}

// Lang is the language the catalogue's text is in ("en" unless it was translated).
func (c *Catalogue) Lang() string {
	if c.i18n.lang == "" {
		return LangEnglish
	}
	return c.i18n.lang
}

// BuiltinIn returns the built-in catalogue in lang ("en", "id"; "" is English): the
// compiled English entries with the compiled translation laid over their text. Like
// Builtin it skips validation, which go generate did on the YAML.
func BuiltinIn(lang string) (*Catalogue, error) {
	if lang == "" || lang == LangEnglish {
		return Builtin()
	}
	texts, ok := builtinTexts(lang)
	if !ok {
		return nil, fmt.Errorf("no catalogue in language %q (have: %v)", lang, Languages())
	}
	en := make([]*Entry, len(builtinEntries))
	tr := make([]*Entry, len(builtinEntries))
	for i := range builtinEntries {
		e := builtinEntries[i]
		en[i] = &e
		t, ok := texts[e.Code]
		if !ok {
			return nil, fmt.Errorf("the built-in %s catalogue has no text for %s (run go generate ./knowledge)", lang, e.Code)
		}
		tr[i] = translateEntry(&e, t)
	}
	c, err := buildChecked(tr, false)
	if err != nil {
		return nil, err
	}
	c.i18n = langInfo{lang: lang, other: sortedLike(c.Entries, en)}
	return c, nil
}

// Translated returns a copy of c with texts laid over its entries' text, for a catalogue
// loaded from files (tests, a translation being written). The texts must have passed
// LoadTranslation against c.
func (c *Catalogue) Translated(lang string, texts []EntryText) (*Catalogue, error) {
	byCode := make(map[string]*EntryText, len(texts))
	for i := range texts {
		byCode[texts[i].Code] = &texts[i]
	}
	tr := make([]*Entry, len(c.Entries))
	for i, e := range c.Entries {
		t, ok := byCode[e.Code]
		if !ok {
			return nil, fmt.Errorf("%s: no %s text for entry %s", e.file, lang, e.Code)
		}
		tr[i] = translateEntry(e, t)
	}
	out, err := buildChecked(tr, false)
	if err != nil {
		return nil, err
	}
	out.i18n = langInfo{lang: lang, other: sortedLike(out.Entries, c.Entries)}
	return out, nil
}

// sortedLike orders other (the same codes as entries) like entries.
func sortedLike(entries, other []*Entry) []*Entry {
	by := make(map[string]*Entry, len(other))
	for _, e := range other {
		by[e.Code] = e
	}
	out := make([]*Entry, len(entries))
	for i, e := range entries {
		out[i] = by[e.Code]
	}
	return out
}

// translateEntry copies e with t's text in place of the English. The slices and maps that
// carry text are copied, so the English entry stays as it was; a text t lacks (it cannot,
// once validated) keeps the English.
func translateEntry(e *Entry, t *EntryText) *Entry {
	out := *e
	pick := func(en, tr string) string {
		if tr == "" {
			return en
		}
		return tr
	}
	out.Title = pick(e.Title, t.Title)
	out.SeverityNote = pick(e.SeverityNote, t.SeverityNote)
	out.Summary = pick(e.Summary, t.Summary)
	if e.Contexts != nil {
		out.Contexts = maps.Clone(e.Contexts)
		for k, v := range out.Contexts {
			out.Contexts[k] = pick(v, t.Contexts[k])
		}
	}
	says := func(sigs []Signal) []Signal {
		sigs = slices.Clone(sigs)
		for i := range sigs {
			if sigs[i].Says != "" {
				sigs[i].Says = pick(sigs[i].Says, t.Says[sigs[i].Says])
			}
		}
		return sigs
	}
	out.Signals = says(e.Signals)
	out.Causes = slices.Clone(e.Causes)
	for i := range out.Causes {
		out.Causes[i].Text = pick(out.Causes[i].Text, t.Causes[out.Causes[i].ID])
		out.Causes[i].Signals = says(out.Causes[i].Signals)
	}
	out.Steps = slices.Clone(e.Steps)
	for i := range out.Steps {
		out.Steps[i].Text = pick(out.Steps[i].Text, t.Steps[out.Steps[i].ID])
	}
	out.Prevention = slices.Clone(e.Prevention)
	for i := range out.Prevention {
		if i < len(t.Prevention) {
			out.Prevention[i] = pick(out.Prevention[i], t.Prevention[i])
		}
	}
	return &out
}

// otherLanguage is the entries in the language the catalogue is not in, parallel to
// Entries, for search; nil when there is none. An English catalogue finds its Indonesian
// text in the compiled translation, only when search first needs it.
func (c *Catalogue) otherLanguage() []*Entry {
	if c.i18n.other != nil {
		return c.i18n.other
	}
	texts, ok := builtinTexts(LangIndonesian)
	if !ok {
		return nil
	}
	out := make([]*Entry, len(c.Entries))
	for i, e := range c.Entries {
		// A catalogue that is not the built-in one (tests, a file being written) gets the
		// Indonesian of those entries whose causes and steps are still the built-in ones.
		if t, ok := texts[e.Code]; ok && fits(e, t) {
			out[i] = translateEntry(e, t)
		}
	}
	return out
}

// fits reports whether t was written for e's causes and steps.
func fits(e *Entry, t *EntryText) bool {
	if len(t.Causes) != len(e.Causes) || len(t.Steps) != len(e.Steps) {
		return false
	}
	for _, c := range e.Causes {
		if _, ok := t.Causes[c.ID]; !ok {
			return false
		}
	}
	for _, s := range e.Steps {
		if _, ok := t.Steps[s.ID]; !ok {
			return false
		}
	}
	return true
}
