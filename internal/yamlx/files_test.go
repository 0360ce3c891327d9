package yamlx

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"
)

// Every YAML file is read in name order; one that does not parse is a problem naming it,
// and the files after it are still read.
func TestEachFileReadsEveryFileAndGathersProblems(t *testing.T) {
	fsys := fstest.MapFS{
		"tr/b.yaml":    {Data: []byte("x: [\n")},
		"tr/c.yaml":    {Data: []byte("c: 1\n")},
		"tr/a.yaml":    {Data: []byte("a: 1\n")},
		"tr/notes.txt": {Data: []byte("not yaml: [\n")},
		"other/d.yaml": {Data: []byte("d: 1\n")},
	}
	var seen []string
	errs := EachFile(fsys, "tr", func(name string, doc *yaml.Node) []error {
		seen = append(seen, name+"="+doc.Content[0].Content[0].Value)
		if strings.HasSuffix(name, "c.yaml") {
			return []error{errors.New("c is wrong")}
		}
		return nil
	})
	if got := strings.Join(seen, " "); got != "tr/a.yaml=a tr/c.yaml=c" {
		t.Errorf("parsed %q", got)
	}
	if len(errs) != 2 || !strings.HasPrefix(errs[0].Error(), "tr/b.yaml: ") || errs[1].Error() != "c is wrong" {
		t.Errorf("problems %q", errs)
	}
}

func TestShortKeepsOneLineOfSixtyCharacters(t *testing.T) {
	if got := Short("a\n  b"); got != "a b" {
		t.Errorf("Short folded to %q", got)
	}
	if got := Short(strings.Repeat("é", 80)); got != strings.Repeat("é", 59)+"…" {
		t.Errorf("Short cut to %q", got)
	}
}
