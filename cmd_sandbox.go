package main

import "github.com/spf13/cobra"

// newSandboxCmd is built in its own change (the local practice server).
func newSandboxCmd(env *appEnv) *cobra.Command {
	return &cobra.Command{Use: "sandbox", Short: "Run a local practice server (not built yet)", Hidden: true,
		RunE: func(*cobra.Command, []string) error { return usageErr("sandbox is not built yet") }}
}
