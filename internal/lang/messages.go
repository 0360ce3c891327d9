package lang

import (
	"fmt"
	"sort"
)

// The program's own strings in Indonesian live in active.id.yaml, a go-i18n message file
// (message id: translation). The message id is the English text itself, as gettext does:
// the code reads as it prints, English needs no lookup at all, and a string that lost its
// translation still prints, in English, while TestEveryStringHasIndonesian fails.
//
// go generate parses the file with go-i18n (so the file is what go-i18n and its tools
// read) and compiles it into messages_gen.go, as the catalogue and the flow are compiled:
// a go-i18n bundle built at run time cost 3 ms on the first Indonesian string
// (BenchmarkParseMessages), more than the whole Indonesian catalogue; the compiled table
// costs nothing at start and a binary search per string.
//
//go:generate go run ./internal/genmessages messages_gen.go

// message is one compiled string: the English (the id) and its Indonesian.
type message struct {
	EN string
	ID string
}

// T returns s, an English string of the program, in l.
func (l Lang) T(s string) string {
	if l != Indonesian || s == "" {
		return s
	}
	i := sort.Search(len(indonesian), func(i int) bool { return indonesian[i].EN >= s })
	if i < len(indonesian) && indonesian[i].EN == s {
		return indonesian[i].ID
	}
	return s
}

// Tf is fmt.Sprintf with the format in l. The translation keeps the English verbs, in the
// same order (TestEveryStringHasIndonesian holds them equal).
func (l Lang) Tf(format string, args ...any) string {
	return fmt.Sprintf(l.T(format), args...)
}
