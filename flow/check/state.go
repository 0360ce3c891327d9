package check

import (
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// State compares the state the app stored before the redirect with the one on the
// callback. They must be equal byte for byte. The values are not shown, only where and how
// they differ.
func State(sent, received string) Result {
	var o knowledge.Observation
	lengths := fmt.Sprintf("sent %d characters, received %d", len(sent), len(received))
	switch {
	case sent != "" && sent == received:
		return done(NameState, Pass, o, fmt.Sprintf("the state matches (%d characters)", len(sent)))
	case sent == "" && received == "":
		o.AddFact(knowledge.FactStateMissing, "no state was sent or received: the login has no CSRF protection")
		return done(NameState, Warn, o, "no state at all: send an unguessable state and compare it on the callback")
	case received == "":
		o.AddFact(knowledge.FactStateMissing, "the callback carried no state although one was sent")
		return done(NameState, Fail, o, "the callback carried no state",
			"the callback handler may read it from the wrong place (query vs fragment), or the redirect lost it",
			"Passport 8.x leaves state out of an invalid_scope error redirect: look at the error parameters first")
	case sent == "":
		o.AddFact(knowledge.FactStateMismatch, "the app had no stored state to compare with: the session that stored it was lost "+
			"(cookie not kept across the redirect: SameSite, domain, or localhost vs 127.0.0.1)")
		return done(NameState, Fail, o, "the app has no stored state for this callback", lengths)
	}
	why := stateMistake(sent, received)
	o.AddFact(knowledge.FactStateMismatch, why)
	return done(NameState, Fail, o, "the state differs: "+why, lengths,
		fmt.Sprintf("first difference at character %d", firstDiff(sent, received)+1))
}

func stateMistake(sent, received string) string {
	switch {
	case strings.TrimSpace(sent) == strings.TrimSpace(received):
		return "one carries surrounding whitespace or a newline"
	case strings.EqualFold(sent, received):
		return "they differ only in letter case; compare exactly and do not change the value's case"
	case unescape(received) == sent || unescape(sent) == received:
		return "one is URL-encoded and the other is not: decode the callback's query once, and only once"
	case strings.HasPrefix(sent, received) || strings.HasPrefix(received, sent):
		return "one is cut short: the stored value or the URL truncated it"
	}
	return "they are different values: the callback is handled by another session than the one that started the login " +
		"(two tabs, a lost session cookie, or the state regenerated before the callback)"
}
