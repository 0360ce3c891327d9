package flow

import (
	"sync"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

var builtinTextIndex = sync.OnceValue(func() map[string]*NodeText {
	m := make(map[string]*NodeText, len(builtinIndonesian))
	for i := range builtinIndonesian {
		m[builtinIndonesian[i].ID] = &builtinIndonesian[i]
	}
	return m
})

// builtinTexts is the compiled translation of the graph into lang, by node id.
func builtinTexts(lang string) (map[string]*NodeText, bool) {
	if lang != knowledge.LangIndonesian || len(builtinIndonesian) == 0 {
		return nil, false
	}
	return builtinTextIndex(), true
}
