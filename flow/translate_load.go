package flow

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/mubarokah/mubarokah-doctor/internal/yamlx"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// LoadTranslation reads dir of fsys (assets/flow/<lang>: one file per English file, of the
// same name, `nodes:` node id -> its text) and checks it against en, the English graph:
// every node of a file translated in the file of the same name, every title, text, help,
// choice label and input label the English has present and non-empty, no id the English
// lacks, code spans and placeholders kept. Every problem is reported together, each as
// "file:line: what is wrong".
func LoadTranslation(fsys fs.FS, dir string, en *Graph) ([]NodeText, error) {
	done := map[string]bool{}
	var out []NodeText
	errs := yamlx.EachFile(fsys, dir, func(name string, doc *yaml.Node) []error {
		texts, problems := parseNodeTexts(name, doc, en, done)
		out = append(out, texts...)
		return problems
	})
	for _, n := range en.Nodes {
		if !done[n.ID] {
			errs = append(errs, fmt.Errorf("%s:%d: node %s has no translation (add it to %s)",
				n.File, n.Line, n.ID, path.Join(dir, path.Base(n.File))))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

var nodeTextFields = []string{"title", "text", "help", "choices", "inputs"}

func parseNodeTexts(name string, doc *yaml.Node, en *Graph, done map[string]bool) ([]NodeText, []error) {
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	if len(doc.Content) == 0 {
		return nil, nil // an empty file adds nothing
	}
	top := doc.Content[0]
	var nodes *yaml.Node
	if top.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(top.Content); i += 2 {
			if k := top.Content[i]; k.Value == "nodes" {
				nodes = top.Content[i+1]
			} else {
				fail(k.Line, "unknown field %q (a translation holds only nodes:)", k.Value)
			}
		}
	}
	if nodes == nil || nodes.Kind != yaml.MappingNode {
		fail(top.Line, "expected nodes: node id -> title, text, help, choices, inputs")
		return nil, errs
	}
	var out []NodeText
	for i := 0; i+1 < len(nodes.Content); i += 2 {
		k, v := nodes.Content[i], nodes.Content[i+1]
		n, ok := en.Node(k.Value)
		if !ok {
			fail(k.Line, "node %q is not in the English graph", k.Value)
			continue
		}
		if path.Base(n.File) != path.Base(name) {
			fail(k.Line, "node %s belongs in %s, beside the English %s", n.ID, path.Base(n.File), n.File)
			continue
		}
		if done[n.ID] {
			fail(k.Line, "node %s is translated twice", n.ID)
			continue
		}
		done[n.ID] = true
		t, problems := nodeText(n, k.Line, v, fail)
		if !problems {
			out = append(out, t)
		}
	}
	return out, errs
}

// nodeText reads one node's translation and checks it against the English node.
func nodeText(n *Node, line int, v *yaml.Node, fail func(int, string, ...any)) (NodeText, bool) {
	t := NodeText{ID: n.ID}
	bad := false
	failf := func(line int, format string, args ...any) {
		bad = true
		fail(line, format, args...)
	}
	if v.Kind != yaml.MappingNode {
		failf(v.Line, "node %s: expected title:, text:, ...", n.ID)
		return t, true
	}
	fields := map[string]*yaml.Node{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k := v.Content[i]
		if !slices.Contains(nodeTextFields, k.Value) {
			failf(k.Line, "node %s: unknown field %q (known: %s)", n.ID, k.Value, strings.Join(nodeTextFields, ", "))
			continue
		}
		fields[k.Value] = v.Content[i+1]
	}
	text := func(what, enText string, val *yaml.Node, at int) string {
		if enText == "" {
			if val != nil {
				failf(val.Line, "node %s: %s: the English node has none", n.ID, what)
			}
			return ""
		}
		if val == nil {
			failf(at, "node %s: %s is not translated (English: %q)", n.ID, what, yamlx.Short(enText))
			return ""
		}
		s := ""
		if val.Kind == yaml.ScalarNode {
			s = strings.TrimSpace(val.Value)
		}
		if s == "" {
			failf(val.Line, "node %s: %s is empty (English: %q)", n.ID, what, yamlx.Short(enText))
			return ""
		}
		if err := knowledge.SameMarks(enText, s); err != nil {
			failf(val.Line, "node %s: %s: %v", n.ID, what, err)
		}
		return s
	}
	t.Title = text("title", n.Title, fields["title"], line)
	t.Text = text("text", n.Text, fields["text"], line)
	t.Help = text("help", n.Help, fields["help"], line)

	// labels checks a mapping id -> label against the English ids.
	labels := func(field string, en map[string]string, order []string) map[string]string {
		val := fields[field]
		if len(en) == 0 {
			if val != nil {
				failf(val.Line, "node %s: %s: the English node has none", n.ID, field)
			}
			return nil
		}
		got := map[string]*yaml.Node{}
		at := line
		if val != nil {
			at = val.Line
			if val.Kind != yaml.MappingNode {
				failf(val.Line, "node %s: %s must be a mapping (id: label)", n.ID, field)
				return nil
			}
			for i := 0; i+1 < len(val.Content); i += 2 {
				k := val.Content[i]
				if _, ok := en[k.Value]; !ok {
					failf(k.Line, "node %s: %s: %q is not in the English node (have: %s)", n.ID, field, k.Value, strings.Join(order, ", "))
					continue
				}
				got[k.Value] = val.Content[i+1]
			}
		}
		out := map[string]string{}
		for _, id := range order {
			if s := text(fmt.Sprintf("%s %q", field, id), en[id], got[id], at); s != "" {
				out[id] = s
			}
		}
		return out
	}
	choices, choiceOrder := map[string]string{}, []string{}
	for _, c := range n.Choices {
		choices[c.ID] = c.Label
		choiceOrder = append(choiceOrder, c.ID)
	}
	t.Choices = labels("choices", choices, choiceOrder)
	inputs, inputOrder := map[string]string{}, []string{}
	for _, in := range n.Inputs {
		inputs[in.Name] = in.Label
		inputOrder = append(inputOrder, in.Name)
	}
	t.Inputs = labels("inputs", inputs, inputOrder)
	return t, bad
}
