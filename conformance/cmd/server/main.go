// Command server runs the conformance OAuth 2.0 server (ory/fosite) on 127.0.0.1 so a
// person can point mubarokah-doctor, or a browser, at it. It prints the clients it created,
// with their secrets: it is a local test server and the secrets die with it.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/conformance/server"
)

func main() {
	port := flag.Int("port", 4444, "port on 127.0.0.1 to listen on (0 picks a free one)")
	errorPage := flag.Bool("error-page-redirect", false, "show authorize errors that cannot go back to the client by redirecting to the server's error page (as Ory Hydra does) instead of fosite's JSON")
	flag.Parse()
	srv, err := server.Listen(*port, server.Options{ErrorPageRedirect: *errorPage})
	if err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
	base := srv.Issuer()
	fmt.Printf("OAuth 2.0 test server (ory/fosite) at %s; Ctrl-C stops it\n", base)
	fmt.Printf("  discovery  %s%s\n  authorize  %s%s\n  token      %s%s\n  userinfo   %s%s\n",
		base, server.PathDiscovery, base, server.PathAuthorize, base, server.PathToken, base, server.PathUserInfo)
	fmt.Printf("  scopes     %s\n  redirect   %s, %s (any port)\n", strings.Join(srv.Scopes(), " "), server.RedirectURI, server.SecondRedirectURI)
	for _, c := range srv.Clients() {
		fmt.Printf("client %s (%s, scopes %s)\n  MUBAROKAH_CLIENT_ID=%s MUBAROKAH_CLIENT_SECRET=%s\n",
			c.ID, c.AuthMethod, strings.Join(c.Scopes, " "), c.ID, c.Secret)
	}
	fmt.Printf("try: mubarokah-doctor check --base-url %s --redirect-uri %s --auth-style basic (with the basic-app variables above)\n", base, server.RedirectURI)

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
	if err := srv.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "server:", err)
		os.Exit(1)
	}
}
