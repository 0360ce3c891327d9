//go:build !unix

package cli

import "testing"

func fifo(t *testing.T, _, _ string) string {
	t.Skip("named pipes are a Unix matter")
	return ""
}
