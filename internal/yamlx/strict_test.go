package yamlx

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type item struct {
	ID   string `yaml:"id"`
	Line int    `yaml:"-"`
}

func node(t *testing.T, src string) *yaml.Node {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Content[0]
}

func TestDecodeStrictRefusesUnknownKeysWithTheLine(t *testing.T) {
	var it item
	err := DecodeStrict(node(t, "id: a\nnxet: b\n"), &it)
	if err == nil || !strings.Contains(err.Error(), `line 2: unknown field "nxet" (known: id)`) {
		t.Fatalf("err = %v", err)
	}
	if err := DecodeStrict(node(t, "id: a\n"), &it); err != nil || it.ID != "a" {
		t.Fatalf("a good mapping: %v %+v", err, it)
	}
	if err := DecodeStrict(node(t, "- a\n"), &it); err == nil || !strings.Contains(err.Error(), "found a list") {
		t.Fatalf("a list instead of a mapping: %v", err)
	}
}
