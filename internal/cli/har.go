package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/har"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/inputfile"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// readHARFile reads the file --har names ("-" for stdin) up to har.MaxSize, far above the
// 1 MiB of other evidence: a recording of a whole sign-in is megabytes of scripts and
// pages around a few OAuth requests. The file is only read, never written back.
func readHARFile(env *appEnv, name string) (string, error) {
	if name == "-" {
		b, err := readStdinUpTo(env, har.MaxSize)
		if err != nil {
			return "", err
		}
		return string(b), nil
	}
	b, err := inputfile.Read(name, har.MaxSize)
	if err != nil {
		var refused *inputfile.Error
		if errors.As(err, &refused) && errors.Is(err, inputfile.ErrTooLarge) {
			return "", usageErr("%s %s: record only the sign-in (clear the network log, start recording, sign in, "+
				"export as HAR)", name, refused.Problem)
		}
		if errors.As(err, &refused) {
			return "", usageErr("%s %s; give --har the .har file the browser exported", name, refused.Problem)
		}
		return "", usageErr("cannot read the HAR file: %v", err)
	}
	return string(b), nil
}

// readStdinUpTo reads stdin for --har -, refusing more than limit bytes.
func readStdinUpTo(env *appEnv, limit int) ([]byte, error) {
	if env.stdin == nil {
		return nil, usageErr("--har - reads stdin, and there is none")
	}
	b, err := io.ReadAll(io.LimitReader(env.stdin, int64(limit)+1))
	if err != nil {
		return nil, usageErr("cannot read the HAR from stdin: %v", err)
	}
	if len(b) > limit {
		return nil, usageErr("the HAR on stdin is over %s: record only the sign-in", evidence.SizeText(limit))
	}
	return b, nil
}

// runHARDiagnose is diagnose over a HAR: the timeline of the sign-in, its first failing
// step with the HAR entry and the catalogue's cause, and any offline checks the flags ask
// for. Every secret the file holds joins the session's set before anything is printed.
func runHARDiagnose(env *appEnv, o diagnoseOpts, text string) error {
	cat, err := env.catalogue()
	if err != nil {
		return err
	}
	now := env.now()
	r, err := har.Read(text, cat, now)
	if errors.Is(err, har.ErrNotHAR) {
		return usageErr("the --har input is not a HAR: a HAR is a JSON object with log.version and log.entries; " +
			"export it from the browser's network panel (Save all as HAR / Export HAR)")
	}
	if err != nil {
		return usageErr("%v", err)
	}
	env.secrets.Add(r.Secrets...)
	obs := r.Obs
	checks, err := check.Plan(o.given(env.lang), evidence.Values{}, obs, now)
	if err != nil {
		return checkInputErr(err)
	}
	for _, c := range checks {
		obs.Merge(c.Obs)
	}
	d := r.Trace.Diagnosis
	if len(checks) > 0 || !r.Failed {
		d = cat.Match(obs)
	}
	if o.asJSON {
		err = env.printJSON(env.stdout, harOutput(env.lang, r.Trace, obs, d, checks))
	} else {
		_, err = io.WriteString(env.stdout, env.secrets.Scrub(redact.Printable(harText(env.lang, r.Trace))))
		if err == nil && r.Failed {
			env.printer(env.stdout).Diagnosis(obs, d, checks)
		}
	}
	if err != nil {
		return err
	}
	switch {
	case r.Failed && d.Fits():
		return nil
	case !r.Failed:
		return &exitError{code: exitProblem, msg: env.lang.Tf("no step of the sign-in went wrong in this HAR "+
			"(%d entries, %d OAuth steps): record the attempt that fails, with \"Preserve log\" on", r.Trace.Entries,
			len(r.Trace.Steps))}
	}
	return &exitError{code: exitProblem, msg: env.lang.Tf("step %d of the HAR (entry %d) failed, but no catalogue "+
		"entry fits what it shows", r.Trace.Failing+1, r.Trace.Steps[r.Trace.Failing].Entry)}
}

// harText is the trace for a person: the timeline, and the failing step named first, so
// the answer leads.
func harText(l lang.Lang, t har.Trace) string {
	var b strings.Builder
	if s, ok := t.FailingStep(); ok {
		fmt.Fprint(&b, l.Tf("The sign-in went wrong at step %d of %d: %s, HAR entry %d.\n\n", t.Failing+1, len(t.Steps), s.Kind, s.Entry))
	}
	b.WriteString(t.TimelineIn(l))
	b.WriteString(t.NotesTextIn(l))
	if _, ok := t.FailingStep(); !ok {
		b.WriteString(l.T("No step went wrong.\n"))
	}
	b.WriteString("\n")
	return b.String()
}

// failureJSON names the first step that went wrong, for a script that wants only that.
type failureJSON struct {
	Step    int    `json:"step"`  // 1-based, in the timeline
	Entry   int    `json:"entry"` // 1-based, in log.entries
	Kind    string `json:"kind"`
	Summary string `json:"summary"`
	Code    string `json:"code,omitempty"`  // the catalogue entry
	Cause   string `json:"cause,omitempty"` // its leading cause
}

// harJSON is diagnose --json over a HAR: the usual diagnosis of the failing step, with
// the trace and the failure beside it.
type harJSON struct {
	HAR     har.Trace    `json:"har"`
	Failure *failureJSON `json:"failure"`
	diagnosisJSON
}

func harOutput(l lang.Lang, t har.Trace, obs knowledge.Observation, d knowledge.Diagnosis, checks []check.Result) harJSON {
	out := harJSON{HAR: t, diagnosisJSON: diagnosisOutput(l, obs, d, checks)}
	if s, ok := t.FailingStep(); ok {
		f := &failureJSON{Step: t.Failing + 1, Entry: s.Entry, Kind: string(s.Kind), Summary: s.Summary}
		if m, ok := d.Best(); ok {
			f.Code = m.Entry.Code
			if len(m.Causes) > 0 {
				f.Cause = m.Causes[0].Cause.ID
			}
		}
		out.Failure = f
	}
	return out
}
