package flow

import (
	"net/http"
	"net/url"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// toolLine names the program, its version and the system it runs on, for a ticket.
func toolLine(l lang.Lang, tool string) string {
	if tool == "" {
		tool = "mubarokah-doctor"
		if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
			tool += " " + info.Main.Version
		}
	}
	return l.Tf("%s on %s/%s", tool, runtime.GOOS, runtime.GOARCH)
}

// failureTime is when the evidence says the failure happened, and what dates it: the Date
// header of a pasted answer first (the customer's own failure), else of the answer a live
// check reproduced it with.
func failureTime(l lang.Lang, s State) (string, string, bool) {
	for _, ev := range s.Evidence {
		if ev.Source == "paste" && ev.LoggedAt != "" {
			return ev.LoggedAt, l.T("the stamp of the log line pasted"), true
		}
	}
	for _, source := range []string{"paste", "probe"} {
		for _, ev := range s.Evidence {
			if ev.Source != source {
				continue
			}
			if d := ev.Obs.Headers["date"]; d != "" {
				if t, err := http.ParseTime(d); err == nil {
					at := t.UTC().Format(time.RFC3339)
					if source == "paste" {
						return at, l.T("the Date of the answer pasted"), true
					}
					return at, l.T("the Date of the answer a live check got"), true
				}
			}
		}
	}
	return "", "", false
}

// replayLine is the walk command that gives the same answers: with --live when the session
// began from live checks, which run again with the same settings.
func replayLine(s State) string {
	line := "mubarokah-doctor walk"
	if slices.ContainsFunc(s.Moves, func(m Move) bool { return m.Kind == EventLive }) {
		line += " --live"
	}
	if a := s.Answers(); len(a) > 0 {
		line += " --answers " + strings.Join(a, ",")
	}
	return line
}

// seenInEvidence lists the servers (scheme and host) and client ids the evidence's URLs
// name, each once, in the order read.
func seenInEvidence(s State) (bases, clients []string) {
	add := func(list []string, v string) []string {
		if v != "" && !slices.Contains(list, v) {
			return append(list, v)
		}
		return list
	}
	for _, ev := range s.Evidence {
		// A Location may be the application's own callback: only its client_id counts.
		for i, raw := range []string{ev.Obs.URL, ev.Obs.Location} {
			u, err := url.Parse(raw)
			if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
				continue
			}
			if i == 0 {
				bases = add(bases, u.Scheme+"://"+u.Host)
			}
			clients = add(clients, u.Query().Get("client_id"))
		}
	}
	return bases, clients
}
