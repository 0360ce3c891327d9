package main

import (
	"context"
	"fmt"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// scenario is one recording: the provider's faults, how the app misbehaves, and what the
// person at the browser does.
type scenario struct {
	name   string
	about  string
	faults []string         // sandbox faults from the start
	setup  func(*appConfig) // the app's bugs; nil: a correct app
	drive  func(r *run) error
	fosite bool // against conformance/'s fosite server instead of the sandbox
}

// run is one scenario in progress.
type run struct {
	tab *tab
	app *app
	p   *provider
}

var (
	consent = chromedp.CSS(`button[value=approve]`)
	cancel  = chromedp.CSS(`button[value=deny]`)
	signin  = chromedp.CSS(`#signin`)
	outcome = chromedp.CSS(`#outcome`)
)

// serverSignIn signs in to the server-side app: its link, the consent page, a decision.
func (r *run) serverSignIn(decision chromedp.CSS) error {
	return r.tab.do(chromedp.Navigate(r.app.base+"/"), chromedp.Click(signin), chromedp.WaitVisible(consent),
		chromedp.Click(decision))
}

// serverStart only clicks the app's sign-in link: the provider answers without a page to act on.
func (r *run) serverStart() error {
	return r.tab.do(chromedp.Navigate(r.app.base+"/"), chromedp.Click(signin))
}

// spaSignIn signs in to the single-page app and waits for its script to say how it went.
func (r *run) spaSignIn() error {
	return r.tab.do(chromedp.Navigate(r.app.base+"/spa"), chromedp.Click(signin), chromedp.WaitVisible(consent),
		chromedp.Click(consent), chromedp.WaitVisible(outcome))
}

func approve(r *run) error { return r.serverSignIn(consent) }
func spa(r *run) error     { return r.spaSignIn() }

// sandboxScenarios are recorded against the product's sandbox. Each file is named after
// the scenario.
var sandboxScenarios = []scenario{
	{name: "confidential_ok", about: "server-side app (confidential client): sign-in, consent, callback; the code exchange happens on the app's server",
		drive: approve},
	{name: "spa_ok", about: "single-page app (PKCE S256): sign-in, consent, callback, code exchange and /api/user from the browser",
		drive: spa},
	{name: "user_denied", about: "server-side app: the person presses Cancel on the consent page",
		drive: func(r *run) error { return r.serverSignIn(cancel) }},
	{name: "code_reused", about: "single-page app: the code exchange runs twice; the second is refused",
		setup: func(c *appConfig) { c.exchangeTwice = true }, drive: spa},
	{name: "pkce_mismatch", about: "single-page app: the callback page sends a new code_verifier instead of the saved one",
		setup: func(c *appConfig) { c.freshVerifier = true }, drive: spa},
	{name: "redirect_uri_mismatch", about: "single-page app: the token request's redirect_uri has a trailing slash the authorize request did not",
		setup: func(c *appConfig) { c.tokenRedirectURI = "/spa/callback/" }, drive: spa},
	{name: "state_changed", about: "server-side app: sign-in started twice in one tab; Back twice and Authorize on the first consent page; the app holds the second state",
		drive: stateChanged},
	{name: "state_missing", about: "server-side app: the sign-in link sends no state (a stateless redirect) but the callback checks one",
		setup: func(c *appConfig) { c.noState = true }, drive: approve},
	{name: "state_cookie_blocked", about: "server-side app: its session cookie is SameSite=Strict, so the callback from the provider's site comes back without it",
		setup: func(c *appConfig) { c.strictCookie = true }, drive: approve},
	{name: "unknown_client", about: "server-side app: a typo in the client id; the provider refuses the authorize request",
		setup: func(c *appConfig) { c.clientID = "5b1a6f6e-3c1d-4c9e-9a57-0d0c5a9d1e0l" }, drive: func(r *run) error { return r.serverStart() }},
	{name: "scope_unknown", about: "server-side app: asks for a scope the provider does not know; the provider redirects back with invalid_scope (no state)",
		setup: func(c *appConfig) { c.scope = "view-user email" }, drive: func(r *run) error { return r.serverStart() }},
	{name: "code_expired", about: "single-page app: the sandbox's code_expired fault refuses the exchange",
		faults: []string{"code_expired"}, drive: spa},
	{name: "token_expired", about: "single-page app: the sandbox's token_expired fault refuses /api/user",
		faults: []string{"token_expired"}, drive: spa},
	{name: "html_error", about: "single-page app: the provider breaks after the callback; the token endpoint answers a 500 HTML page",
		setup: func(c *appConfig) { c.onSPACallback = func() { _ = c.provider.setFaults("html_error") } }, drive: spa},
	{name: "server_error", about: "single-page app: the provider breaks after the callback; the token endpoint answers 500 server_error JSON",
		setup: func(c *appConfig) { c.onSPACallback = func() { _ = c.provider.setFaults("server_error") } }, drive: spa},
	{name: "confidential_exchange_failed", about: "server-side app: its server sends a wrong client secret; the exchange fails out of the browser's sight and the app answers 500",
		setup: func(c *appConfig) { c.backendSecret = "sandbox-demo-secret-0000000000000000" }, drive: approve},
}

// stateChanged starts a sign-in, leaves its consent page for the app and starts another,
// then goes Back twice to the first consent page and approves it.
func stateChanged(r *run) error {
	if err := r.tab.do(chromedp.Navigate(r.app.base+"/"), chromedp.Click(signin), chromedp.WaitVisible(consent)); err != nil {
		return fmt.Errorf("first sign-in: %w", err)
	}
	if err := r.tab.do(chromedp.Navigate(r.app.base+"/"), chromedp.Click(signin), chromedp.WaitVisible(consent)); err != nil {
		return fmt.Errorf("second sign-in: %w", err)
	}
	// Two entries back in one step, without waiting for a load event: a page restored from
	// the back/forward cache fires none.
	back := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		h, err := cdp.Call(ctx, t, page.GetNavigationHistory, cdp.Empty{})
		if err != nil {
			return err
		}
		if h.CurrentIndex < 2 {
			return fmt.Errorf("history has %d entries before this one, want 2", h.CurrentIndex)
		}
		_, err = cdp.Call(ctx, t, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: h.Entries[h.CurrentIndex-2].ID})
		return err
	})
	if err := r.tab.do(back); err != nil {
		return fmt.Errorf("going back: %w", err)
	}
	time.Sleep(500 * time.Millisecond) // the old page must replace the current one first
	// chromedp's DOM view goes stale on a page the back/forward cache restores, so the
	// button is pressed from the page's own script.
	_, err := chromedp.Run(r.tab.ctx, chromedp.Evaluate[bool](`(() => { const b = document.querySelector("button[value=approve]"); if (!b) return false; b.click(); return true; })()`))
	if err != nil {
		return fmt.Errorf("approving the first consent page: %w", err)
	}
	return nil
}
