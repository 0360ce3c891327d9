package line

import (
	"cmp"
	"errors"
	"strconv"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// liveChecks runs every live check against the configured target, asking first for the
// ones that spend something, and says what each found. A failed or warning check can
// start a session with its evidence.
func (s *session) liveChecks() error {
	s.out.blank()
	s.out.say(s.tf("Live checks against %s.", s.cfg.BaseURL))
	cfg := *s.cfg
	for _, p := range probe.Consenting() {
		if ok, _ := probe.Ready(cfg.Allowing(p.ID), p.ID); !ok || cfg.Allows(p.ID) {
			continue // it could not run anyway, or the settings allow it already
		}
		yes, err := s.consent(p)
		if err != nil {
			return err
		}
		if yes {
			cfg = cfg.Allowing(p.ID)
		}
	}
	s.out.say(s.t("Running every check. This can take a few seconds; Ctrl+C stops them."))
	rs := s.prober.RunAll(s.ctx, cfg, probe.IDs())
	if err := s.ctx.Err(); err != nil {
		return err
	}
	counts := map[probe.Status]int{}
	var failed []probe.Result
	for i := range rs {
		rs[i].Diagnose(s.cat)
		r := rs[i]
		counts[r.Status]++
		s.out.blank()
		s.out.say(s.tf("Check %d of %d.", i+1, len(rs)))
		s.sayProbe(r)
		if d := r.Diagnosis; d != nil {
			line := s.tf("Points to %s.", d.Code)
			if d.Title != "" {
				line += " " + strings.TrimSuffix(d.Title, ".") + "."
			}
			if len(d.Causes) > 0 {
				line += s.tf(" Likeliest cause: %s.", d.Causes[0])
			}
			s.out.say(line)
		}
		if (r.Status == probe.Fail || r.Status == probe.Warn) && !r.Obs.Empty() {
			failed = append(failed, r)
		}
	}
	s.out.blank()
	s.out.say(s.tf("Done: %d passed, %d warnings, %d failed, %d skipped.",
		counts[probe.Pass], counts[probe.Warn], counts[probe.Fail], counts[probe.Skip]))
	if len(failed) == 0 || s.g == nil {
		return nil
	}
	var opts []option
	for _, r := range failed {
		opts = append(opts, option{id: r.ID, label: s.tf("Diagnose %s in a new session.", cmp.Or(r.Name, r.ID))})
	}
	opts = append(opts, option{id: "home", label: s.t("Go back to the home menu.")})
	pick, err := s.choose(s.t("Diagnose a check that did not pass?"), "", opts, true)
	switch {
	case errors.Is(err, errBack):
		return nil
	case err != nil:
		return err
	case pick == len(failed):
		return nil
	}
	r := failed[pick]
	return s.startWalk(false, r.ID, &r.Obs)
}

// reference looks an error up by its code, an alias, an HTTP status or words, and reads
// the whole entry.
func (s *session) reference() error {
	for {
		s.out.blank()
		q, err := s.ask(s.t("Type an error code, an HTTP status or words from the error (Enter alone goes back, l lists every error):"), false)
		if err != nil {
			return err
		}
		switch strings.ToLower(q) {
		case "", cmdBack:
			return nil
		case cmdQuit:
			return s.quit()
		case "l":
			opts := make([]option, len(s.cat.Entries))
			for i, e := range s.cat.Entries {
				opts[i] = option{id: e.Code, label: e.Code + ": " + strings.TrimSuffix(e.Title, ".") + "."}
			}
			pick, err := s.choose(s.t("Every error in the reference:"), "", opts, true)
			if errors.Is(err, errBack) {
				continue
			}
			if err != nil {
				return err
			}
			s.entry(s.cat.Entries[pick])
			continue
		}
		if e, ok := s.cat.Lookup(q); ok {
			s.entry(e)
			continue
		}
		found := s.cat.Search(q)
		if len(found) == 0 {
			s.out.say(s.tf("Nothing in the reference matches %q.", shown(q)))
			if near := s.cat.Suggest(q, 3); len(near) > 0 {
				s.out.say(s.tf("Did you mean %s?", strings.Join(near, s.t(", or "))))
			}
			continue
		}
		found = found[:min(len(found), 9)]
		opts := make([]option, len(found))
		for i, r := range found {
			opts[i] = option{id: r.Entry.Code, label: r.Entry.Code + ": " + strings.TrimSuffix(r.Entry.Title, ".") + "."}
		}
		pick, err := s.choose(s.tf("%d %s match %q:", len(found), s.plural(len(found), lang.N("error"), lang.N("errors")), shown(q)), "", opts, true)
		if errors.Is(err, errBack) {
			continue
		}
		if err != nil {
			return err
		}
		s.entry(found[pick].Entry)
	}
}

// entry reads a whole entry: what it is, every cause by context, every step, then the rest.
func (s *session) entry(e *knowledge.Entry) {
	s.out.blank()
	s.out.say(s.tf("Error: %s. %s.", e.Code, strings.TrimSuffix(e.Title, ".")))
	line := s.t("Severity: ") + s.severity(e.Severity)
	if e.SeverityNote != "" {
		line += " (" + e.SeverityNote + ")"
	}
	if len(e.HTTPStatus) > 0 {
		var codes []string
		for _, c := range e.HTTPStatus {
			codes = append(codes, strconv.Itoa(c))
		}
		line += s.tf(". HTTP status %s", strings.Join(codes, s.t(" or ")))
	}
	s.out.say(line + ".")
	if len(e.AppearsAt) > 0 {
		var at []string
		for _, p := range e.AppearsAt {
			at = append(at, s.place(p))
		}
		s.out.say(s.t("Appears at: ") + strings.Join(at, "; ") + ".")
	}
	if len(e.Aliases) > 0 {
		s.out.say(s.t("Also known as: ") + strings.Join(e.Aliases, ", ") + ".")
	}
	s.out.say(e.Summary)
	s.out.blank()
	s.out.say(s.tf("Causes: %d.", len(e.Causes)))
	ctx := "-"
	for i, c := range e.Causes {
		if c.Context != ctx {
			ctx = c.Context
			if t := e.ContextTitle(ctx); t != "" {
				s.out.say(strings.TrimSuffix(t, ".") + ":") // a heading over the causes of one context
			}
		}
		s.out.say(s.tf("Cause %d of %d: %s", i+1, len(e.Causes), c.Text))
		s.out.say(s.tf("  Cause id: %s.", c.ID))
	}
	s.out.blank()
	s.out.say(s.tf("Resolution steps: %d.", len(e.Steps)))
	for i, st := range e.Steps {
		s.out.say(s.tf("Step %d of %d: %s", i+1, len(e.Steps), st.Text))
	}
	s.out.blank()
	s.entryMore(e)
}

// entryMore reads the rest of an entry: prevention and related entries (the summary too
// when it was not read with the causes).
func (s *session) entryMore(e *knowledge.Entry) {
	if len(e.Prevention) > 0 {
		s.out.say(s.tf("Prevention: %d %s.", len(e.Prevention), s.plural(len(e.Prevention), lang.N("tip"), lang.N("tips"))))
		for i, p := range e.Prevention {
			s.out.say(s.tf("Tip %d: %s", i+1, p))
		}
	}
	if len(e.Related) > 0 {
		s.out.say(s.tf("Related errors: %s. Look them up from the home menu's reference.", strings.Join(e.Related, ", ")))
	}
}

// settings lists the settings in use, secrets masked, each with where it came from and
// what is wrong with it, and lets the person change one for this session.
func (s *session) settings() error {
	for {
		s.out.blank()
		s.out.say(s.t("The settings in use, for the live checks. A change here lasts for this session; flags (see --help), the environment or a .env file set them for good."))
		problems := map[string]config.Problem{}
		for _, p := range s.cfg.Validate() {
			if _, seen := problems[p.Key]; !seen {
				problems[p.Key] = p
			}
		}
		list := config.Settings()
		opts := make([]option, 0, len(list)+1)
		for _, l := range s.cfg.Describe() {
			line := l.Key + ": " + cmp.Or(l.Value, s.t("not set"))
			if l.Value != "" {
				line += s.tf(", from %s", s.t(l.Source))
			}
			if p, bad := problems[l.Key]; bad {
				if p.Warning {
					line += s.tf(". Warning: it %s", p.Msg)
				} else {
					line += s.tf(". Problem: it %s", p.Msg)
				}
				if p.Want != "" {
					line += s.tf("; want %s", p.Want)
				}
			}
			opts = append(opts, option{id: l.Key, label: line + "."})
		}
		other := otherLang(s.l)
		opts = append(opts, option{id: "lang", label: s.tf("Language: %s. Choose this to switch to %s.", s.l.Name(), other.Name())},
			option{id: "home", label: s.t("Go back to the home menu.")})
		pick, err := s.choose(s.t("Choose a setting to change it, or go back:"), "", opts, true)
		switch {
		case errors.Is(err, errBack):
			return nil
		case err != nil:
			return err
		case pick == len(list)+1:
			return nil
		case pick == len(list):
			if err := s.switchLang(other); err != nil {
				s.out.say(s.tf("The language stays as it is: %s.", err.Error()))
				continue
			}
			s.out.say(s.t("The session now speaks English."))
			continue
		}
		if err := s.changeSetting(list[pick]); err != nil {
			return err
		}
	}
}

// changeSetting asks for a setting's new value (a secret without echo) until it is one the
// configuration takes; Enter alone keeps the value it has.
func (s *session) changeSetting(set config.Setting) error {
	for {
		prompt := s.tf("New value for %s", set.Key)
		if set.Want != "" {
			prompt += " (" + s.t(set.Want) + ")"
		}
		if set.Secret {
			prompt += s.t(". It is a secret: it is not shown")
		}
		v, err := s.ask(prompt+s.t(". Enter alone keeps it as it is:"), set.Secret)
		if err != nil {
			return err
		}
		if v == "" {
			s.out.say(s.tf("%s is unchanged.", set.Key))
			return nil
		}
		if set.Secret {
			s.secrets.Add(v)
		}
		if err := s.cfg.Set(set.Key, v, config.Source{Kind: config.FromSet}); err != nil {
			s.out.say(s.tf("Not changed: %s.", err.Error()))
			continue
		}
		s.cfg.AddSecrets(s.secrets) // the old value stays in the set: it is still a secret
		for _, p := range s.cfg.Validate() {
			if p.Key == set.Key {
				line := s.tf("%s is set for this session, but it %s", set.Key, p.Msg)
				if p.Want != "" {
					line += s.tf("; want %s", p.Want)
				}
				s.out.say(line + ".")
				return nil
			}
		}
		s.out.say(s.tf("%s is set for this session.", set.Key))
		return nil
	}
}
