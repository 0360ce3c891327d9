package flow_test

import (
	"path"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The shipped translation loads against the English graph and the compiled copy says what
// the YAML says; when this fails, fix what it names in assets/flow/id and run
// `go generate ./flow`.
func TestIndonesianGraphLoadsAndIsCompiled(t *testing.T) {
	g, _ := loadReal(t)
	texts, err := flow.LoadTranslation(assets.Flow, "flow/id", g)
	if err != nil {
		t.Fatalf("assets/flow/id does not load:\n%v", err)
	}
	if got := flow.BuiltinIndonesian(); !reflect.DeepEqual(got, texts) {
		t.Fatalf("flow/translate_gen.go (%d nodes) differs from assets/flow/id (%d): run go generate ./flow", len(got), len(texts))
	}
}

// indonesian is the built-in catalogue and graph in Bahasa Indonesia, next to the English.
func indonesian(t *testing.T) (id, en *flow.Graph) {
	t.Helper()
	catID, err := knowledge.BuiltinIn(knowledge.LangIndonesian)
	if err != nil {
		t.Fatal(err)
	}
	id, err = flow.BuiltinIn(catID, knowledge.LangIndonesian)
	if err != nil {
		t.Fatal(err)
	}
	catEN, _ := knowledge.Builtin()
	en, err = flow.Builtin(catEN)
	if err != nil {
		t.Fatal(err)
	}
	return id, en
}

// Every seed cause is reached in Indonesian by the same answers as in English (ids do not
// change with the language), and what the person reads on the way and at the result is
// the translation.
func TestReplayEverySeedCauseInIndonesian(t *testing.T) {
	id, en := indonesian(t)
	for _, p := range seedPaths {
		t.Run(p.cause, func(t *testing.T) {
			answers := strings.Split(p.answers, ",")
			s, err := flow.Replay(id, answers, flow.ReplayOptions{})
			if err != nil {
				t.Fatal(err)
			}
			d, ok := id.Diagnose(s)
			if !ok {
				t.Fatalf("no result; the walk stands at %s", s.Node)
			}
			if d.Entry.Code != p.entry || d.Causes[0].Cause.ID != p.cause {
				t.Fatalf("result %s %v; want %s with %s first", d.Entry.Code, s.Result.Causes, p.entry, p.cause)
			}
			sEN, _ := flow.Replay(en, answers, flow.ReplayOptions{})
			dEN, _ := en.Diagnose(sEN)
			if d.Entry.Title == dEN.Entry.Title || d.Causes[0].Cause.Text == dEN.Causes[0].Cause.Text {
				t.Errorf("the result reads in English: %q / %q", d.Entry.Title, d.Causes[0].Cause.Text)
			}
			if len(d.Checklist) == 0 || len(d.Checklist) != len(dEN.Checklist) {
				t.Fatalf("checklist: %d items, English %d", len(d.Checklist), len(dEN.Checklist))
			}
			for _, step := range s.Steps {
				n, _ := id.Node(step.Node)
				ne, _ := en.Node(step.Node)
				if n.Text != "" && n.Text == ne.Text {
					t.Errorf("node %s reads in English: %q", n.ID, n.Text)
				}
			}
		})
	}
}

// translationFiles writes, for every English file, a complete translation whose every
// text is the English with "[id] " in front.
func translationFiles(g *flow.Graph) map[string]map[string]map[string]any {
	files := map[string]map[string]map[string]any{}
	for _, n := range g.Nodes {
		f := path.Base(n.File)
		if files[f] == nil {
			files[f] = map[string]map[string]any{}
		}
		m := map[string]any{}
		if n.Title != "" {
			m["title"] = "[id] " + n.Title
		}
		if n.Text != "" {
			m["text"] = "[id] " + n.Text
		}
		if n.Help != "" {
			m["help"] = "[id] " + n.Help
		}
		if len(n.Choices) > 0 {
			c := map[string]string{}
			for _, ch := range n.Choices {
				c[ch.ID] = "[id] " + ch.Label
			}
			m["choices"] = c
		}
		if len(n.Inputs) > 0 {
			c := map[string]string{}
			for _, in := range n.Inputs {
				c[in.Name] = "[id] " + in.Label
			}
			m["inputs"] = c
		}
		files[f][n.ID] = m
	}
	return files
}

func translationFS(t *testing.T, files map[string]map[string]map[string]any) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, nodes := range files {
		data, err := yaml.Marshal(map[string]any{"nodes": nodes})
		if err != nil {
			t.Fatal(err)
		}
		fsys["id/"+name] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func TestFlowTranslationOverlaysText(t *testing.T) {
	g, _ := loadReal(t)
	texts, err := flow.LoadTranslation(translationFS(t, translationFiles(g)), "id", g)
	if err != nil {
		t.Fatalf("a complete translation does not load:\n%v", err)
	}
	cat, _ := knowledge.Builtin()
	g2, _ := flow.Builtin(cat)
	if err := g2.Translated(texts); err != nil {
		t.Fatal(err)
	}
	n, _ := g2.Node("C")
	ne, _ := g.Node("C")
	if n.Text != "[id] "+ne.Text || n.Choices[0].ID != ne.Choices[0].ID || n.Choices[0].Label != "[id] "+ne.Choices[0].Label {
		t.Errorf("translated node C: %+v", n)
	}
	if fresh, _ := flow.Builtin(cat); func() bool { c, _ := fresh.Node("C"); return c.Choices[0].Label != ne.Choices[0].Label }() {
		t.Error("translating one graph changed the compiled graph every other one is built from")
	}
}

func TestFlowTranslationErrorsNameFileAndLine(t *testing.T) {
	g, _ := loadReal(t)
	c, _ := g.Node("C")
	file := path.Base(c.File)
	cases := []struct {
		name string
		edit func(files map[string]map[string]map[string]any)
		want string
	}{
		{"missing choice", func(f map[string]map[string]map[string]any) {
			delete(f[file]["C"]["choices"].(map[string]string), c.Choices[0].ID)
		}, "node C: choices \"" + c.Choices[0].ID + "\" is not translated"},
		{"unknown choice", func(f map[string]map[string]map[string]any) {
			f[file]["C"]["choices"].(map[string]string)["maybe"] = "mungkin"
		}, "node C: choices: \"maybe\" is not in the English node"},
		{"empty text", func(f map[string]map[string]map[string]any) { f[file]["C"]["text"] = "" }, "node C: text is empty"},
		{"unknown node", func(f map[string]map[string]map[string]any) {
			f[file]["no_such_node"] = map[string]any{"text": "x"}
		}, "node \"no_such_node\" is not in the English graph"},
		{"missing node", func(f map[string]map[string]map[string]any) { delete(f[file], "C") },
			"node C has no translation (add it to id/" + file + ")"},
		{"help the English lacks", func(f map[string]map[string]map[string]any) {
			if c.Help == "" {
				f[file]["C"]["help"] = "bantuan"
			} else {
				f[file]["C"]["help"] = "`nonce`"
			}
		}, "node C: help:"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := translationFiles(g)
			tc.edit(files)
			_, err := flow.LoadTranslation(translationFS(t, files), "id", g)
			if err == nil {
				t.Fatal("loaded")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error does not say %q:\n%v", tc.want, err)
			}
			if !strings.Contains(err.Error(), ".yaml:") {
				t.Errorf("error names no file:line:\n%v", err)
			}
		})
	}
}

// BenchmarkBuiltinGraphIn is the graph's start-up in each language, its catalogue apart.
func BenchmarkBuiltinGraphIn(b *testing.B) {
	for _, l := range knowledge.Languages() {
		cat, err := knowledge.BuiltinIn(l)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(l, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := flow.BuiltinIn(cat, l); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
