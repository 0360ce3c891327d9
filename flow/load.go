package flow

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/mubarokah/mubarokah-doctor/internal/yamlx"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The YAML shapes, kept apart from the public types so the line of every item can be kept
// for messages and unknown keys refused (a typo such as "nxet" must not pass silently).
type fileGraph struct {
	Start string     `yaml:"start"`
	Nodes []fileNode `yaml:"nodes"`
}

type fileNode struct {
	Line    int               `yaml:"-"`
	ID      string            `yaml:"id"`
	Kind    string            `yaml:"kind"`
	Title   string            `yaml:"title"`
	Text    string            `yaml:"text"`
	Help    string            `yaml:"help"`
	Branch  bool              `yaml:"branch"`
	Next    string            `yaml:"next"`
	Choices []fileChoice      `yaml:"choices"`
	On      map[string]string `yaml:"on"`
	Jump    bool              `yaml:"jump"`
	Check   string            `yaml:"check"`
	Inputs  []fileInput       `yaml:"inputs"`
	Probe   string            `yaml:"probe"`
	Entry   string            `yaml:"entry"`
	Causes  []string          `yaml:"causes"`
	SkipIf  []fileRule        `yaml:"skip_if"`
}

type fileChoice struct {
	Line     int               `yaml:"-"`
	ID       string            `yaml:"id"`
	Label    string            `yaml:"label"`
	Next     string            `yaml:"next"`
	RulesOut []string          `yaml:"rules_out"`
	Unless   map[string]string `yaml:"unless"`
}

type fileInput struct {
	Name     string `yaml:"name"`
	Label    string `yaml:"label"`
	Secret   bool   `yaml:"secret"`
	Optional bool   `yaml:"optional"`
}

type fileRule struct {
	Line   int               `yaml:"-"`
	When   map[string]string `yaml:"when"`
	Choose string            `yaml:"choose"`
	Goto   string            `yaml:"goto"`
}

// UnmarshalYAML keeps the line and refuses unknown keys.
func (n *fileNode) UnmarshalYAML(v *yaml.Node) error {
	type plain fileNode
	if err := yamlx.DecodeStrict(v, (*plain)(n)); err != nil {
		return err
	}
	n.Line = v.Line
	return nil
}

// UnmarshalYAML keeps the line and refuses unknown keys.
func (c *fileChoice) UnmarshalYAML(v *yaml.Node) error {
	type plain fileChoice
	if err := yamlx.DecodeStrict(v, (*plain)(c)); err != nil {
		return err
	}
	c.Line = v.Line
	return nil
}

// UnmarshalYAML refuses unknown keys.
func (in *fileInput) UnmarshalYAML(v *yaml.Node) error {
	type plain fileInput
	return yamlx.DecodeStrict(v, (*plain)(in))
}

// UnmarshalYAML keeps the line and refuses unknown keys.
func (r *fileRule) UnmarshalYAML(v *yaml.Node) error {
	type plain fileRule
	if err := yamlx.DecodeStrict(v, (*plain)(r)); err != nil {
		return err
	}
	r.Line = v.Line
	return nil
}

// Load reads every *.yaml file in dir of fsys as one graph, validates it against the
// catalogue and returns it. Problems are reported together, each as "file:line: node X:
// what is wrong".
//
// When the graph itself is sound but some catalogue causes are reached by no path, Load
// returns the usable graph together with a *GapError: the wizard can still run while a
// new catalogue entry waits for its questions, and the tests treat the gap as a failure.
func Load(fsys fs.FS, dir string, cat *knowledge.Catalogue) (*Graph, error) {
	if cat == nil {
		return nil, errors.New("flow.Load: no catalogue given; the graph is validated against one")
	}
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no flow graph files (*.yaml)", dir)
	}
	sort.Strings(names)
	g := &Graph{byID: map[string]*Node{}, cat: cat}
	// YAML decoding is most of the start-up cost; the files are independent, so they are
	// decoded at the same time and combined in name order.
	parsed := make([]fileGraph, len(names))
	failed := make([]error, len(names))
	var wg sync.WaitGroup
	for i, name := range names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data, err := fs.ReadFile(fsys, name)
			if err == nil {
				parsed[i], err = parseFile(data)
				if err != nil {
					err = fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
				}
			}
			failed[i] = err
		}()
	}
	wg.Wait()
	var errs []error
	startFile := ""
	for i, name := range names {
		if failed[i] != nil {
			errs = append(errs, failed[i])
			continue
		}
		fg := parsed[i]
		if fg.Start != "" {
			if startFile != "" {
				errs = append(errs, fmt.Errorf("%s: start is also set in %s; only one file names the start node", name, startFile))
			}
			g.StartID, startFile = fg.Start, name
		}
		for _, fn := range fg.Nodes {
			g.Nodes = append(g.Nodes, fromFile(name, fn))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	g.startFile = startFile
	return assemble(g)
}

// assemble orders a parsed graph and validates it against its catalogue.
func assemble(g *Graph) (*Graph, error) {
	// The file that names the start holds the spine: list its nodes first, so exports
	// read from the top of the flow down.
	sort.SliceStable(g.Nodes, func(i, j int) bool {
		return g.Nodes[i].File == g.startFile && g.Nodes[j].File != g.startFile
	})
	return g, validate(g, g.startFile)
}

func parseFile(data []byte) (fileGraph, error) {
	var fg fileGraph
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	err := dec.Decode(&fg)
	if errors.Is(err, io.EOF) {
		return fg, nil // an empty file adds nothing
	}
	return fg, err
}

func fromFile(file string, fn fileNode) *Node {
	n := &Node{
		ID: fn.ID, Kind: Kind(fn.Kind), Title: strings.TrimSpace(fn.Title),
		Text: strings.TrimSpace(fn.Text), Help: strings.TrimSpace(fn.Help), Branch: fn.Branch,
		Next: fn.Next, On: fn.On, Jump: fn.Jump, Check: fn.Check, Probe: fn.Probe,
		Entry: fn.Entry, Causes: fn.Causes, File: file, Line: fn.Line,
	}
	for _, c := range fn.Choices {
		n.Choices = append(n.Choices, Choice{ID: c.ID, Label: strings.TrimSpace(c.Label), Next: c.Next,
			RulesOut: c.RulesOut, Unless: c.Unless, Line: c.Line})
	}
	for _, in := range fn.Inputs {
		n.Inputs = append(n.Inputs, Input(in))
	}
	for _, r := range fn.SkipIf {
		n.SkipIf = append(n.SkipIf, Rule{When: r.When, Choose: r.Choose, Goto: r.Goto, Line: r.Line})
	}
	return n
}

func itoa(i int) string { return strconv.Itoa(i) }
