package evidence

import (
	"regexp"
	"strings"
	"sync"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// userInfoPath matches the paths of user-info endpoints: Mubarokah ID's /api/user, OIDC's
// /userinfo, and the /me, /profile, /email and /user of other providers.
var userInfoPath = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)https?://[^\s"'<>]+/(?:api/user(?:/details)?|userinfo|me|profile|v\d/email|v\d/profile|user)(?:[/?#\s"']|$)`)
})

// socialiteEmpty matches the fields of a dumped Socialite user left null: dd()'s +"email": null
// or var_export's 'email' => NULL.
var socialiteEmpty = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)[+"'](?:id|email)["']?\s*(?::|=>)\s*null\b`)
})

// findEmptyProfile notes a user-info answer with nothing in it: an empty JSON object under a
// request to a user-info endpoint, or Socialite's User dumped with its id and email null.
func findEmptyProfile(s *scan) {
	if i := strings.Index(s.lower, `socialite\two\user`); i >= 0 || strings.Contains(s.lower, `socialite\\two\\user`) {
		if i < 0 {
			i = strings.Index(s.lower, `socialite\\two\\user`)
		}
		if len(socialiteEmpty().FindAllStringIndex(s.text[i:min(len(s.text), i+8192)], 2)) == 2 {
			var o knowledge.Observation
			o.AddFact(knowledge.FactUserProfileEmpty, "the Socialite user has neither id nor email: the provider's user answer was empty or unreadable")
			s.add(i, o)
			return
		}
	}
	if !strings.Contains(s.text, "{}") || !userInfoPath().MatchString(s.text[:min(len(s.text), 64<<10)]) {
		return
	}
	for pos := 0; pos < len(s.text) && pos < 64<<10; {
		end := strings.IndexByte(s.text[pos:], '\n')
		if end < 0 {
			end = len(s.text)
		} else {
			end += pos
		}
		if t := strings.TrimSpace(s.text[pos:end]); t == "{}" || t == "{ }" {
			var o knowledge.Observation
			o.AddFact(knowledge.FactUserProfileEmpty, "the user-info endpoint answered an empty JSON object: no id, name or email")
			s.add(pos, o)
			return
		}
		pos = end + 1
	}
}
