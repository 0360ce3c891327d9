// Package lang is the language the program speaks to a person: which one was chosen
// (--lang, MUBAROKAH_DOCTOR_LANG, the locale, else English) and the program's own strings
// in it. The catalogue's and the flow's text are data and are translated where they live
// (assets/catalogue/id, assets/flow/id); this package holds the rest: help, errors,
// headings, screens.
//
// A Lang is a value passed down, not a global, so tests in two languages run side by side
// and the wizard can switch language while it runs.
package lang

import (
	"fmt"
	"strings"
)

// Lang is a language the program speaks. The zero value is English.
type Lang string

// The languages of the program. English is the source: its strings are the message ids.
const (
	English    Lang = "en"
	Indonesian Lang = "id"
)

// All lists the languages, English first.
var All = []Lang{English, Indonesian}

// EnvVar is the variable that chooses the language when --lang is not given.
const EnvVar = "MUBAROKAH_DOCTOR_LANG"

// Code is the language's code as the catalogue and flow data name it ("en", "id").
func (l Lang) Code() string {
	if l == "" {
		return string(English)
	}
	return string(l)
}

// Name is the language's own name, for Settings and help.
func (l Lang) Name() string {
	if l == Indonesian {
		return "Bahasa Indonesia"
	}
	return "English"
}

// Parse reads a language given by a person: "id", "en", and the longer spellings a locale
// or a habit brings ("id_ID.UTF-8", "indonesian", "en-US").
func Parse(s string) (Lang, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	switch {
	case v == "id" || v == "ind" || v == "indonesia" || v == "indonesian" || v == "bahasa" ||
		strings.HasPrefix(v, "id_") || strings.HasPrefix(v, "id-") || strings.HasPrefix(v, "id."):
		return Indonesian, nil
	case v == "en" || v == "eng" || v == "english" || v == "c" || v == "posix" ||
		strings.HasPrefix(v, "en_") || strings.HasPrefix(v, "en-") || strings.HasPrefix(v, "en."):
		return English, nil
	}
	return English, fmt.Errorf("unknown language %q: use id (Bahasa Indonesia) or en (English)", s)
}

// Choose picks the language: the flag when given, then MUBAROKAH_DOCTOR_LANG, then the
// locale (LC_ALL, LC_MESSAGES, LANG, the first one set, as POSIX orders them) when it names
// Indonesian, else English. A flag or variable that names no language is an error (the
// person asked for something); a locale that is neither is simply English.
func Choose(flag string, getenv func(string) string) (Lang, error) {
	if strings.TrimSpace(flag) != "" {
		l, err := Parse(flag)
		if err != nil {
			return English, fmt.Errorf("--lang: %w", err)
		}
		return l, nil
	}
	if v := getenv(EnvVar); strings.TrimSpace(v) != "" {
		l, err := Parse(v)
		if err != nil {
			return English, fmt.Errorf("%s: %w", EnvVar, err)
		}
		return l, nil
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if l, err := Parse(v); err == nil && l == Indonesian {
				return Indonesian, nil
			}
			return English, nil
		}
	}
	return English, nil
}

// N marks an English string that reaches T through a variable (a severity, a place), so
// TestEveryStringHasIndonesian finds it; it returns s as it is, as gettext's N_ does.
func N(s string) string { return s }
