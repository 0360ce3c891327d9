package conformance

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// verdict is what one check must say.
type verdict struct {
	probe    string
	statuses []string // any of these
	// code and causes are the diagnosis a failing or warning check must carry: the
	// catalogue entry, and the first cause (any of causes); notCauses may not come first.
	code      string
	causes    []string
	notCauses []string
	// says must appear in the summary (case-insensitive).
	says string
}

func pass(p string) verdict { return verdict{probe: p, statuses: []string{"pass"}} }
func skip(p string) verdict { return verdict{probe: p, statuses: []string{"skip"}} }
func fail(p, code string, causes ...string) verdict {
	return verdict{probe: p, statuses: []string{"fail"}, code: code, causes: causes}
}
func passOrWarn(p, code string, causes ...string) verdict {
	return verdict{probe: p, statuses: []string{"pass", "warn"}, code: code, causes: causes}
}
func (v verdict) saying(s string) verdict      { v.says = s; return v }
func (v verdict) not(causes ...string) verdict { v.notCauses = causes; return v }

func (v verdict) String() string {
	s := strings.Join(v.statuses, "|")
	if v.code != "" {
		s += " " + v.code
		if len(v.causes) > 0 {
			s += "/" + strings.Join(v.causes, "|")
		}
	}
	return s
}

// checkCase is one flow and the verdicts expected of it.
type checkCase struct {
	name      string
	errorPage bool // against the server that redirects to its own error page
	prepare   func(context.Context, *fixture) (run, error)
	want      []verdict
}

// expectedExit is 1 when a check must fail, else 0.
func (c checkCase) expectedExit() int {
	for _, v := range c.want {
		if slices.Equal(v.statuses, []string{"fail"}) {
			return 1
		}
	}
	return 0
}

// compare returns every way the outcome differs from the expected verdicts, each led by
// the probe it is about ("report" or "exit" when none), and the verdicts seen.
func compare(c checkCase, o outcome) (problems, seen []string) {
	got := map[string]int{}
	for i, ch := range o.rep.Checks {
		got[ch.ID] = i
		s := ch.ID + "=" + ch.Status
		if d := ch.Diagnosis; d != nil {
			s += " " + d.Code
			if len(d.Causes) > 0 {
				s += "/" + d.Causes[0]
			}
		}
		seen = append(seen, s)
	}
	if len(o.rep.Checks) != len(c.want) {
		problems = append(problems, fmt.Sprintf("report: %d checks, want %d", len(o.rep.Checks), len(c.want)))
	}
	for _, v := range c.want {
		i, ok := got[v.probe]
		if !ok {
			problems = append(problems, v.probe+": no such check")
			continue
		}
		ch := o.rep.Checks[i]
		if !slices.Contains(v.statuses, ch.Status) {
			problems = append(problems, fmt.Sprintf("%s: %s (%s), want %s", v.probe, ch.Status, ch.Summary, v))
			continue
		}
		if v.says != "" && !strings.Contains(strings.ToLower(ch.Summary), strings.ToLower(v.says)) {
			problems = append(problems, fmt.Sprintf("%s: the summary %q does not say %q", v.probe, ch.Summary, v.says))
		}
		if v.code == "" || ch.Status == "pass" || ch.Status == "skip" {
			continue
		}
		d := ch.Diagnosis
		switch {
		case d == nil:
			problems = append(problems, fmt.Sprintf("%s: no diagnosis (%s), want %s", v.probe, ch.Summary, v))
		case d.Code != v.code:
			problems = append(problems, fmt.Sprintf("%s: diagnosed %s %v, want %s (%s)", v.probe, d.Code, d.Causes, v, ch.Summary))
		case len(v.causes) > 0 && (len(d.Causes) == 0 || !slices.Contains(v.causes, d.Causes[0])):
			problems = append(problems, fmt.Sprintf("%s: causes %v, want %s first (%s)", v.probe, d.Causes, strings.Join(v.causes, " or "), ch.Summary))
		case len(d.Causes) > 0 && slices.Contains(v.notCauses, d.Causes[0]):
			problems = append(problems, fmt.Sprintf("%s: %s comes first of %v, which the request rules out", v.probe, d.Causes[0], d.Causes))
		}
	}
	if want := c.expectedExit(); o.exit != want {
		problems = append(problems, fmt.Sprintf("exit: %d, want %d", o.exit, want))
	}
	return problems, seen
}

// knownFailure looks the case up in knownFailing, under its name (every problem is
// excused) or under name/probe (that probe's problems are, and the exit status they
// cause). It returns the reason ("" when not listed), how many problems of the listed kind
// there were, and the problems it does not excuse.
func knownFailure(name string, problems []string) (reason string, excused int, rest []string) {
	if reason, ok := knownFailing[name]; ok {
		return reason, len(problems), nil
	}
	probe := ""
	for key, r := range knownFailing {
		if p, ok := strings.CutPrefix(key, name+"/"); ok {
			reason, probe = r, p
		}
	}
	for _, p := range problems {
		switch {
		case reason != "" && strings.HasPrefix(p, probe+": "):
			excused++
		case reason != "" && strings.HasPrefix(p, "exit: "):
		default:
			rest = append(rest, p)
		}
	}
	return reason, excused, rest
}

// leaked names the secrets that appear in out, by length and first characters only.
func leaked(out string, secrets []string) []string {
	var found []string
	for _, s := range secrets {
		if s != "" && strings.Contains(out, s) {
			found = append(found, fmt.Sprintf("a secret (%d characters, starting %.4s) appears in check's output", len(s), s))
		}
	}
	return found
}
