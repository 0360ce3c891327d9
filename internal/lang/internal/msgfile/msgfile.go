// Package msgfile reads the program's message file (internal/lang/active.id.yaml) with
// go-i18n, for go generate and the tests: the program runs on the compiled table and does
// not link go-i18n.
package msgfile

import (
	"fmt"
	"sort"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// Parse reads a go-i18n message file in YAML and returns its messages as (English id,
// translation) pairs sorted by id. A message with plural forms is refused: Indonesian has
// none, and the program's English strings are whole sentences.
func Parse(data []byte, path string) ([][2]string, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	mf, err := b.ParseMessageFileBytes(data, path)
	if err != nil {
		return nil, err
	}
	out := make([][2]string, 0, len(mf.Messages))
	for _, m := range mf.Messages {
		if m.One != "" || m.Few != "" || m.Many != "" || m.Two != "" || m.Zero != "" {
			return nil, fmt.Errorf("%s: %q has plural forms; write one sentence", path, m.ID)
		}
		out = append(out, [2]string{m.ID, m.Other})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out, nil
}
