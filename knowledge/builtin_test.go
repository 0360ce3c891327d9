package knowledge_test

import (
	"reflect"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The compiled catalogue must say exactly what the YAML says, the YAML line numbers aside
// (the generator leaves them out); when this fails, run `go generate ./knowledge` after
// editing assets/catalogue.
func TestBuiltinMatchesYAML(t *testing.T) {
	fromYAML := mustLoad(t)
	builtin, err := knowledge.Builtin()
	if err != nil {
		t.Fatalf("the compiled catalogue does not validate: %v", err)
	}
	if len(builtin.Entries) != len(fromYAML.Entries) {
		t.Fatalf("compiled catalogue has %d entries, YAML %d: run go generate ./knowledge", len(builtin.Entries), len(fromYAML.Entries))
	}
	for i := range fromYAML.Entries {
		if !reflect.DeepEqual(builtin.Entries[i], knowledge.WithoutLines(fromYAML.Entries[i])) {
			t.Errorf("entry %s differs from assets/catalogue: run go generate ./knowledge", fromYAML.Entries[i].Code)
		}
	}
}

func BenchmarkBuiltin(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := knowledge.Builtin(); err != nil {
			b.Fatal(err)
		}
	}
}
