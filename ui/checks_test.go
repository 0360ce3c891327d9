package ui

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

// TestLiveCheckRowsShowTheirOwnProgress: while a run is under way, a check that is done
// shows its own result at once; the others still say they wait.
func TestLiveCheckRowsShowTheirOwnProgress(t *testing.T) {
	m := testModel(t, 120, 40, withLive(t, &fakeProber{}))
	m = send(t, m, press("3"))
	c := screenOf[checks](m, screenChecks)
	c.running, c.seq, c.partial = true, 7, map[string]probe.Result{}
	sc, _, _ := c.Update(checkRowMsg{seq: 7, result: probe.Result{ID: probe.IDDNS, Name: "DNS", Status: probe.Fail, Summary: "no such host"}})
	sc, _, _ = sc.Update(checkRowMsg{seq: 6, result: probe.Result{ID: probe.IDClock, Status: probe.Pass, Summary: "stale run"}})
	view := sc.View()
	var dns, clock string
	for _, l := range strings.Split(view, "\n") {
		switch {
		case strings.Contains(l, "dns "):
			dns = l
		case strings.Contains(l, "clock "):
			clock = l
		}
	}
	if !strings.Contains(dns, "fail") || !strings.Contains(dns, "no such host") {
		t.Errorf("the finished check's row is %q, want its own result", dns)
	}
	if !strings.Contains(clock, "wait") || strings.Contains(clock, "stale run") {
		t.Errorf("a check still running (and a stale run's result) shows as %q", clock)
	}
}
