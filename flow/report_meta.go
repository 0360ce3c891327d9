package flow

import (
	"net/http"
	"net/url"
	"runtime"
	"runtime/debug"
	"slices"
	"time"
)

// toolLine names the program, its version and the system it runs on, for a ticket.
func toolLine(tool string) string {
	if tool == "" {
		tool = "mubarokah-doctor"
		if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
			tool += " " + info.Main.Version
		}
	}
	return tool + " on " + runtime.GOOS + "/" + runtime.GOARCH
}

// failureTime is when the evidence says the failure happened: the Date header of an
// answer that was pasted (the first one that has it).
func failureTime(s State) (time.Time, bool) {
	for _, ev := range s.Evidence {
		if ev.Source != "paste" {
			continue // a live check's Date is the check's own moment, not the failure's
		}
		if d := ev.Obs.Headers["date"]; d != "" {
			if t, err := http.ParseTime(d); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
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
