package evidence

import "testing"

// Every transport sign must carry an anchor, or the one-pass filter would skip it forever.
func TestEveryTransportSignHasAnAnchor(t *testing.T) {
	for _, s := range transportSigns {
		if anchorOf(s.phrase) == "" && anchorOf(toLower(s.phrase)) == "" {
			t.Errorf("sign %q has no anchor", s.phrase)
		}
	}
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}
