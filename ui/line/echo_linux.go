//go:build linux

package line

import "golang.org/x/sys/unix"

// echoOff stops the terminal on fd echoing what is typed or pasted, lines still read whole
// (canonical mode stays, and ctrl+c and ctrl+d keep working), and returns what gives the
// echo back. It writes nothing to the terminal: the driver does it. Where fd is no terminal
// it does nothing.
func echoOff(fd int) (restore func()) {
	old, err := unix.IoctlGetTermios(fd, unix.TCGETS)
	if err != nil {
		return func() {}
	}
	quiet := *old
	quiet.Lflag &^= unix.ECHO
	if err := unix.IoctlSetTermios(fd, unix.TCSETS, &quiet); err != nil {
		return func() {}
	}
	return func() { _ = unix.IoctlSetTermios(fd, unix.TCSETS, old) }
}
