package knowledge_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func mustLoad(t testing.TB) *knowledge.Catalogue {
	t.Helper()
	c, err := knowledge.Load(assets.Catalogue, "catalogue")
	if err != nil {
		t.Fatalf("the embedded catalogue does not load:\n%v", err)
	}
	return c
}

func TestEmbeddedCatalogueLoads(t *testing.T) {
	c := mustLoad(t)
	if len(c.Entries) == 0 {
		t.Fatal("no entries")
	}
	for _, e := range c.Entries {
		if len(e.Causes) == 0 || len(e.Steps) == 0 {
			t.Errorf("%s: entry without causes or steps", e.Code)
		}
	}
}

const goodEntry = `code: alpha
title: Alpha
severity: low
summary: An entry.
appears_at: [api]
http_status: [400]
causes:
  - id: alpha_one
    text: One.
steps:
  - id: fix_one
    text: Fix it.
    fixes: [alpha_one]
prevention: [Be careful.]
`

func TestBrokenFilesNameFileAndLine(t *testing.T) {
	cases := []struct {
		name, file, body, want string
	}{
		{"yaml syntax", "alpha.yaml", "code: alpha\ntitle: [unclosed\n", "cat/alpha.yaml: line"},
		{"unknown key", "alpha.yaml", goodEntry + "colour: red\n", "field colour not found"},
		{"unknown cause key", "alpha.yaml", strings.Replace(goodEntry, "    text: One.", "    text: One.\n    wieght: 3", 1), "alpha.yaml: line 10: unknown field \"wieght\""},
		{"step fixes missing cause", "alpha.yaml", strings.Replace(goodEntry, "fixes: [alpha_one]", "fixes: [alpha_two]", 1), "cat/alpha.yaml:11: step \"fix_one\" fixes \"alpha_two\""},
		{"file name", "beta.yaml", goodEntry, "does not match the file name"},
		{"severity", "alpha.yaml", strings.Replace(goodEntry, "severity: low", "severity: huge", 1), "severity \"huge\""},
		{"related", "alpha.yaml", goodEntry + "related: [nope]\n", "related entry \"nope\" does not exist"},
		{"no causes", "alpha.yaml", "code: alpha\ntitle: A\nseverity: low\nsummary: s\nappears_at: [api]\nsteps: []\nprevention: [x]\n", "no causes"},
		{"bad fact", "alpha.yaml", strings.Replace(goodEntry, "    text: One.", "    text: One.\n    signals:\n      - when: {fact: made_up}\n        weight: 2", 1), "alpha.yaml:11: unknown fact \"made_up\""},
		{"cause source not a reference", "alpha.yaml", strings.Replace(goodEntry, "    text: One.", "    text: One.\n    source: the league code", 1), "alpha.yaml:8: source \"the league code\": not one of seed, local, a URL"},
		{"signal source without a line", "alpha.yaml", strings.Replace(goodEntry, "    text: One.", "    text: One.\n    signals:\n      - when: {hint: One}\n        weight: 2\n        source: league 9.4.1 src/Grant/AuthCodeGrant.php", 1), "alpha.yaml:11: source \"league 9.4.1 src/Grant/AuthCodeGrant.php\": \"src/Grant/AuthCodeGrant.php\" has no line"},
		{"entry source with an open note", "alpha.yaml", goodEntry + "source: seed (the first cause\n", "alpha.yaml:1: source \"seed (the first cause\": a '(' is never closed"},
		{"bad field", "alpha.yaml", strings.Replace(goodEntry, "    text: One.", "    text: One.\n    signals:\n      - when: {colour: red}\n        weight: 2", 1), "alpha.yaml:11: field \"colour\" is not one of"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{"cat/" + tc.file: {Data: []byte(tc.body)}}
			_, err := knowledge.Load(fsys, "cat")
			if err == nil {
				t.Fatal("loaded a broken catalogue")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not contain %q", err, tc.want)
			}
		})
	}
}

func TestDuplicateCauseAcrossFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"cat/alpha.yaml": {Data: []byte(goodEntry)},
		"cat/beta.yaml":  {Data: []byte(strings.Replace(goodEntry, "code: alpha", "code: beta", 1))},
	}
	_, err := knowledge.Load(fsys, "cat")
	if err == nil || !strings.Contains(err.Error(), "cause id \"alpha_one\" is also used") {
		t.Fatalf("want duplicate cause error, got %v", err)
	}
}

func TestEmptyDirectory(t *testing.T) {
	if _, err := knowledge.Load(fstest.MapFS{}, "cat"); err == nil {
		t.Fatal("an empty catalogue loaded")
	}
}
