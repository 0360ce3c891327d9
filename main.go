// Command mubarokah-doctor is a troubleshooting wizard for applications that use "Login with
// Mubarokah ID". With no sub-command on a terminal it opens the wizard; its sub-commands print
// the error reference, diagnose pasted evidence, probe the provider and run a local sandbox.
// Everything is in internal/cli; this file only hands the exit code to the process.
package main

import (
	"os"

	"github.com/mubarokah/mubarokah-doctor/internal/cli"
)

func main() { os.Exit(cli.Main()) }
