package knowledge

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
)

// LoadTranslation reads dir of fsys (assets/catalogue/<lang>: one <code>.yaml per English
// entry, the format of docs/TRANSLATION-FORMAT in assets/catalogue/README.md) and checks it
// against en: every entry, title, summary, severity note, context, signal text, cause, step
// and prevention tip translated and non-empty, no id English lacks, code spans and
// placeholders kept. Every problem is reported together, each as "file:line: what is wrong".
func LoadTranslation(fsys fs.FS, dir string, en *Catalogue) ([]EntryText, error) {
	seen := map[string]bool{}
	var out []EntryText
	errs := yamlx.EachFile(fsys, dir, func(name string, doc *yaml.Node) []error {
		t, problems := parseTranslation(name, doc, en)
		if t != nil {
			seen[t.Code] = true
			out = append(out, *t)
		}
		return problems
	})
	for _, e := range en.Entries {
		if !seen[e.Code] {
			errs = append(errs, fmt.Errorf("%s:1: entry %s has no translation (%s is missing)",
				e.file, e.Code, path.Join(dir, e.Code+".yaml")))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return out, nil
}

// parseTranslation reads one translated entry and checks it against its English.
func parseTranslation(name string, doc *yaml.Node, en *Catalogue) (*EntryText, []error) {
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, args...)))
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		fail(1, "expected a mapping (code:, title:, summary:, ...)")
		return nil, errs
	}
	top := doc.Content[0]
	fields := map[string]*yaml.Node{}
	keyLine := map[string]int{}
	known := []string{"code", "title", "severity_note", "summary", "contexts", "says", "causes", "steps", "prevention"}
	for i := 0; i+1 < len(top.Content); i += 2 {
		k := top.Content[i]
		if !slices.Contains(known, k.Value) {
			fail(k.Line, "unknown field %q (known: %s)", k.Value, strings.Join(known, ", "))
			continue
		}
		fields[k.Value], keyLine[k.Value] = top.Content[i+1], k.Line
	}
	code := scalar(fields["code"])
	want := strings.TrimSuffix(path.Base(name), ".yaml")
	if code == "" {
		fail(1, "code is missing (want %q, the English file's code)", want)
		return nil, errs
	}
	if code != want {
		fail(keyLine["code"], "code %q does not match the file name (want %q)", code, want)
		return nil, errs
	}
	e, ok := en.byCode[code]
	if !ok {
		fail(keyLine["code"], "code %q is not an entry of the English catalogue", code)
		return nil, errs
	}
	t := &EntryText{Code: code}

	// text checks one translated string against its English.
	text := func(what, enText string, n *yaml.Node, line int) string {
		if n == nil {
			fail(line, "%s is not translated (English: %q)", what, yamlx.Short(enText))
			return ""
		}
		if n.Kind != yaml.ScalarNode {
			fail(n.Line, "%s must be text", what)
			return ""
		}
		s := strings.TrimSpace(n.Value)
		if s == "" {
			fail(n.Line, "%s is empty (English: %q)", what, yamlx.Short(enText))
			return ""
		}
		if err := SameMarks(enText, s); err != nil {
			fail(n.Line, "%s: %v", what, err)
		}
		return s
	}
	top1 := keyLine
	t.Title = text("title", e.Title, fields["title"], 1)
	t.Summary = text("summary", e.Summary, fields["summary"], 1)
	if e.SeverityNote != "" {
		t.SeverityNote = text("severity_note", e.SeverityNote, fields["severity_note"], 1)
	} else if n := fields["severity_note"]; n != nil {
		fail(top1["severity_note"], "severity_note: the English entry has none")
	}

	// keyed checks a mapping of id -> text against the English ids.
	keyed := func(field string, enTexts map[string]string, order []string) map[string]string {
		n := fields[field]
		if len(enTexts) == 0 {
			if n != nil && len(n.Content) > 0 {
				fail(top1[field], "%s: the English entry has none", field)
			}
			return nil
		}
		line := 1
		if n != nil {
			line = top1[field]
			if n.Kind != yaml.MappingNode {
				fail(n.Line, "%s must be a mapping (English -> translation)", field)
				return nil
			}
		}
		got := map[string]*yaml.Node{}
		out := map[string]string{}
		if n != nil {
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if _, ok := enTexts[k.Value]; !ok {
					fail(k.Line, "%s: %q is not in the English entry", field, yamlx.Short(k.Value))
					continue
				}
				if got[k.Value] != nil {
					fail(k.Line, "%s: %q is given twice", field, yamlx.Short(k.Value))
				}
				got[k.Value] = n.Content[i+1]
			}
		}
		for _, id := range order {
			v := text(fmt.Sprintf("%s %q", field, yamlx.Short(id)), enTexts[id], got[id], line)
			if v != "" {
				out[id] = v
			}
		}
		return out
	}
	ctxOrder := make([]string, 0, len(e.Contexts))
	for k := range e.Contexts {
		ctxOrder = append(ctxOrder, k)
	}
	sort.Strings(ctxOrder)
	t.Contexts = keyed("contexts", e.Contexts, ctxOrder)

	says, saysOrder := map[string]string{}, []string{}
	addSays := func(sigs []Signal) {
		for _, s := range sigs {
			if s.Says != "" {
				if _, dup := says[s.Says]; !dup {
					saysOrder = append(saysOrder, s.Says)
				}
				says[s.Says] = s.Says
			}
		}
	}
	addSays(e.Signals)
	causes, causeOrder := map[string]string{}, []string{}
	for _, c := range e.Causes {
		addSays(c.Signals)
		causes[c.ID] = c.Text
		causeOrder = append(causeOrder, c.ID)
	}
	t.Says = keyed("says", says, saysOrder)
	t.Causes = keyed("causes", causes, causeOrder)
	steps, stepOrder := map[string]string{}, []string{}
	for _, s := range e.Steps {
		steps[s.ID] = s.Text
		stepOrder = append(stepOrder, s.ID)
	}
	t.Steps = keyed("steps", steps, stepOrder)

	if n := fields["prevention"]; n == nil {
		if len(e.Prevention) > 0 {
			fail(1, "prevention is not translated (the English has %d tips)", len(e.Prevention))
		}
	} else if n.Kind != yaml.SequenceNode {
		fail(n.Line, "prevention must be a list, in the English order")
	} else {
		if len(n.Content) != len(e.Prevention) {
			fail(top1["prevention"], "prevention has %d tips, the English %d (same count and order)", len(n.Content), len(e.Prevention))
		}
		for i, item := range n.Content {
			if i < len(e.Prevention) {
				t.Prevention = append(t.Prevention, text(fmt.Sprintf("prevention tip %d", i+1), e.Prevention[i], item, item.Line))
			}
		}
	}
	return t, errs
}

func scalar(n *yaml.Node) string {
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return strings.TrimSpace(n.Value)
}
