package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
	"github.com/mubarokah/mubarokah-doctor/ui"
)

// defaultSandboxAddr is where the sandbox listens unless told otherwise: this machine only.
const defaultSandboxAddr = "127.0.0.1:7050"

type sandboxFlags struct {
	addr, clientID, clientSecret string
	redirectURIs, faults         []string
	delay, exitAfter             time.Duration
	autoApprove, notApproved     bool
	quiet                        bool
}

func newSandboxCmd(env *appEnv) *cobra.Command {
	var f sandboxFlags
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: env.lang.T("Run a local practice Mubarokah ID server that can fail on demand"),
		Long: env.lang.T(`sandbox starts a local server with the provider's paths (/oauth/authorize, /oauth/token,
/api/user, /api/user/details, /api/logout-sso) and bodies, and a demo client. Point
'mubarokah-doctor check --base-url URL' at it from another terminal.

Faults make it fail in a documented way; set them with --fault (repeatable) or at run time:
  curl -X POST URL/_sandbox/fault -d fault=wrong_secret     (replace the set)
  curl -X DELETE URL/_sandbox/fault                          (clear it)
The control endpoint answers this machine only; listening on another address (--addr
0.0.0.0:7050), the sandbox prints a control token that other machines must send as
"Authorization: Bearer TOKEN".

Faults:
`) + faultList(env.lang),
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			// An empty --fault or --redirect-uri parses as no value at all; say so instead.
			for _, name := range []string{"fault", "redirect-uri"} {
				if v, _ := cmd.Flags().GetStringSlice(name); cmd.Flags().Changed(name) && len(v) == 0 {
					return usageErr("--%s needs a value; see --help", name)
				}
			}
			return runSandbox(env, f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.addr, "addr", defaultSandboxAddr, env.lang.T("address to listen on (host:port; port 0 picks a free one)"))
	fl.StringVar(&f.clientID, "client-id", sandbox.DemoClientID, env.lang.T("the demo client's id"))
	fl.StringVar(&f.clientSecret, "client-secret", "", env.lang.T("the demo client's secret (default: the sandbox's own demo secret)"))
	fl.StringSliceVar(&f.redirectURIs, "redirect-uri", []string{sandbox.DemoRedirectURI}, env.lang.T("registered redirect URIs (repeatable)"))
	fl.StringSliceVar(&f.faults, "fault", nil, env.lang.T("switch a fault on (repeatable, see the list above)"))
	fl.DurationVar(&f.delay, "delay", sandbox.DefaultDelay, env.lang.T("how long the slow fault waits before answering"))
	fl.BoolVar(&f.autoApprove, "auto-approve", false, env.lang.T("approve every authorization request without showing the consent page"))
	fl.BoolVar(&f.notApproved, "detail-not-approved", false, env.lang.T("start without admin approval for the detail-user scope"))
	fl.BoolVar(&f.quiet, "quiet", false, env.lang.T("do not log requests"))
	fl.DurationVar(&f.exitAfter, "exit-after", 0, env.lang.T("stop after this long (for scripts and tests)"))
	_ = fl.MarkHidden("exit-after")
	return cmd
}

func faultList(l lang.Lang) string {
	var b strings.Builder
	for _, name := range sandbox.Faults() {
		fmt.Fprintf(&b, "  %-25s %s\n", name, l.T(sandbox.FaultHelp(name)))
	}
	return b.String()
}

// checkSandboxFlags refuses values the sandbox cannot serve with, saying what would do.
func checkSandboxFlags(f sandboxFlags) error {
	for _, name := range f.faults {
		if strings.TrimSpace(name) == "" {
			return usageErr("--fault needs a fault name; known faults: %s", strings.Join(sandbox.Faults(), ", "))
		}
		if err := sandbox.CheckFault(strings.TrimSpace(name)); err != nil {
			return sandboxErr("%s", err)
		}
	}
	if f.delay <= 0 || f.delay > sandbox.MaxDelay {
		return usageErr("--delay %s must be positive and at most %s, e.g. 2s", f.delay, sandbox.MaxDelay)
	}
	for _, u := range f.redirectURIs {
		if err := sandbox.CheckRedirectURI(u); err != nil {
			return sandboxErr("--redirect-uri: %s", err)
		}
	}
	for name, v := range map[string]string{"--client-id": f.clientID, "--client-secret": f.clientSecret} {
		if strings.IndexFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
			return usageErr("%s must not contain spaces or control characters", name)
		}
	}
	if strings.TrimSpace(f.clientID) == "" {
		return usageErr("--client-id must not be empty; leave it out for the demo client %s", sandbox.DemoClientID)
	}
	return nil
}

// sandboxErr is a usage error for an option the sandbox refused, said in the language of
// the session when the sandbox gave its words (sandbox.Problem).
func sandboxErr(format string, err error) error {
	var p *sandbox.Problem
	if errors.As(err, &p) {
		return usageErr(format, p)
	}
	return usageErr(format, err)
}

func runSandbox(env *appEnv, f sandboxFlags) error {
	if err := checkSandboxFlags(f); err != nil {
		return err
	}
	host, _, err := net.SplitHostPort(f.addr)
	if err != nil {
		return usageErr("--addr %q is not host:port; want e.g. %s", f.addr, defaultSandboxAddr)
	}
	var secrets redact.Set
	userSecret := f.clientSecret != ""
	if userSecret {
		secrets.Add(f.clientSecret)
	}
	out := &lockedWriter{w: redact.Writer{W: env.stdout, Secrets: &secrets}}
	opts := sandbox.Options{ClientID: f.clientID, ClientSecret: f.clientSecret, RedirectURIs: f.redirectURIs,
		Faults: f.faults, Delay: f.delay, AutoApprove: f.autoApprove, DetailNotApproved: f.notApproved, Now: env.now}
	if !loopbackOnly(host) {
		// Other machines can reach it: only they who saw this token may change its faults.
		b := make([]byte, 16)
		if _, err := rand.Read(b); err != nil {
			return &exitError{code: exitInternal, msg: env.lang.Tf("cannot make a control token: %v", err)}
		}
		opts.AdminToken = hex.EncodeToString(b)
	}
	if !f.quiet {
		opts.Log = func(line string) { fmt.Fprintf(out, "%s %s\n", env.now().Format("15:04:05"), line) }
	}
	srv, err := sandbox.New(opts)
	if err != nil {
		return sandboxErr("%s", err)
	}
	l, err := net.Listen("tcp", f.addr)
	if err != nil {
		hint := ""
		if errors.Is(err, syscall.EADDRINUSE) {
			hint = env.lang.T(" (is another sandbox running? try --addr 127.0.0.1:0)")
		}
		return &exitError{code: exitProblem, msg: env.lang.Tf("cannot listen on %s: %v%s", f.addr, err, hint)}
	}
	base := "http://" + sandboxHost(l.Addr())
	if !loopbackOnly(host) {
		what := env.lang.T("its demo secret is public")
		if userSecret {
			what = env.lang.T("anyone who reaches it can try the secret you gave")
		}
		fmt.Fprint(env.stderr, env.lang.Tf("warning: the sandbox listens on %s, reachable from other machines; %s\n", f.addr, what))
	}
	c := srv.Client()
	banner := ui.SandboxBanner{Base: base, ClientID: c.ID, Secret: c.Secret, UserSecret: userSecret,
		RedirectURIs: c.RedirectURIs, Faults: srv.ActiveFaults(), AdminToken: opts.AdminToken}
	if userSecret {
		banner.Secret = redact.Mask(c.Secret) // the person's own value: never echoed whole
	}
	// The banner is written before any request can log a line; it masks the sandbox's own
	// secrets (the person's), not the session's.
	o := env.output(env.stdout)
	o.Secrets = &secrets
	ui.NewPrinter(o).Sandbox(banner)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if f.exitAfter > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, f.exitAfter)
		defer cancel()
	}
	if err := srv.Serve(ctx, l); err != nil {
		return &exitError{code: exitInternal, msg: env.lang.Tf("the sandbox stopped: %v", err)}
	}
	fmt.Fprintln(out, env.lang.T("sandbox stopped"))
	return nil
}

// loopbackOnly reports whether listening on host keeps the sandbox to this machine: a
// loopback IP or the name localhost. A wildcard ("", 0.0.0.0, ::) or any other name is not.
func loopbackOnly(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// sandboxHost is host:port to reach the listener from this machine. A wildcard address
// (0.0.0.0, ::) is named 127.0.0.1: check sends secrets over plain HTTP only to a loopback
// host, so the URL the banner suggests must be one.
func sandboxHost(a net.Addr) string {
	if ta, ok := a.(*net.TCPAddr); ok && ta.IP.IsUnspecified() {
		return net.JoinHostPort("127.0.0.1", strconv.Itoa(ta.Port))
	}
	return a.String()
}

// lockedWriter serialises writes from concurrent request logs.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
