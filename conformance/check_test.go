package conformance

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/conformance/client"
	"github.com/mubarokah/mubarokah-doctor/conformance/server"
)

// TestCheckAgainstFosite runs every case and compares check's verdicts with the expected
// ones; cases in knownFailing are reported, not failed, until they pass.
func TestCheckAgainstFosite(t *testing.T) {
	servers := map[bool]*fixture{false: startServer(t, server.Options{}), true: startServer(t, server.Options{ErrorPageRedirect: true})}
	names := map[string]bool{}
	var mu sync.Mutex
	var table []string
	t.Run("cases", func(t *testing.T) {
		for _, c := range cases {
			if names[c.name] {
				t.Fatalf("two cases named %s", c.name)
			}
			names[c.name] = true
			t.Run(c.name, func(t *testing.T) {
				t.Parallel()
				line := runCase(t, servers[c.errorPage], c)
				mu.Lock()
				table = append(table, line)
				mu.Unlock()
			})
		}
	})
	for key := range knownFailing {
		if name, _, _ := strings.Cut(key, "/"); !names[name] {
			t.Errorf("knownFailing names %s, which is no case: remove it", key)
		}
	}
	sort.Strings(table)
	t.Logf("case | expected | seen | state\n%s", strings.Join(table, "\n"))
}

// runCase prepares the flow, runs the product and judges it; it returns one table line.
func runCase(t *testing.T, f *fixture, c checkCase) string {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	r, err := c.prepare(ctx, f)
	if err != nil {
		t.Fatalf("the flow before the check failed (a fault of the server or the harness): %v", err)
	}
	dir := t.TempDir()
	o, err := execute(ctx, dir, r)
	if err != nil {
		t.Fatalf("check could not be run: %v", err)
	}
	// A secret in the output is never a known failure.
	for _, l := range leaked(o.stdout+"\n"+o.stderr, append(r.secrets, savedToken(dir))) {
		t.Error(l)
	}
	problems, seen := compare(c, o)
	if r.saveRefresh {
		problems = append(problems, trySaved(ctx, r.app, dir)...)
	}
	var expected []string
	for _, v := range c.want {
		expected = append(expected, v.probe+"="+v.String())
	}
	state := "ok"
	reason, excused, rest := knownFailure(c.name, problems)
	if reason != "" && excused == 0 {
		t.Errorf("%s passes now where knownFailing says it fails: remove it from knownFailing", c.name)
		state = "FIXED (remove from knownFailing)"
	}
	switch {
	case len(rest) > 0:
		t.Errorf("check --json disagrees with the expected verdicts:\n  %s\nseen: %s", strings.Join(rest, "\n  "), strings.Join(seen, ", "))
		state = "FAIL"
	case excused > 0:
		t.Logf("known failing (%s):\n  %s", reason, strings.Join(problems, "\n  "))
		state = "known failing"
	}
	return fmt.Sprintf("%s | %s | %s | %s", c.name, strings.Join(expected, ", "), strings.Join(seen, ", "), state)
}

func savedToken(dir string) string {
	b, _ := os.ReadFile(filepath.Join(dir, "refresh-token"))
	return strings.TrimSpace(string(b))
}

// trySaved checks that the refresh token the product saved after rotating is the live
// one: the server refreshes with it.
func trySaved(ctx context.Context, app client.App, dir string) []string {
	saved := savedToken(dir)
	if saved == "" {
		return []string{"refresh: no rotated refresh token was saved to --save-refresh-token"}
	}
	if _, err := app.Refresh(ctx, saved); err != nil {
		return []string{"refresh: the saved refresh token does not work: " + err.Error()}
	}
	return nil
}
