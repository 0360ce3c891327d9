package line

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// startWalk begins a new session and walks it until the person leaves for home or quits.
// "Diagnose step by step" passes the opening paste (the person chose to answer questions);
// a paste starts there; a live check's evidence is fed to the opening paste.
func (s *session) startWalk(paste bool, probeID string, obs *knowledge.Observation) error {
	if err := s.newWalk(paste, probeID, obs); err != nil {
		return err
	}
	return s.walk()
}

// newWalk replaces the session under way with a new one, asking first when the one under
// way is not saved (then the person may keep it).
func (s *session) newWalk(paste bool, probeID string, obs *knowledge.Observation) error {
	if s.unsaved() {
		pick, err := s.choose(s.t("A session is under way and not saved in a report. Start a new one?"), "", []option{
			{label: s.t("Start a new session; the current one is dropped.")},
			{label: s.t("Go back to the current session.")},
		}, false)
		if err != nil || pick == 1 {
			return err
		}
	}
	s.state, s.retest, s.fromProbe, s.walked, s.shown, s.passedPaste = s.g.Start(), "", "", true, "", false
	if n := s.node(); n != nil && n.Kind == flow.KindPaste {
		switch {
		case obs != nil:
			s.fromProbe = probeID
			s.out.say(s.tf("A new session starts from the live check %s.", probeID))
			s.next(flow.Paste(*obs))
		case !paste:
			s.passedPaste = s.next(flow.Skip(s.t("answering questions instead")))
		}
	}
	return nil
}

// node is the node the walk stands at, as it is asked: without the choices the session's
// evidence rules out (flow.Graph.Offered, as the full-screen wizard asks it).
func (s *session) node() *flow.Node {
	return s.g.Offered(s.state)
}

// walk asks the node the walk stands at, and the next, until the person leaves.
func (s *session) walk() error {
	for {
		n := s.node()
		if n == nil {
			return fmt.Errorf("the walk stands at %q, which is not in the flow", s.state.Node)
		}
		s.out.blank()
		var err error
		switch n.Kind {
		case flow.KindQuestion:
			err = s.question(n)
		case flow.KindPaste:
			err = s.paste(n)
		case flow.KindCheck:
			err = s.check(n)
		case flow.KindProbe:
			err = s.probeStep(n)
		default:
			err = s.result(n)
		}
		if errors.Is(err, errBack) {
			if !s.back() {
				// Back from the first step: nothing of this walk is left to keep.
				s.state, s.walked = s.g.Start(), false
				s.out.say(s.t("Back to the home menu."))
				return errHome
			}
			continue
		}
		if err != nil {
			return err
		}
	}
}

// back goes to the state before the last decision; false at the start of the walk.
func (s *session) back() bool {
	prev, ok := s.state.Back()
	if !ok || s.passedPaste && len(prev.Steps) == 0 {
		return false
	}
	s.state, s.shown = prev, ""
	s.out.say(s.t("Back one step."))
	return true
}

// next feeds an event to the flow and says what happened on the way: the steps the
// evidence answered by itself, and a jump the evidence made. A misfit says why.
func (s *session) next(e flow.Event) bool {
	ns, err := s.g.Next(s.state, e)
	if err != nil {
		s.out.say(s.t("That did not go through: ") + err.Error())
		return false
	}
	before := len(s.state.Steps)
	s.state = ns
	for _, st := range ns.Steps[min(before, len(ns.Steps)):] {
		switch {
		case st.Auto:
			s.out.say(s.tf("Step %d, %s, was answered by the evidence: %s. Why: %s.", st.Number, cmp.Or(st.Text, st.Node),
				cmp.Or(s.l.Reason(st.Label), s.l.Answer(st.Answer, "")), s.l.Reason(st.Why)))
		case st.Why != "":
			s.out.say(s.tf("The evidence goes straight to a result at step %d: %s.", st.Number, s.l.Reason(st.Why)))
		}
	}
	return true
}

// heading names the step about to be taken, as support reads it out: its number, the
// flow's node id and title.
func (s *session) heading(n *flow.Node) string {
	return s.tf("Step %d (%s).", len(s.state.Steps)+1, s.where(n))
}

// where is a node as a step's heading names it: its id, and its title when it has one of
// its own.
func (s *session) where(n *flow.Node) string {
	where := n.ID
	if n.Title != "" && n.Title != n.ID && n.Title != n.Text {
		where += ", " + n.Title
	}
	return where
}

func (s *session) question(n *flow.Node) error {
	s.out.say(s.heading(n))
	opts := make([]option, len(n.Choices))
	for i, c := range n.Choices {
		opts[i] = option{id: c.ID, label: c.Label}
	}
	pick, err := s.choose(n.Text, n.Help, opts, true)
	if err != nil {
		return err
	}
	s.next(flow.Answer(n.Choices[pick].ID))
	return nil
}

// introduce says the step about to be taken: its heading, the node's text and its help,
// for a step whose text is no menu's question (a paste, a live check).
func (s *session) introduce(n *flow.Node) {
	s.out.say(s.heading(n), n.Text)
	if n.Help != "" {
		s.out.say(n.Help)
	}
}

// hidesPaste says a paste is read without echo: presenter mode on a terminal.
func (s *session) hidesPaste() bool { return s.present && s.in.tty }

// Where a paste ends: a line with only this on it.
const pasteEnd = "."

// paste reads evidence as lines up to a line holding only a full stop, or the end of
// input. An empty first line skips the step; b or q alone on the first line go back or
// quit. The text goes to the flow's reader and no further; its secrets join the session's
// set before anything of it is printed.
func (s *session) paste(n *flow.Node) error {
	s.introduce(n)
	s.out.say(s.t("Paste or type the text, then press Enter and type a full stop (.) alone on the last line."),
		s.t("To skip this step, press Enter on an empty first line. b alone goes back, q alone quits, h alone is help."))
	if s.hidesPaste() {
		s.out.say(s.t("Presenter mode: what you paste is not shown while you paste it."))
	}
	for {
		text, err := s.readPaste()
		if s.hidesPaste() {
			s.out.blank() // the Enter that ended the paste was not echoed either
		}
		switch {
		case errors.Is(err, errQuit):
			if qerr := s.quit(); qerr != nil {
				return qerr
			}
			continue
		case errors.Is(err, errRepeat):
			continue
		case err != nil && !errors.Is(err, errEnd):
			return err
		}
		if strings.TrimSpace(text) == "" {
			if err != nil {
				return err // the input ended before anything was pasted
			}
			s.out.say(s.t("Skipped: nothing pasted."))
			s.next(flow.Skip(s.t("nothing pasted")))
			return nil
		}
		s.secrets.Add(evidence.Secrets(text)...)
		e, perr := flow.PasteText(text, s.now())
		if perr != nil {
			msg := perr.Error()
			if in, ok := perr.(interface{ In(lang.Lang) string }); ok {
				msg = in.In(s.l)
			}
			s.out.say(s.t("The paste was not read: ") + msg)
			if err != nil {
				return err
			}
			s.out.say(s.t("Paste it again, ending with a full stop alone on a line, or press Enter on an empty line to skip."))
			continue
		}
		lines := strings.Count(strings.TrimRight(text, "\n"), "\n") + 1
		s.out.say(s.tf("Read %d %s: %s.", lines, s.plural(lines, lang.N("line"), lang.N("lines")), s.describeObs(e.Obs)))
		s.next(e)
		// The input ended with the paste (no full stop): the flow has it; the next prompt
		// meets the end and the session ends there, cleanly.
		return nil
	}
}

// errRepeat is a paste prompt's command that was handled (help): the paste is asked again.
var errRepeat = errors.New("repeat")

// readPaste reads the lines of one paste. Its error is errBack or errQuit for those
// commands on the first line, errEnd when the input ended (with the text read so far).
func (s *session) readPaste() (string, error) {
	if s.hidesPaste() {
		// The screen is shared: the terminal does not echo the paste (the reader's
		// summary, masked, follows it).
		restore := echoOff(s.in.fd)
		defer restore()
	}
	var b strings.Builder
	for first := true; ; first = false {
		if first {
			s.out.prompt(s.t("Paste:"))
		}
		resp, err := s.in.line(s.ctx, false)
		if err != nil {
			if !s.in.tty || !first {
				s.out.blank()
			}
			return b.String(), err
		}
		l := resp.text
		if first {
			if !s.in.tty {
				s.out.blank()
			}
			switch strings.ToLower(strings.TrimSpace(l)) {
			case "":
				return "", nil
			case cmdBack:
				return "", errBack
			case cmdQuit:
				return "", errQuit
			case cmdHelp, "?":
				s.help(true)
				return "", errRepeat
			case cmdReport:
				if err := s.report(); err != nil {
					return "", err
				}
				return "", errRepeat
			}
		}
		if strings.TrimSpace(l) == pasteEnd {
			return b.String(), nil
		}
		if b.Len()+len(l) > maxLine {
			s.out.say(s.tf("The paste is over %s, the most that is read; the rest up to the full stop is dropped.", sizeText(maxLine)))
			for {
				resp, err := s.in.line(s.ctx, false)
				if err != nil || strings.TrimSpace(resp.text) == pasteEnd {
					return b.String(), err
				}
			}
		}
		b.WriteString(l)
		b.WriteByte('\n')
	}
}

// plural is one or many, in the session's language (Indonesian says both alike). Callers
// mark both words with lang.N, so the message file must hold them.
func (s *session) plural(n int, one, many string) string {
	if n == 1 {
		return s.t(one)
	}
	return s.t(many)
}

// place says where an entry appears, in words, as the full-screen wizard says it.
func (s *session) place(p knowledge.Place) string {
	switch p {
	case knowledge.PlaceAuthorizeRedirect:
		return s.t("authorize redirect (?error= on your callback)")
	case knowledge.PlaceAuthorizePage:
		return s.t("authorize page (shown to the user)")
	case knowledge.PlaceTokenEndpoint:
		return s.t("token endpoint (POST /oauth/token)")
	case knowledge.PlaceAPI:
		return s.t("API (/api/user, /api/user/details)")
	case knowledge.PlaceCallback:
		return s.t("your callback handler")
	case knowledge.PlaceTransport:
		return s.t("network (before any HTTP answer)")
	}
	return string(p)
}

// severity is an entry's severity as a word in the session's language.
func (s *session) severity(v knowledge.Severity) string {
	switch v {
	case knowledge.SeverityCritical:
		return s.t("critical")
	case knowledge.SeverityHigh:
		return s.t("high")
	case knowledge.SeverityMedium:
		return s.t("medium")
	case knowledge.SeverityLow:
		return s.t("low")
	case knowledge.SeverityInfo:
		return s.t("info")
	}
	return string(v)
}

// describeObs says what a paste was read as, in a sentence: the endpoint, the status, the
// error and the server's words (masked by the reader), and the facts found.
func (s *session) describeObs(o knowledge.Observation) string {
	if o.Empty() {
		return s.t("nothing was recognised in it; the questions that follow will narrow the error down")
	}
	var parts []string
	if o.Endpoint != "" {
		parts = append(parts, s.tf("the %s endpoint", string(o.Endpoint)))
	}
	if o.Status != 0 {
		parts = append(parts, s.tf("HTTP status %d", o.Status))
	}
	if o.Error != "" {
		parts = append(parts, s.tf("error %s", o.Error))
	}
	if o.Transport != "" {
		parts = append(parts, s.tf("a transport problem: %s", strings.TrimSpace(o.Transport+" "+o.TransportDetail)))
	}
	if o.Code != "" {
		parts = append(parts, s.tf("an authorization code, %s", o.Code))
	}
	if t := o.Token; t != nil {
		tok := s.tf("an access token, %s", t.Masked)
		if len(t.Scopes) > 0 {
			tok += s.tf(", with the scopes %s", strings.Join(t.Scopes, " "))
		}
		if t.ExpiresAt != nil {
			tok += s.tf(", expiring %s", t.ExpiresAt.UTC().Format("2006-01-02 15:04 UTC"))
		}
		parts = append(parts, tok)
	}
	for _, t := range []string{o.Hint, o.Description, o.Message} {
		if t != "" {
			parts = append(parts, s.tf("the server says \"%s\"", t)) // as it is: %q would add backslashes a reader speaks
			break
		}
	}
	for _, f := range o.Facts {
		parts = append(parts, cmp.Or(f.Detail, f.Name))
	}
	if len(parts) == 0 {
		return s.tf("read as %s", strings.Join(o.Sources, ", "))
	}
	return strings.Join(parts, "; ")
}
