package lang

import (
	"slices"
	"strings"
	"testing"
)

// A table reads a filled-in sentence's particulars back, as little or as much as each verb
// says, and puts them into the translation in order; '%' before another letter is text.
func TestShapesReadAndFill(t *testing.T) {
	pairs := [][2]string{
		{"step %d of %s is %XX", "langkah %d dari %s adalah %XX"},
		{"from %s to %s", "dari %s ke %s"},
	}
	lazy := ShapesOf(Verbs{'s': `(.+?)`, 'd': Number}, pairs)
	greedy := ShapesOf(Verbs{'s': `(.+)`, 'd': Number}, pairs)

	i, verbs, args, ok := lazy.Match("step 3 of the walk is %XX")
	if !ok || i != 0 || string(verbs) != "ds" || !slices.Equal(args, []string{"3", "the walk"}) {
		t.Fatalf("step: %d %q %q %v", i, verbs, args, ok)
	}
	if got := lazy.Fill(pairs[i][1], verbs, args, func(v byte, a string) string { return strings.ToUpper(a) }); got != "langkah 3 dari THE WALK adalah %XX" {
		t.Errorf("fill: %q", got)
	}
	if _, _, _, ok := lazy.Match("step x of the walk is %XX"); ok {
		t.Error("a number's particular must be digits")
	}

	s := "from a to b to c"
	if _, _, args, _ := lazy.Match(s); !slices.Equal(args, []string{"a", "b to c"}) {
		t.Errorf("lazy: %q", args)
	}
	if _, _, args, _ := greedy.Match(s); !slices.Equal(args, []string{"a to b", "c"}) {
		t.Errorf("greedy: %q", args)
	}
	for _, s := range []string{"", "from a", "from a to ", "xfrom a to b"} {
		if _, _, _, ok := lazy.Match(s); ok {
			t.Errorf("%q matched", s)
		}
	}
}

// Fits yields every sentence a text is, in the table's order, and says which end with a
// particular; a reader that stops early stops the walk.
func TestShapesFits(t *testing.T) {
	sh := NewShapes(Verbs{'s': `(.+)`, 'q': Quoted}, []string{"the %s failed", "%s failed", "scope %q", "%s"})
	var got []Fit
	for f := range sh.Fits("the proxy failed") {
		got = append(got, f)
	}
	if len(got) != 3 || got[0].I != 0 || got[1].I != 1 || got[2].I != 3 ||
		got[0].Args[0] != "proxy" || got[1].Args[0] != "the proxy" || got[0].Tail || got[1].Tail || !got[2].Tail {
		t.Fatalf("fits: %+v", got)
	}
	if f := slices.Collect(sh.Fits(`scope "a b"`)); len(f) != 2 || f[0].I != 2 || string(f[0].Verbs) != "q" || f[0].Args[0] != `"a b"` {
		t.Errorf("quoted: %+v", f)
	}
	n := 0
	for range sh.Fits("the proxy failed") {
		n++
		break
	}
	if n != 1 {
		t.Errorf("walked on after a stop: %d", n)
	}
}
