package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// Every probe that spends something has its consent flag, named and explained by the
// probe registry.
func TestCheckHasAConsentFlagPerSpendingProbe(t *testing.T) {
	cmd := newCheckCmd(newEnv(strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}, nil))
	for _, p := range probe.Consenting() {
		fl := cmd.Flags().Lookup(p.Consent.Flag)
		if fl == nil || fl.Usage != p.Consent.Help || fl.Value.Type() != "bool" {
			t.Errorf("%s: flag --%s = %+v, want a switch with the registry's help", p.ID, p.Consent.Flag, fl)
		}
		if !strings.Contains(cmd.Long, "--"+p.Consent.Flag) || !strings.Contains(cmd.Long, p.Consent.Risk) {
			t.Errorf("check's help does not explain --%s", p.Consent.Flag)
		}
	}
}

// On a terminal, check asks the registry's question for each spending probe it could run
// and was not allowed: y runs it, anything else skips it with the flag to pass.
func TestCheckAsksOnATerminalInTheRegistrysWords(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	st := newSandboxTarget(t, sandbox.Options{})
	// The answers wait in the terminal's input: yes to the code, no to the refresh.
	if _, err := ptmx.Write([]byte("y\nn\n")); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run([]string{"check", "--no-env-file", "--timeout", "5s", "--probe", probe.IDCodeExchange, "--probe", probe.IDRefresh},
		newEnv(tty, &out, &errOut, st.environ))
	if code != exitOK {
		t.Fatalf("exit %d: %s%s", code, out.String(), errOut.String())
	}
	for _, p := range probe.Consenting() {
		if !strings.Contains(errOut.String(), p.Consent.Ask+" [y/N]") {
			t.Errorf("check did not ask %q: %q", p.Consent.Ask, errOut.String())
		}
	}
	for _, want := range []string{
		check.Pass.Glyph() + " Exchange the authorization code",
		check.Skip.Glyph() + " Refresh the access token: a refresh may rotate the refresh token and revoke the old one; pass --refresh to allow it",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
