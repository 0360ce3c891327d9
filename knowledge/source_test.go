package knowledge_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func TestParseSource(t *testing.T) {
	refs, err := knowledge.ParseSource("seed; league 8.5.5 src/Grant/AuthCodeGrant.php:182-183 (8.x; 9.x the same); " +
		"laravel 11.x src/Illuminate/Validation/ValidationException.php:56,86-103; https://www.rfc-editor.org/rfc/rfc6749#section-5.2; local")
	if err != nil {
		t.Fatal(err)
	}
	want := []knowledge.SourceRef{
		{Kind: knowledge.SourceSeed},
		{Kind: knowledge.SourceCode, Repo: "thephpleague/oauth2-server", Ref: "8.5.5", Path: "src/Grant/AuthCodeGrant.php", Lines: "182-183", Note: "8.x; 9.x the same"},
		{Kind: knowledge.SourceCode, Repo: "laravel/framework", Ref: "11.x", Path: "src/Illuminate/Validation/ValidationException.php", Lines: "56,86-103"},
		{Kind: knowledge.SourceURL, URL: "https://www.rfc-editor.org/rfc/rfc6749#section-5.2"},
		{Kind: knowledge.SourceLocal},
	}
	if len(refs) != len(want) {
		t.Fatalf("%d references, want %d: %+v", len(refs), len(want), refs)
	}
	for i := range want {
		if refs[i] != want[i] {
			t.Errorf("reference %d: %+v, want %+v", i+1, refs[i], want[i])
		}
	}
}

func TestParseSourceRefusesWithReason(t *testing.T) {
	cases := map[string]string{
		"":                                    "empty reference",
		"seed;":                               "empty reference",
		"the source code":                     "not one of seed, local, a URL",
		"league 8.5.5 src/Foo.php":            "has no line",
		"league 8.5.5 src/Foo.php:0":          "lines count from 1",
		"league 8.5.5 src/Foo.php:9-3":        "a range runs forward",
		"league 8.5.5 src/Foo.php:1x":         `lines "1x"`,
		"oauth2 8.5.5 src/Foo.php:3":          "neither owner/name nor one of league",
		"seed (a note) and more":              "the note comes last",
		"seed (unclosed":                      "never closed",
		"seed)":                               "closes nothing",
		"https:// nothing":                    "not a usable URL",
		"laravel/passport v12.3.0 a b.php:12": "not one of seed, local",
	}
	for note, want := range cases {
		_, err := knowledge.ParseSource(note)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ParseSource(%q) = %v, want an error saying %q", note, err, want)
		}
	}
}

// FuzzParseSource: any note either parses into references whose every part is set for its
// kind, or is refused with a message; it never panics.
func FuzzParseSource(f *testing.F) {
	for _, s := range []string{"seed", "local (x)", "league 8.5.5 src/A.php:1-2,4", "https://example.com/a#b", "a/b c d:1;seed", "((;))", ";", "x (y) (z)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, note string) {
		refs, err := knowledge.ParseSource(note)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error without a message")
			}
			return
		}
		for _, r := range refs {
			switch r.Kind {
			case knowledge.SourceSeed, knowledge.SourceLocal:
			case knowledge.SourceURL:
				if r.URL == "" {
					t.Fatalf("a URL reference without a URL from %q", note)
				}
			case knowledge.SourceCode:
				if r.Repo == "" || r.Ref == "" || r.Path == "" || r.Lines == "" {
					t.Fatalf("a code reference with a part missing from %q: %+v", note, r)
				}
			default:
				t.Fatalf("kind %q from %q", r.Kind, note)
			}
		}
	})
}

// Every claim the shipped catalogue makes about a server says where it can be checked: each
// entry (for its summary), each cause, each signal quoting a server text (issue 15).
func TestEveryClaimHasASource(t *testing.T) {
	for name, load := range map[string]func() (*knowledge.Catalogue, error){
		"assets/catalogue": func() (*knowledge.Catalogue, error) { return knowledge.Load(assets.Catalogue, "catalogue") },
		"compiled":         knowledge.Builtin,
	} {
		c, err := load()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, gap := range c.Unsourced() {
			t.Errorf("%s: %s (see Source notes in assets/catalogue/README.md)", name, gap)
		}
	}
}

// TestUnsourcedNamesFileLineAndCause proves the check above bites, and says where.
func TestUnsourcedNamesFileLineAndCause(t *testing.T) {
	body := strings.Replace(goodEntry, "    text: One.", "    text: One.\n    signals:\n      - when: {hint: \"Token has expired\"}\n        weight: 2", 1)
	c, err := knowledge.Load(fstest.MapFS{"cat/alpha.yaml": {Data: []byte(body)}}, "cat")
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(c.Unsourced(), "\n")
	for _, want := range []string{
		"cat/alpha.yaml:1: entry alpha has no source",
		"cat/alpha.yaml:8: cause alpha_one has no source",
		"cat/alpha.yaml:11: cause alpha_one: a signal quoting a server text has no source",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Unsourced does not say %q:\n%s", want, got)
		}
	}
	sourced := strings.Replace(strings.Replace(strings.Replace(body, "weight: 2", "weight: 2\n        source: league 8.5.5 src/Grant/RefreshTokenGrant.php:119", 1),
		"    text: One.", "    text: One.\n    source: local", 1), "summary: An entry.", "summary: An entry.\nsource: seed", 1)
	c, err = knowledge.Load(fstest.MapFS{"cat/alpha.yaml": {Data: []byte(sourced)}}, "cat")
	if err != nil {
		t.Fatal(err)
	}
	if gaps := c.Unsourced(); len(gaps) != 0 {
		t.Errorf("a fully sourced entry is reported: %v", gaps)
	}
}
