package check

import "testing"

// Every status has its own mark and word, so no two read the same without colour.
func TestStatusMarksAreDistinct(t *testing.T) {
	seen := map[string]Status{}
	for _, s := range []Status{Pass, Warn, Fail, Skip} {
		for _, mark := range []string{s.Glyph(), s.Word()} {
			if other, ok := seen[mark]; ok {
				t.Errorf("%s and %s both show %q", s, other, mark)
			}
			seen[mark] = s
		}
	}
	if Status("x").Glyph() == Pass.Glyph() {
		t.Error("an unknown status looks like a pass")
	}
}
