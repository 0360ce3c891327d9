// Package yamlx holds what the catalogue and flow loaders share of YAML decoding.
package yamlx

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// DecodeStrict decodes a mapping node into the struct v points to and refuses keys the
// struct's yaml tags do not name: a nested Node.Decode does not inherit the decoder's
// KnownFields, and a typo such as "nxet" must not pass silently. Errors carry the line.
func DecodeStrict(n *yaml.Node, v any) error {
	if n.Kind == yaml.MappingNode {
		known := keys(v)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if !known[k.Value] {
				return fmt.Errorf("line %d: unknown field %q (known: %s)", k.Line, k.Value,
					strings.Join(slices.Sorted(maps.Keys(known)), ", "))
			}
		}
	} else if n.Kind != yaml.ScalarNode || n.Tag != "!!null" {
		return fmt.Errorf("line %d: expected a mapping (key: value lines), found %s", n.Line, kindName(n))
	}
	return n.Decode(v)
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return fmt.Sprintf("the value %q", n.Value)
	}
	return "something else"
}

// keys lists the yaml keys of the struct v points to.
func keys(v any) map[string]bool {
	t := reflect.TypeOf(v).Elem()
	out := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if name != "" && name != "-" {
			out[name] = true
		}
	}
	return out
}
