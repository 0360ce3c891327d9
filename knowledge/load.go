package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/mubarokah/mubarokah-doctor/internal/yamlx"
)

// Catalogue is the loaded, validated set of entries.
type Catalogue struct {
	Entries []*Entry // sorted by code

	byName map[string]*Entry // lower-cased codes and aliases
	byCode map[string]*Entry
	causes map[string]*Entry // cause id -> entry

	indexOnce sync.Once
	search    *searchIndex // built by the first Search

	generic []genericSentence // every entry's generic sentences, longest first
	comp    map[*Entry]*entryComp

	i18n langInfo // the catalogue's language and the other one's text, for search (translate.go)
}

// The YAML shapes. They are kept apart from the public types so those stay free of
// decoding concerns and the line of every item can be remembered for messages.
type fileEntry struct {
	Code         string            `yaml:"code"`
	Aliases      []string          `yaml:"aliases"`
	Title        string            `yaml:"title"`
	Severity     string            `yaml:"severity"`
	SeverityNote string            `yaml:"severity_note"`
	Summary      string            `yaml:"summary"`
	AppearsAt    []string          `yaml:"appears_at"`
	HTTPStatus   []int             `yaml:"http_status"`
	Contexts     map[string]string `yaml:"contexts"`
	Signals      []fileSignal      `yaml:"signals"`
	Causes       []fileCause       `yaml:"causes"`
	Steps        []fileStep        `yaml:"steps"`
	Prevention   []string          `yaml:"prevention"`
	Related      []string          `yaml:"related"`
	References   []string          `yaml:"references"`
	Messages     []string          `yaml:"messages"`
	Source       string            `yaml:"source"`
	Vocabulary   []fileVocabulary  `yaml:"vocabulary"`
}

type fileCause struct {
	Line       int              `yaml:"-"`
	ID         string           `yaml:"id"`
	Context    string           `yaml:"context"`
	Text       string           `yaml:"text"`
	Prior      float64          `yaml:"prior"`
	Signals    []fileSignal     `yaml:"signals"`
	Vocabulary []fileVocabulary `yaml:"vocabulary"`
	Source     string           `yaml:"source"`
}

type fileStep struct {
	Line  int      `yaml:"-"`
	ID    string   `yaml:"id"`
	Text  string   `yaml:"text"`
	Fixes []string `yaml:"fixes"`
}

type fileSignal struct {
	Line   int               `yaml:"-"`
	When   map[string]string `yaml:"when"`
	Weight float64           `yaml:"weight"`
	Says   string            `yaml:"says"`
	Source string            `yaml:"source"`
}

type fileVocabulary struct {
	Line       int               `yaml:"-"`
	Family     string            `yaml:"family"`
	Words      []string          `yaml:"words"`
	Errors     []string          `yaml:"errors"`
	Exceptions []string          `yaml:"exceptions"`
	Generic    []string          `yaml:"generic"`
	Near       []fileNear        `yaml:"near"`
	When       map[string]string `yaml:"when"`
	Weight     float64           `yaml:"weight"`
	Source     string            `yaml:"source"`
}

type fileNear struct {
	Subject   []string `yaml:"subject"`
	Predicate []string `yaml:"predicate"`
	Within    int      `yaml:"within"`
	NotAfter  []string `yaml:"not_after"`
}

// UnmarshalYAML refuses a misspelt key in a near item, as everywhere else.
func (n *fileNear) UnmarshalYAML(node *yaml.Node) error {
	type plain fileNear
	return yamlx.DecodeStrict(node, (*plain)(n))
}

// UnmarshalYAML records the line each item starts at.
func (v *fileVocabulary) UnmarshalYAML(n *yaml.Node) error {
	type plain fileVocabulary
	if err := yamlx.DecodeStrict(n, (*plain)(v)); err != nil {
		return err
	}
	v.Line = n.Line
	return nil
}

// UnmarshalYAML records the line each item starts at.
func (c *fileCause) UnmarshalYAML(n *yaml.Node) error {
	type plain fileCause
	if err := yamlx.DecodeStrict(n, (*plain)(c)); err != nil {
		return err
	}
	c.Line = n.Line
	return nil
}

// UnmarshalYAML records the line each item starts at.
func (s *fileStep) UnmarshalYAML(n *yaml.Node) error {
	type plain fileStep
	if err := yamlx.DecodeStrict(n, (*plain)(s)); err != nil {
		return err
	}
	s.Line = n.Line
	return nil
}

// UnmarshalYAML records the line each item starts at.
func (s *fileSignal) UnmarshalYAML(n *yaml.Node) error {
	type plain fileSignal
	if err := yamlx.DecodeStrict(n, (*plain)(s)); err != nil {
		return err
	}
	s.Line = n.Line
	return nil
}

// Load reads every *.yaml file in dir of fsys, validates the whole catalogue and returns
// it. Every problem found is reported, each as "file:line: what is wrong".
func Load(fsys fs.FS, dir string) (*Catalogue, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no catalogue files (*.yaml)", dir)
	}
	sort.Strings(names)
	var errs []error
	entries := make([]*Entry, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		e, err := parseEntry(name, data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		entries = append(entries, e)
		errs = append(errs, sourceErrors(e)...)
		errs = append(errs, compileVocabulary(e)...)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return build(entries)
}

func parseEntry(name string, data []byte) (*Entry, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var fe fileEntry
	if err := dec.Decode(&fe); err != nil {
		return nil, fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	e := &Entry{
		Code: fe.Code, Aliases: fe.Aliases, Title: strings.TrimSpace(fe.Title),
		Severity: Severity(fe.Severity), SeverityNote: fe.SeverityNote,
		Summary: strings.TrimSpace(fe.Summary), HTTPStatus: fe.HTTPStatus, Contexts: fe.Contexts,
		Prevention: trimAll(fe.Prevention), Related: fe.Related, References: fe.References,
		Messages: fe.Messages, Signals: signals(fe.Signals), Vocabulary: vocabulary(fe.Vocabulary),
		SourceNote: strings.TrimSpace(fe.Source),
		file:       name, line: 1,
	}
	// Empty lists, not nulls, in JSON output.
	e.Aliases = nonNil(e.Aliases)
	e.HTTPStatus = nonNil(e.HTTPStatus)
	e.Prevention = nonNil(e.Prevention)
	e.Related = nonNil(e.Related)
	e.AppearsAt = []Place{}
	for _, p := range fe.AppearsAt {
		e.AppearsAt = append(e.AppearsAt, Place(p))
	}
	for _, c := range fe.Causes {
		e.Causes = append(e.Causes, Cause{ID: c.ID, Context: c.Context, Text: strings.TrimSpace(c.Text),
			Prior: c.Prior, Signals: signals(c.Signals), Vocabulary: vocabulary(c.Vocabulary),
			SourceNote: strings.TrimSpace(c.Source), line: c.Line})
	}
	for _, s := range fe.Steps {
		e.Steps = append(e.Steps, Step{ID: s.ID, Text: strings.TrimSpace(s.Text), Fixes: nonNil(s.Fixes), line: s.Line})
	}
	return e, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func signals(in []fileSignal) []Signal {
	out := make([]Signal, 0, len(in))
	for _, s := range in {
		out = append(out, Signal{When: s.When, Weight: s.Weight, Says: s.Says,
			SourceNote: strings.TrimSpace(s.Source), line: s.Line})
	}
	return out
}

func vocabulary(in []fileVocabulary) []Vocabulary {
	var out []Vocabulary
	for _, v := range in {
		out = append(out, Vocabulary{Family: v.Family, Words: v.Words, Errors: v.Errors,
			Exceptions: v.Exceptions, Generic: v.Generic, Near: near(v.Near), When: v.When, Weight: v.Weight,
			SourceNote: strings.TrimSpace(v.Source), line: v.Line})
	}
	return out
}

func near(in []fileNear) []Near {
	var out []Near
	for _, n := range in {
		out = append(out, Near{Subject: n.Subject, Predicate: n.Predicate, Within: n.Within, NotAfter: n.NotAfter})
	}
	return out
}

// compileVocabulary normalises the entry's vocabulary in place and reports every mistake in
// it as "file:line: …".
func compileVocabulary(e *Entry) []error {
	var errs []error
	run := func(vs []Vocabulary, causeLevel bool) {
		for i := range vs {
			for _, msg := range vs[i].compile(causeLevel) {
				errs = append(errs, fmt.Errorf("%s:%d: %s", e.file, vs[i].line, msg))
			}
		}
	}
	run(e.Vocabulary, false)
	for i := range e.Causes {
		run(e.Causes[i].Vocabulary, true)
	}
	return errs
}

func trimAll(in []string) []string {
	for i := range in {
		in[i] = strings.TrimSpace(in[i])
	}
	return in
}
