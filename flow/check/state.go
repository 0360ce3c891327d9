package check

import (
	"strings"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// State compares the state the app stored before the redirect with the one on the
// callback. They must be equal byte for byte. The values are not shown, only where and how
// they differ.
func State(l lang.Lang, sent, received string) Result {
	var o knowledge.Observation
	lengths := l.Tf("sent %d characters, received %d", len(sent), len(received))
	switch {
	case sent != "" && sent == received:
		return done(NameState, Pass, o, l.Tf("the state matches (%d characters)", len(sent)))
	case sent == "" && received == "":
		o.AddFact(knowledge.FactStateMissing, l.T("no state was sent or received: the login has no CSRF protection"))
		return done(NameState, Warn, o, l.T("no state at all: send an unguessable state and compare it on the callback"))
	case received == "":
		o.AddFact(knowledge.FactStateMissing, l.T("the callback carried no state although one was sent"))
		return done(NameState, Fail, o, l.T("the callback carried no state"),
			l.T("the callback handler may read it from the wrong place (query vs fragment), or the redirect lost it"),
			l.T("Passport 8.x leaves state out of an invalid_scope error redirect: look at the error parameters first"))
	case sent == "":
		o.AddFact(knowledge.FactStateMismatch, l.T("the app had no stored state to compare with: the session that stored it was lost "+
			"(cookie not kept across the redirect: SameSite, domain, or localhost vs 127.0.0.1)"))
		return done(NameState, Fail, o, l.T("the app has no stored state for this callback"), lengths)
	}
	why := l.T(stateMistake(sent, received))
	o.AddFact(knowledge.FactStateMismatch, why)
	return done(NameState, Fail, o, l.T("the state differs: ")+why, lengths,
		l.Tf("first difference at character %d", firstDiff(sent, received)+1))
}

func stateMistake(sent, received string) string {
	switch {
	case strings.TrimSpace(sent) == strings.TrimSpace(received):
		return lang.N("one carries surrounding whitespace or a newline")
	case strings.EqualFold(sent, received):
		return lang.N("they differ only in letter case; compare exactly and do not change the value's case")
	case unescape(received) == sent || unescape(sent) == received:
		return lang.N("one is URL-encoded and the other is not: decode the callback's query once, and only once")
	case strings.HasPrefix(sent, received) || strings.HasPrefix(received, sent):
		return lang.N("one is cut short: the stored value or the URL truncated it")
	}
	return lang.N("they are different values: the callback is handled by another session than the one that started the login " +
		"(two tabs, a lost session cookie, or the state regenerated before the callback)")
}
