package har

import (
	"fmt"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// codeLifetime is how long Passport's authorization codes live.
const codeLifetime = 10 * time.Minute

// finding records a cross-step fact on a step. A step the server or app accepted becomes
// a warning (the pairing of steps may be off, or the server lenient); a failed step keeps
// failing, now with the reason. hard findings fail the step whatever its answer was.
func (f *found) finding(name, detail string, hard bool) {
	f.obs.AddFact(name, detail)
	f.findings = append(f.findings, detail)
	switch {
	case hard:
		f.verdict = check.Fail
	case f.verdict == check.Pass:
		f.verdict = check.Warn
	}
}

// note adds words to a step without a fact or a change of verdict.
func (f *found) note(detail string) {
	f.findings = append(f.findings, detail)
}

// crossCheck runs the checks that need several steps. steps are in time order.
func crossCheck(steps []*found) {
	spent := map[string]int{}   // code -> step that exchanged it with success
	rotated := map[string]int{} // refresh token -> step that used it with success
	opened := map[string]int{}  // code -> callback step that delivered it
	for i, f := range steps {
		switch f.kind {
		case KindAuthorize:
			checkClientID(f)
		case KindCallback:
			checkCallback(steps, i, opened)
		case KindToken:
			if g := value(f.params, "grant_type"); g == "authorization_code" || g == "" && value(f.params, "code") != "" {
				checkExchange(steps, i, spent)
			}
		case KindRefresh:
			rt := value(f.params, "refresh_token")
			if j, ok := rotated[rt]; ok && rt != "" {
				f.finding(knowledge.FactRefreshReused, fmt.Sprintf("this refresh token was already used by step %d at %s, "+
					"which got new tokens: with rotation that spent it, so the stored refresh token was not replaced",
					j+1, clock(steps[j].at)), false)
			} else if rt != "" && spent2xx(f) {
				rotated[rt] = i
			}
		}
	}
}

// recover downgrades failures the sign-in got past on its own to warnings, so the step
// named is one that stopped it: a mistyped password on the provider's form when the
// sign-in then went on, or an API call that a later call to the same address repeated
// with success (an expired token refreshed, say).
func recover(steps []*found) {
	for i, f := range steps {
		if f.verdict != check.Fail || f.kind != KindSignIn && f.kind != KindConsent && f.kind != KindAPI {
			continue
		}
		for _, later := range steps[i+1:] {
			if later.verdict != check.Pass {
				continue
			}
			onward := f.kind != KindAPI && (later.kind == KindAuthorize || later.kind == KindConsent || later.kind == KindCallback)
			again := f.kind == KindAPI && later.kind == KindAPI && sameEndpoint(later.url, f.url)
			if onward || again {
				f.verdict = check.Warn
				f.note(fmt.Sprintf("step %d later went through, so this did not stop the sign-in", indexOf(steps, later)+1))
				break
			}
		}
	}
}

// spent2xx reports a token request that may have spent what it sent: it succeeded, or no
// answer came (the server may have acted on it all the same).
func spent2xx(f *found) bool {
	st := f.e.resp.status
	return st >= 200 && st < 300 || st == 0 && !aborted(f.e)
}

// authorizeBefore returns the authorize step that a callback at address u, at step i,
// answers: the latest before it whose redirect_uri is that address, else the latest.
func authorizeBefore(steps []*found, i int, u string) *found {
	var latest *found
	for j := i - 1; j >= 0; j-- {
		a := steps[j]
		if a.kind != KindAuthorize {
			continue
		}
		if r := value(a.params, "redirect_uri"); r != "" && u != "" && sameEndpoint(r, u) {
			return a
		}
		if latest == nil {
			latest = a
		}
	}
	return latest
}

func checkCallback(steps []*found, i int, opened map[string]int) {
	c := steps[i]
	code := value(c.params, "code")
	if code == "" || value(c.params, "error") != "" {
		return // an error callback is diagnosed by its error; a missing code by its absence
	}
	if j, ok := opened[code]; ok && !c.synth && !steps[j].synth {
		detail := fmt.Sprintf("this callback, with the same code, was already opened by step %d at %s (a reload, the back "+
			"button, or a second request): the app had used up its state and code the first time", j+1, clock(steps[j].at))
		if c.e.resp.status >= 400 {
			c.finding(knowledge.FactCallbackReplayed, detail, false)
		} else {
			c.note(detail)
		}
	}
	opened[code] = i
	a := authorizeBefore(steps, i, c.url)
	if a == nil {
		c.note("no authorize request before this callback is in the recording, so its state cannot be compared")
		return
	}
	sent := value(a.params, "state")
	received, has := get(c.params, "state", false)
	if sent == "" && !has {
		c.note("no state was sent or received: the sign-in has no CSRF protection (send a random state and compare it)")
		if c.verdict == check.Pass {
			c.verdict = check.Warn
		}
		return
	}
	r := check.State(lang.English, sent, received)
	if r.Status != check.Fail {
		return
	}
	for _, fct := range r.Obs.Facts {
		c.finding(fct.Name, "compared with the authorize request at "+clock(a.at)+": "+fct.Detail, true)
	}
	// The provider sends back the state it was given: a callback carrying an earlier
	// authorize request's state belongs to that sign-in, and the later one (a second tab,
	// a double click) replaced what the app stored.
	for j := i - 1; j >= 0 && received != ""; j-- {
		e := steps[j]
		if e != a && e.kind == KindAuthorize && e.at.Before(a.at) && value(e.params, "state") == received {
			c.finding(knowledge.FactStateOfEarlierSignIn, fmt.Sprintf("this state is the one the authorize request "+
				"at %s sent; the sign-in started again at %s with another state, which the app then kept (two tabs, "+
				"a double click on the sign-in button)", clock(e.at), clock(a.at)), true)
			break
		}
	}
}

// checkExchange compares a code exchange with the callback that delivered the code and the
// authorize request that asked for it.
func checkExchange(steps []*found, i int, spent map[string]int) {
	t := steps[i]
	code := value(t.params, "code")
	if len(t.params) == 0 {
		t.note("the request body was not recorded, so its code, redirect_uri and PKCE verifier cannot be compared")
	}
	var cb *found
	for j := i - 1; j >= 0 && code != ""; j-- {
		if steps[j].kind == KindCallback && value(steps[j].params, "code") == code {
			cb = steps[j]
			break
		}
	}
	var a *found
	if cb != nil {
		a = authorizeBefore(steps, indexOf(steps, cb), cb.url)
	} else {
		a = authorizeBefore(steps, i, value(t.params, "redirect_uri"))
	}
	if j, ok := spent[code]; ok && code != "" {
		t.finding(knowledge.FactCodeReused, fmt.Sprintf("this code was already exchanged by step %d at %s (HTTP %d); "+
			"a code works once", j+1, clock(steps[j].at), steps[j].e.resp.status), false)
	} else if code != "" && spent2xx(t) {
		spent[code] = i
	}
	if cb != nil && t.at.Sub(cb.at) > codeLifetime {
		t.finding(knowledge.FactCodeOld, fmt.Sprintf("the code reached the callback at %s and was exchanged at %s, %s later; "+
			"codes last 10 minutes", clock(cb.at), clock(t.at), evidence.Ago(t.at.Sub(cb.at))), false)
	}
	if a == nil || len(t.params) == 0 {
		return
	}
	if r := check.RedirectURI(lang.English, value(a.params, "redirect_uri"), value(t.params, "redirect_uri")); r.Status == check.Fail {
		for _, fct := range r.Obs.Facts {
			t.finding(fct.Name, fct.Detail, false)
		}
	}
	pkce(t, a)
	if th, ah := hostOf(t.url), hostOf(a.url); th != "" && ah != "" && th != ah {
		t.finding(knowledge.FactTokenHostDiffers, fmt.Sprintf("the code was asked for at %s but exchanged at %s: "+
			"a code is valid only at the server that issued it", ah, th), false)
	}
}

// pkce compares the verifier of an exchange with the challenge of its authorize request.
func pkce(t, a *found) {
	challenge, method := value(a.params, "code_challenge"), value(a.params, "code_challenge_method")
	verifier, hasVerifier := get(t.params, "code_verifier", false)
	switch {
	case challenge == "" && !hasVerifier:
	case challenge == "":
		t.finding(knowledge.FactPKCEMismatch, "the token request sends a code_verifier, but the authorize request sent no "+
			"code_challenge: Passport refuses a verifier for a code obtained without one", false)
	case !hasVerifier:
		t.finding(knowledge.FactPKCEMismatch, "the authorize request sent a code_challenge, but the token request carries "+
			"no code_verifier: Passport answers that code_verifier is missing", false)
	default:
		r := check.PKCE(lang.English, verifier, challenge, method)
		if r.Status == check.Fail {
			for _, fct := range r.Obs.Facts {
				t.finding(fct.Name, fct.Detail, false)
			}
		}
	}
}

func indexOf(steps []*found, f *found) int {
	for i, s := range steps {
		if s == f {
			return i
		}
	}
	return len(steps)
}

// clock is a step's time as a person compares two of them.
func clock(t time.Time) string {
	if t.IsZero() {
		return "(no time recorded)"
	}
	return t.Format("15:04:05.000")
}
