package line

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// result shows a result, the fix, or the end of the walk, and what can be done there.
func (s *session) result(n *flow.Node) error {
	// Back at the same step after an action there (a tick, the report), only where the
	// walk stands is said again; "again" reads it all.
	at := fmt.Sprintf("%s/%d", n.ID, len(s.state.Steps))
	if s.shown == at {
		line := s.tf("Still at step %d (%s)", len(s.state.Steps)+1, s.where(n))
		if d, ok := s.g.Diagnose(s.state); ok {
			line += s.tf(": %s, checklist %d of %d steps done", d.Entry.Code, done(d), len(d.Checklist))
		}
		s.out.say(line + ".")
		return s.resultMenu(n)
	}
	s.out.say(s.heading(n))
	s.shown = at
	switch n.Kind {
	case flow.KindSolved:
		s.out.say(s.t("Solved. ") + n.Text)
	case flow.KindEscalate:
		s.out.say(s.t("Escalate to Mubarokah ID support. ") + n.Text)
		s.out.say(s.t("The report holds what support asks for (the time, your client_id, the error messages and the steps taken) and no secrets."),
			s.tf("Write to %s, or open %s; the provider's status page is %s.", flow.SupportEmail, flow.SupportLink, flow.SupportStatusPage))
	case flow.KindFix:
		s.out.say(s.t("Apply the fix. ") + n.Text)
	default:
		if n.Text != "" {
			s.out.say(n.Text)
		}
	}
	s.diagnosis(n.Kind == flow.KindFix)
	if n.Kind == flow.KindResult {
		if answers := replayable(s.state); answers != nil {
			s.out.blank()
			s.out.say(s.tf("Support can replay this walk with: mubarokah-doctor walk --answers %s.", strings.Join(answers, ",")))
		}
	}
	return s.resultMenu(n)
}

// replayable is the answers `walk --answers` replays this walk from, or nil when the walk
// took in something a list of answers does not carry (evidence, a check that ran).
func replayable(st flow.State) []string {
	if len(st.Evidence) > 0 {
		return nil
	}
	for _, c := range st.Checks {
		if c.Status != "skip" {
			return nil
		}
	}
	var out []string
	for _, step := range st.Steps {
		if step.Kind == flow.KindQuestion && !step.Auto {
			out = append(out, step.Answer)
		}
	}
	return out
}

// diagnosis prints the entry reached, its causes with the reasons that fired, and the
// checklist with what is done. At the fix step the checklist comes first.
func (s *session) diagnosis(checklistFirst bool) {
	d, ok := s.g.Diagnose(s.state)
	if !ok {
		s.out.say(s.t("No diagnosis was reached on this walk."))
		return
	}
	e := d.Entry
	s.out.blank()
	s.out.say(s.tf("Error: %s. %s.", e.Code, strings.TrimSuffix(e.Title, ".")))
	sev := s.t("Severity: ") + s.severity(e.Severity)
	if e.SeverityNote != "" {
		sev += " (" + e.SeverityNote + ")"
	}
	if len(e.HTTPStatus) > 0 {
		var codes []string
		for _, c := range e.HTTPStatus {
			codes = append(codes, strconv.Itoa(c))
		}
		sev += s.tf(". HTTP status %s", strings.Join(codes, s.t(" or ")))
	}
	s.out.say(sev + ".")
	if len(d.Signals) > 0 {
		s.out.say(s.tf("Evidence for this error: %s.", strings.Join(s.reasons(d.Signals), "; ")))
	}
	causes := func() {
		s.out.blank()
		basis := s.t("in the order your answers point to")
		if d.Basis == "evidence" {
			basis = s.t("ranked by the evidence")
		}
		s.out.say(s.tf("%d %s, %s:", len(d.Causes), s.plural(len(d.Causes), lang.N("cause"), lang.N("causes")), basis))
		for i, c := range d.Causes {
			s.out.say(s.tf("Cause %d of %d: %s", i+1, len(d.Causes), c.Cause.Text))
			s.out.say(s.tf("  Cause id: %s.", c.Cause.ID))
			for _, sig := range c.Signals {
				s.out.say(s.tf("  Why: %s.", s.l.Reason(sig)))
			}
		}
	}
	checklist := func() {
		s.out.blank()
		s.out.say(s.tf("Checklist: %d of %d steps done.", done(d), len(d.Checklist)))
		if s.retest != "" {
			s.out.say(s.t("Test of the fix: ") + s.retest)
		}
		for i, it := range d.Checklist {
			mark := s.t("not done")
			if it.Ticked {
				mark = s.t("done")
			}
			s.out.say(s.tf("Checklist step %d, %s: %s", i+1, mark, it.Step.Text))
		}
	}
	if checklistFirst {
		checklist()
		causes()
	} else {
		causes()
		checklist()
	}
}

// Actions on a result, fix or end node.
const (
	actContinue = "continue"
	actTick     = "tick"
	actRetest   = "retest"
	actAbout    = "about"
	actAgain    = "again"
	actReport   = "report"
	actSave     = "save"
	actNew      = "new"
	actHome     = "home"
	actQuit     = "quit"
)

func (s *session) resultMenu(n *flow.Node) error {
	var opts []option
	add := func(id, label string) { opts = append(opts, option{id: id, label: label}) }
	_, hasDiagnosis := s.g.Diagnose(s.state)
	switch n.Kind {
	case flow.KindResult:
		add(actContinue, s.t("Go on to applying the fix."))
	case flow.KindFix:
		add(actContinue, s.t("I have worked through the checklist: test whether it is fixed."))
	}
	if hasDiagnosis {
		add(actTick, s.t("Mark a checklist step as done, or as not done."))
	}
	if id := s.retestID(); id != "" && hasDiagnosis {
		add(actRetest, s.tf("Run the live check %s again to test the fix.", id))
	}
	if hasDiagnosis {
		add(actAbout, s.t("Read more about this error: what it means, prevention and related errors."))
	}
	add(actAgain, s.t("Read this step again."))
	add(actReport, s.t("Read the report."))
	add(actSave, s.t("Save the report to a file."))
	add(actNew, s.t("Start a new session."))
	add(actHome, s.t("Go to the home menu."))
	if n.Kind.Terminal() {
		add(actQuit, s.t("Quit."))
	}
	question := s.t("What next?")
	pick, err := s.choose(question, "", opts, true)
	if err != nil {
		return err
	}
	switch opts[pick].id {
	case actContinue:
		s.next(flow.Continue())
	case actTick:
		return s.tick()
	case actRetest:
		return s.retestFix()
	case actAbout:
		s.about()
	case actAgain:
		s.shown = ""
	case actReport:
		return s.report()
	case actSave:
		_, err := s.saveReport()
		return err
	case actNew:
		return s.newWalk(false, "", nil) // the walk under way goes on from the new start
	case actHome:
		return errHome
	case actQuit:
		return s.quit()
	}
	return nil
}

// tick marks a checklist step done or not done (it flips it).
func (s *session) tick() error {
	d, ok := s.g.Diagnose(s.state)
	if !ok || len(d.Checklist) == 0 {
		s.out.say(s.t("There is no checklist here."))
		return nil
	}
	opts := make([]option, len(d.Checklist))
	for i, it := range d.Checklist {
		mark := s.t("not done")
		if it.Ticked {
			mark = s.t("done")
		}
		opts[i] = option{id: it.Step.ID, label: mark + ": " + it.Step.Text}
	}
	pick, err := s.choose(s.t("Which checklist step? Choosing one marks it done, or not done if it was done."), "", opts, true)
	if err != nil {
		if err == errBack {
			return nil // back to the result's menu, not a step of the walk
		}
		return err
	}
	it := d.Checklist[pick]
	ns, err := s.g.Tick(s.state, it.Step.ID, !it.Ticked)
	if err != nil {
		s.out.say(s.t("Not changed: ") + err.Error())
		return nil
	}
	s.state = ns
	if it.Ticked {
		s.out.say(s.tf("Checklist step %d is marked not done.", pick+1))
	} else {
		s.out.say(s.tf("Checklist step %d is marked done.", pick+1))
	}
	return nil
}

// retestID is the live check worth re-running to test the fix: the last one that failed or
// warned, else the last one that ran, else the one the session started from.
func (s *session) retestID() string {
	var ran string
	for i := len(s.state.Checks) - 1; i >= 0; i-- {
		c := s.state.Checks[i]
		if !c.Live || c.Status == "skip" {
			continue
		}
		if c.Status == "fail" || c.Status == "warn" {
			return c.ID
		}
		if ran == "" {
			ran = c.ID
		}
	}
	if ran != "" {
		return ran
	}
	return s.fromProbe
}

func (s *session) retestFix() error {
	id := s.retestID()
	if ok, why := probe.Ready(s.probeConfig(id, false), id); !ok {
		s.out.say(s.tf("It cannot run: %s.", why))
		return nil
	}
	r, err := s.runProbe(id, false)
	if err != nil {
		return err
	}
	s.retest = s.checkLine(string(r.Status), r.Name, r.Summary)
	return nil
}

// about prints the rest of the entry: its summary, prevention and related entries.
func (s *session) about() {
	d, ok := s.g.Diagnose(s.state)
	if !ok {
		return
	}
	s.out.blank()
	s.out.say(s.tf("About %s: %s", d.Entry.Code, d.Entry.Summary))
	s.entryMore(d.Entry)
}

// reasons is a diagnosis's reasons in the session's language (lang.Reason: the program's
// sentences translated, a server's quoted words left as they are).
func (s *session) reasons(rs []string) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = s.l.Reason(r)
	}
	return out
}

// done counts the checklist steps ticked.
func done(d flow.Diagnosis) int {
	n := 0
	for _, it := range d.Checklist {
		if it.Ticked {
			n++
		}
	}
	return n
}
