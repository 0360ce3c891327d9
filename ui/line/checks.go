package line

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

// prefill is the setting that may already hold a check's input, so a person does not type
// a token twice (the full-screen wizard fills the same ones).
func (s *session) prefill(name string) string {
	switch name {
	case "client_id":
		return s.cfg.ClientID
	case "token":
		return s.cfg.AccessToken
	case "verifier":
		return s.cfg.CodeVerifier
	case "authorize":
		return s.cfg.RedirectURI
	}
	return ""
}

// check asks for an offline check's values one by one and runs it. Secret values are read
// without echo on a terminal and are never repeated back.
func (s *session) check(n *flow.Node) error {
	s.out.say(s.heading(n))
	pick, err := s.choose(n.Text, n.Help, []option{
		{id: "run", label: s.tf("Run the check; it asks for %s.", s.inputNames(n))},
		{id: "skip", label: s.t("Skip this check.")},
	}, true)
	if err != nil {
		return err
	}
	if pick == 1 {
		s.next(flow.Skip(s.t("not checked: no values given")))
		return nil
	}
	values := map[string]string{}
	for _, in := range n.Inputs {
		prompt := in.Label
		if in.Optional {
			prompt += s.t(" (optional, Enter leaves it out)")
		}
		if v := s.prefill(in.Name); v != "" {
			shownV := v
			if in.Secret {
				shownV = s.tf("set, %d characters", len([]rune(v)))
			}
			prompt += s.tf(" (Enter keeps the value from the settings: %s)", shownV)
		}
		if in.Secret {
			prompt += s.t(". It is a secret: it is not shown")
		}
		v, err := s.ask(prompt+":", in.Secret)
		if err != nil {
			return err
		}
		if v == "" {
			v = s.prefill(in.Name)
		}
		if in.Secret && v != "" {
			s.secrets.Add(v)
		}
		values[in.Name] = v
	}
	e, err := flow.RunCheck(n, values, s.now())
	if err != nil {
		s.out.say(s.tf("The check did not run: %s. Choose run to give the values again, or skip.", err.Error()))
		return nil // the same node is asked again
	}
	s.out.say(s.checkLine(string(e.Check.Status), e.Check.Name, e.Check.Summary))
	for _, d := range e.Check.Details {
		s.out.say("  " + d)
	}
	s.next(e)
	return nil
}

// inputNames lists what a check asks for, in words.
func (s *session) inputNames(n *flow.Node) string {
	var names []string
	for _, in := range n.Inputs {
		names = append(names, in.Label)
	}
	switch len(names) {
	case 0:
		return s.t("values")
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + s.t(" and ") + names[len(names)-1]
}

// checkLine says a check's outcome with its status as a word first, which a screen reader
// speaks and which needs no colour or mark to be understood.
func (s *session) checkLine(status, name, summary string) string {
	word := map[string]string{"pass": s.t("Passed"), "warn": s.t("Warning"), "fail": s.t("Failed"), "skip": s.t("Skipped")}[status]
	return fmt.Sprintf("%s: %s. %s", cmp.Or(word, status), name, summary)
}

// probeConfig is the settings for one run, with the consent given at the prompt.
func (s *session) probeConfig(id string, consent bool) config.Config {
	cfg := *s.cfg
	if consent {
		cfg = cfg.Allowing(id)
	}
	return cfg
}

// probeStep offers a live check: run it (asking first when it spends something), or skip
// it, with the reason when it cannot run.
func (s *session) probeStep(n *flow.Node) error {
	info, _ := probe.Lookup(n.Probe)
	s.introduce(n)
	s.out.say(s.tf("Live check: %s. Target: %s.", cmp.Or(info.Name, n.Probe), s.cfg.BaseURL))
	consent := info.Consent != nil
	if ok, why := probe.Ready(s.probeConfig(n.Probe, consent), n.Probe); !ok {
		pick, err := s.choose(s.tf("It cannot run: %s.", why), "", []option{
			{id: "skip", label: s.t("Skip it; the reason goes in the report.")},
		}, true)
		if err != nil {
			return err
		}
		_ = pick
		s.next(flow.Skip(why))
		return nil
	}
	pick, err := s.choose(s.t("Run it now?"), "", []option{
		{id: "run", label: s.t("Run it now.")},
		{id: "skip", label: s.t("Skip it.")},
	}, true)
	if err != nil {
		return err
	}
	if pick == 1 {
		s.next(flow.Skip(s.t("skipped by the person")))
		return nil
	}
	if info.Consent != nil {
		ok, err := s.consent(info)
		if err != nil {
			return err
		}
		if !ok {
			s.next(flow.Skip(s.tf("%s; not allowed", info.Consent.Risk)))
			return nil
		}
	}
	r, err := s.runProbe(n.Probe, consent)
	if err != nil {
		return err
	}
	s.next(flow.ProbeDone(r))
	return nil
}

// consent asks before a check that spends something (a code, a refresh token).
func (s *session) consent(info probe.Probe) (bool, error) {
	pick, err := s.choose(info.Consent.Warn+" "+info.Consent.Ask+"?", "", []option{
		{id: "yes", alias: "y", label: s.t("Yes, run it.")},
		{id: "no", alias: "n", label: s.t("No, keep it.")},
	}, false)
	return pick == 0, err
}

// runProbe runs one live check and says what it found. Ctrl+C stops it (and the program).
func (s *session) runProbe(id string, consent bool) (probe.Result, error) {
	info, _ := probe.Lookup(id)
	s.out.say(s.tf("Running %s. This can take a few seconds; Ctrl+C stops it.", cmp.Or(info.Name, id)))
	ctx, cancel := context.WithCancel(s.ctx)
	defer cancel()
	r := s.prober.Run(ctx, s.probeConfig(id, consent), id)
	if err := s.ctx.Err(); err != nil {
		return r, err
	}
	s.sayProbe(r)
	return r, nil
}

// sayProbe prints a live check's result: the status word, the name, the summary, and the
// details one per line.
func (s *session) sayProbe(r probe.Result) {
	s.out.say(s.checkLine(string(r.Status), cmp.Or(r.Name, r.ID), r.Summary))
	for _, d := range r.Details {
		s.out.say("  " + d)
	}
}
