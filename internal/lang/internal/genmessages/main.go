// Command genmessages compiles internal/lang/active.id.yaml, read with go-i18n, into
// internal/lang/messages_gen.go: a table sorted by the English, so the program looks a
// string up without parsing anything at start. `go generate ./internal/lang` runs it.
package main

import (
	"bytes"
	"os"

	"github.com/mubarokah/mubarokah-doctor/internal/gosrc"
	"github.com/mubarokah/mubarokah-doctor/internal/lang/internal/msgfile"
)

type message struct {
	EN string
	ID string
}

func main() {
	gosrc.Main("genmessages", "messages_gen.go", func() ([]byte, error) {
		data, err := os.ReadFile("active.id.yaml")
		if err != nil {
			return nil, err
		}
		msgs, err := msgfile.Parse(data, "internal/lang/active.id.yaml")
		if err != nil {
			return nil, err
		}
		items := make([]any, len(msgs))
		for i, m := range msgs {
			items[i] = message{EN: m[0], ID: m[1]}
		}
		// %#v names the type main.message; the file belongs to package lang.
		src, err := gosrc.File("genmessages", "internal/lang/active.id.yaml", "main", "", "indonesian", "message", items)
		return bytes.Replace(src, []byte("\npackage main\n"), []byte("\npackage lang\n"), 1), err
	})
}
