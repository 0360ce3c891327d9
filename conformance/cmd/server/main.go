// Command server runs the conformance OAuth 2.0 server (ory/fosite) on 127.0.0.1 so a
// person can point mubarokah-doctor, or a browser, at it. It prints the clients it created,
// with their secrets: it is a local test server and the secrets die with it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/conformance/server"
)

func main() {
	port := flag.Int("port", 4444, "port on 127.0.0.1 to listen on (0 picks a free one)")
	errorPage := flag.Bool("error-page-redirect", false, "show authorize errors that cannot go back to the client by redirecting to the server's error page (as Ory Hydra does) instead of fosite's JSON")
	flag.Parse()
	if err := run(*port, *errorPage); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}

func run(port int, errorPage bool) error {
	if port < 0 || port > 65535 {
		return fmt.Errorf("--port %d is not a port number (0 to 65535)", port)
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return err
	}
	base := "http://" + ln.Addr().String()
	srv, err := server.New(base, server.Options{ErrorPageRedirect: errorPage})
	if err != nil {
		return err
	}
	fmt.Printf("OAuth 2.0 test server (ory/fosite) at %s\n", base)
	fmt.Printf("  discovery  %s%s\n  authorize  %s%s\n  token      %s%s\n  userinfo   %s%s\n",
		base, server.PathDiscovery, base, server.PathAuthorize, base, server.PathToken, base, server.PathUserInfo)
	fmt.Printf("  scopes     %s\n  redirect   %s, %s (any port)\n", strings.Join(srv.Scopes(), " "), server.RedirectURI, server.SecondRedirectURI)
	for _, c := range srv.Clients() {
		fmt.Printf("client %s (%s, scopes %s)\n  MUBAROKAH_CLIENT_ID=%s MUBAROKAH_CLIENT_SECRET=%s\n",
			c.ID, c.AuthMethod, strings.Join(c.Scopes, " "), c.ID, c.Secret)
	}
	fmt.Printf("try: mubarokah-doctor check --base-url %s --redirect-uri %s --auth-style basic (with the basic-app variables above)\n", base, server.RedirectURI)

	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	go func() { <-stop; _ = hs.Close() }()
	if err := hs.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
