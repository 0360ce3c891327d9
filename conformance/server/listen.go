package server

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Running is a server listening on 127.0.0.1.
type Running struct {
	*Server
	hs   *http.Server
	done chan error
}

// Listen starts a server on 127.0.0.1:port (0 picks a free port) whose issuer is the
// address it got. It serves until Close.
func Listen(port int, opts Options) (*Running, error) {
	if port < 0 || port > 65535 {
		return nil, fmt.Errorf("port %d is not a port number (0 to 65535)", port)
	}
	ln, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		return nil, err
	}
	srv, err := New("http://"+ln.Addr().String(), opts)
	if err != nil {
		ln.Close()
		return nil, err
	}
	r := &Running{Server: srv, hs: &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}, done: make(chan error, 1)}
	go func() { r.done <- r.hs.Serve(ln) }()
	return r, nil
}

// Close stops the server and returns why it stopped serving, nil when it was Close.
func (r *Running) Close() error {
	if err := r.hs.Close(); err != nil {
		return err
	}
	if err := <-r.done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
