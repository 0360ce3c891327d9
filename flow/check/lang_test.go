package check

import (
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The offline checks say their results in the language asked, keep the facts the matcher
// reads by name, and read as before in English.
func TestChecksSpeakTheLanguage(t *testing.T) {
	id := State(lang.Indonesian, "abc123", "ABC123")
	if id.Status != Fail || !strings.HasPrefix(id.Summary, "state-nya berbeda: ") || !strings.Contains(id.Summary, "huruf besar-kecil") ||
		!id.Obs.HasFact(knowledge.FactStateMismatch) || id.Name != NameState {
		t.Errorf("Indonesian state check: %+v", id)
	}
	if en := State(lang.English, "abc123", "ABC123"); !strings.HasPrefix(en.Summary, "the state differs: they differ only in letter case") {
		t.Errorf("English state check changed: %q", en.Summary)
	}

	r := RedirectURI(lang.Indonesian, "http://localhost:3000/cb", "http://127.0.0.1:3000/cb")
	if r.Status != Fail || !strings.HasPrefix(r.Summary, "redirect_uri berbeda: host loopback: localhost lawan 127.0.0.1") ||
		!r.Obs.HasFact(knowledge.FactRedirectLoopback) {
		t.Errorf("Indonesian redirect_uri check (the loopback fact must survive the translation): %+v", r)
	}

	res, err := ByName(lang.Indonesian, NameScope, map[string]string{"scope": "view-user,profile"}, time.Now())
	if err != nil || res.Status != Fail || !strings.Contains(res.Summary, "string scope-nya akan ditolak") ||
		!strings.Contains(strings.Join(res.Details, "\n"), `"profile" bukan scope Mubarokah ID`) {
		t.Errorf("Indonesian scope check: %+v, %v", res, err)
	}
	if _, err := ByName(lang.Indonesian, NameState, map[string]string{"sent": "x"}, time.Now()); err == nil || !strings.Contains(err.Error(), "butuh") {
		t.Errorf("Indonesian missing input: %v", err)
	}
}
