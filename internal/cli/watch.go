package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/internal/watch"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

type watchOpts struct {
	asJSON    bool
	fromStart bool
	idle      time.Duration
	poll      time.Duration
}

func newWatchCmd(env *appEnv) *cobra.Command {
	var o watchOpts
	cmd := &cobra.Command{
		Use:   "watch [FILE|-]",
		Short: env.lang.T("Follow an application's log and name each OAuth error as it happens"),
		Long: env.lang.T(`Follow a log as it is written and print one line per OAuth error in it, as it comes:
its time, the catalogue entry, the leading cause and the evidence in a few words, with
secrets masked. FILE is followed like tail -F (from its end unless --from-start; a rotated
or truncated file is followed on); - or no FILE reads stdin to its end.

A record that spans several lines (a Laravel error with its wrapped response body and stack
trace) is read as one. Each record is diagnosed as 'diagnose' would read it. The same error
again and again is printed once, then "the same again" with a count when the run ends.
--json prints one JSON object per line: {"event":"error",...} and {"event":"repeat",...}.

Stop it with ctrl+c; it then says how many records and errors it read.`),
		Example: `  docker logs -f app 2>&1 | mubarokah-doctor watch -
  mubarokah-doctor watch storage/logs/laravel.log
  mubarokah-doctor watch --from-start --json storage/logs/laravel.log | jq .entry`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := "-"
			if len(args) == 1 {
				name = args[0]
			}
			return runWatch(env, o, name)
		},
	}
	f := cmd.Flags()
	f.BoolVar(&o.asJSON, "json", false, env.lang.T("print one JSON object per line"))
	f.BoolVar(&o.fromStart, "from-start", false, env.lang.T("read what FILE already holds before following it"))
	f.DurationVar(&o.idle, "idle", 500*time.Millisecond, env.lang.T("how long a record waits for more lines before it is read as complete"))
	f.DurationVar(&o.poll, "poll", 250*time.Millisecond, env.lang.T("how often FILE is looked at for new lines and rotation"))
	_ = f.MarkHidden("poll")
	return cmd
}

func runWatch(env *appEnv, o watchOpts, name string) error {
	if o.idle <= 0 || o.poll < 0 {
		return usageErr("--idle must be above 0 (e.g. 500ms)")
	}
	cat, err := env.catalogue()
	if err != nil {
		return err
	}
	ctx := env.context()
	var in io.Reader
	switch {
	case name == "-":
		if env.stdin == nil || isTerminal(env.stdin) {
			return usageErr("watch - reads a log piped on stdin (docker logs -f app 2>&1 | mubarokah-doctor watch -); " +
				"to follow a file, give its name")
		}
		in = env.stdin
	default:
		f, err := watch.Follow(ctx, name, o.fromStart, o.poll)
		if err != nil {
			var fe *watch.FileError
			if errors.As(err, &fe) {
				return usageErr("cannot follow %s: %v", name, fe.ProblemIn(env.lang))
			}
			return usageErr("cannot follow %s: %v", name, strings.TrimPrefix(err.Error(), name+" "))
		}
		defer f.Close()
		in = f
		from := env.lang.T("its end (--from-start reads what it already holds)")
		if o.fromStart {
			from = env.lang.T("its start")
		}
		fmt.Fprint(env.stderr, env.lang.Tf("watching %s from %s; ctrl+c stops\n", redact.PrintableLine(name), from))
	}
	emit := func(r watch.Report) error {
		if o.asJSON {
			b, err := json.Marshal(r)
			if err != nil {
				return err
			}
			_, err = io.WriteString(env.stdout, env.secrets.Scrub(redact.JSONSafe(string(b)))+"\n")
			return err
		}
		_, err := io.WriteString(env.stdout, env.secrets.Scrub(watchLine(env.lang, r))+"\n")
		return err
	}
	st, err := watch.Run(ctx, in, watch.Options{Diagnose: watchDiagnosis(cat), Secrets: env.secrets, Now: env.now,
		Emit: emit, Idle: o.idle})
	fmt.Fprintln(env.stderr, watchSummary(env.lang, st))
	if errors.Is(err, context.Canceled) {
		return nil // ctrl+c is how a watch ends
	}
	if err != nil {
		return &exitError{code: exitProblem, msg: err.Error()}
	}
	return nil
}

// watchDiagnosis reads a record exactly as diagnose reads its evidence: the same parsers,
// the same catalogue match, nothing of its own.
func watchDiagnosis(cat *knowledge.Catalogue) watch.Diagnose {
	return func(record string, now time.Time) (knowledge.Observation, knowledge.Diagnosis) {
		obs, _, err := evidence.ParseAll(record, now)
		if err != nil || obs.Empty() {
			return obs, knowledge.Diagnosis{} // nothing read: no entry can fit
		}
		return obs, cat.Match(obs)
	}
}

// watchLine is one report for a person: time, entry, cause, evidence, where.
func watchLine(l lang.Lang, r watch.Report) string {
	cause := r.Cause
	if cause == "" {
		cause = "-"
	}
	at := r.Time.Format("2006-01-02 15:04:05")
	if r.Event == "repeat" {
		return l.Tf("%s  %s  %s  the same again: %d times in all since line %d, the last at %s",
			at, r.Entry, cause, r.Count, r.Line, r.Last.Format("15:04:05"))
	}
	return redact.PrintableLine(l.Tf("%s  %s  %s  %s  (line %d)", at, r.Entry, cause, r.Evidence, r.Line))
}

func watchSummary(l lang.Lang, st watch.Stats) string {
	s := l.Tf("watch read %d lines, %d records: %d OAuth errors", st.Lines, st.Records, st.Errors)
	if st.LongLines > 0 || st.DroppedBytes > 0 {
		s += l.Tf(" (%d lines over %s cut, %s of records beyond %s skipped)", st.LongLines,
			evidence.SizeText(watch.MaxLine), evidence.SizeText(st.DroppedBytes), evidence.SizeText(watch.MaxRecord))
	}
	return s
}
