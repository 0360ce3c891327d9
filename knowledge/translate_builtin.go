package knowledge

import "sync"

var builtinTextIndex = sync.OnceValue(func() map[string]*EntryText {
	m := make(map[string]*EntryText, len(builtinIndonesian))
	for i := range builtinIndonesian {
		m[builtinIndonesian[i].Code] = &builtinIndonesian[i]
	}
	return m
})

// builtinTexts is the compiled translation of the catalogue into lang, by code.
func builtinTexts(lang string) (map[string]*EntryText, bool) {
	if lang != LangIndonesian || len(builtinIndonesian) == 0 {
		return nil, false
	}
	return builtinTextIndex(), true
}
