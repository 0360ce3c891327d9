//go:build !linux

package line

// echoOff is a no-op where the terminal's modes are not set here: the paste is echoed.
func echoOff(int) (restore func()) { return func() {} }
