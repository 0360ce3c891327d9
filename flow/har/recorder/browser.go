package main

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/debugger"
	"github.com/chromedp/chromedp"
)

// tab is a fresh headless Chromium (a new, empty profile) with one recorded tab.
type tab struct {
	ctx     context.Context
	rec     *recording
	version string // "Chromium 156.0.…" as the browser names itself
	stop    func()
}

// openTab starts Chromium with the flags this closed network needs: no background
// networking, no component updates, no sync, no QUIC, or it tries to reach Google's hosts.
func openTab(chromium string) (*tab, error) {
	dir, err := os.MkdirTemp("", "harrec-profile-")
	if err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.NoSandbox, // as root, Chromium refuses to start with its sandbox
		chromedp.DisableGPU,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		// localhost is the provider's name, 127.0.0.1 the app's: two sites, as in life.
		chromedp.Flag("host-resolver-rules", "MAP localhost 127.0.0.1"),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t := &tab{ctx: ctx, rec: newRecording(ctx)}
	t.stop = func() {
		cancel()
		acancel()
		_ = os.RemoveAll(dir)
	}
	if err := chromedp.Listen(ctx, t.rec.on); err != nil {
		t.stop()
		return nil, fmt.Errorf("starting %s: %w", chromium, err)
	}
	// DevTools has the debugger on, which gives script initiators their stack.
	if _, err := chromedp.Call(ctx, debugger.Enable, debugger.EnableParams{}); err != nil {
		t.stop()
		return nil, err
	}
	v, err := chromedp.CallBrowser(ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		t.stop()
		return nil, err
	}
	t.version = "Chromium " + regexp.MustCompile(`[0-9][0-9.]+`).FindString(v.Product)
	return t, nil
}

// finish waits for the page to fall quiet and for the bodies still being read, then
// builds the HAR.
func (t *tab) finish() *harFile {
	t.rec.settle(t.ctx, 800*time.Millisecond, 15*time.Second)
	t.rec.fetches.Wait()
	return t.rec.build(t.version)
}

// do runs browser actions with a time limit, so a page that never shows what is awaited
// fails the scenario instead of hanging the run.
func (t *tab) do(steps ...chromedp.Action[chromedp.Void]) error {
	ctx, cancel := context.WithTimeout(t.ctx, 20*time.Second)
	defer cancel()
	return chromedp.Do(ctx, steps...)
}
