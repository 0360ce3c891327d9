package lang

import (
	"regexp"
	"strings"
	"sync"
)

// The program's own messages with particulars (an offline check's "trailing slash: %q vs
// %q") reach a reason already put together in English when a reader ran the check in
// English, as the HAR reader does. Those with enough words of their own to be told apart
// from a server's text are read back by their shape and said with the Indonesian of
// active.id.yaml. messageVerbs are the verbs such a message may have; one with any other
// verb is left out.
var (
	messageVerbs  = Verbs{'s': `(.*?)`, 'v': `(.*?)`, 'q': Quoted, 'd': Number}
	messageVerbRe = regexp.MustCompile(`%[sdqv]`)
	anyVerbRe     = regexp.MustCompile(`%[^sdqv]`)
)

// minMessageWords is how much text of its own (besides its particulars) a message needs to
// be read back by its shape.
const minMessageWords = 12

// messageShapes reads back the messages of active.id.yaml that have particulars and enough
// words of their own; ids holds their Indonesian.
var messageShapes = sync.OnceValues(func() (*Shapes, []string) {
	var en, ids []string
	for _, m := range indonesian {
		if !messageVerbRe.MatchString(m.EN) || anyVerbRe.MatchString(m.EN) || strings.ContainsAny(m.EN, "\n\t") ||
			len(messageVerbRe.ReplaceAllString(m.EN, "")) < minMessageWords {
			continue
		}
		en, ids = append(en, m.EN), append(ids, m.ID)
	}
	return NewShapes(messageVerbs, en), ids
})

// messageShape is s in Indonesian when it is one of the program's messages with its particulars
// filled in: a %s particular translated in turn, the others kept.
func messageShape(s string, depth int) (string, bool) {
	t, ids := messageShapes()
	i, verbs, args, ok := t.Match(s)
	if !ok {
		return "", false
	}
	return t.Fill(ids[i], verbs, args, func(v byte, arg string) string {
		if v == 's' || v == 'v' {
			return reasonIn(arg, depth+1)
		}
		return arg
	}), true
}
