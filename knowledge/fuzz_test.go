package knowledge_test

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// FuzzLoad: any bytes as a catalogue file either load or are refused with a message naming
// the file, and a loaded catalogue answers Unsourced; nothing panics.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(goodEntry))
	f.Add([]byte(strings.Replace(goodEntry, "    text: One.", "    text: One.\n    source: league 8.5.5 src/A.php:1-2 (x); seed\n    signals:\n      - when: {hint: x}\n        weight: 1\n        source: local", 1)))
	f.Add([]byte(goodEntry + "source: >-\n  seed;\n  https://example.com/a\n"))
	if real, err := fs.ReadFile(assets.Catalogue, "catalogue/invalid_request.yaml"); err == nil {
		f.Add([]byte(strings.Replace(string(real), "code: invalid_request", "code: alpha", 1)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := knowledge.Load(fstest.MapFS{"cat/alpha.yaml": {Data: data}}, "cat")
		if err != nil {
			if !strings.Contains(err.Error(), "alpha.yaml") {
				t.Fatalf("the error does not name the file: %v", err)
			}
			return
		}
		for _, gap := range c.Unsourced() {
			if !strings.HasPrefix(gap, "cat/alpha.yaml:") {
				t.Fatalf("a gap without file:line: %q", gap)
			}
		}
	})
}
