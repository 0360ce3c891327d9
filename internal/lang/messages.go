package lang

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

// The program's own strings are looked up with go-i18n (a bundle of message files and
// a localizer per language, CLDR plural rules when a message needs them). The message id
// is the English text itself, as gettext does: the code reads as it prints, English needs
// no lookup and no file at all, and a string that lost its translation still prints, in
// English, while TestEveryStringHasIndonesian fails.
//
//go:embed active.id.yaml
var indonesianFile []byte

// localizer is built on the first Indonesian lookup: English never pays for it.
var localizer = sync.OnceValues(func() (*i18n.Localizer, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	if _, err := b.ParseMessageFileBytes(indonesianFile, "active.id.yaml"); err != nil {
		return nil, err
	}
	return i18n.NewLocalizer(b, "id"), nil
})

// T returns s, an English string of the program, in l.
func (l Lang) T(s string) string {
	if l != Indonesian || s == "" {
		return s
	}
	loc, err := localizer()
	if err != nil {
		return s
	}
	out, err := loc.Localize(&i18n.LocalizeConfig{MessageID: s})
	if err != nil || out == "" {
		return s
	}
	return out
}

// Tf is fmt.Sprintf with the format in l. The translation keeps the English verbs, in the
// same order (TestEveryStringHasIndonesian holds them equal).
func (l Lang) Tf(format string, args ...any) string {
	return fmt.Sprintf(l.T(format), args...)
}

// Load parses the message file now, for a test to see its error; T falls back to English
// on a broken file.
func Load() error {
	_, err := localizer()
	return err
}

// Messages returns the Indonesian message file as English -> Indonesian, for the test
// that every string is translated.
func Messages() (map[string]string, error) {
	var m map[string]string
	err := yaml.Unmarshal(indonesianFile, &m)
	return m, err
}
