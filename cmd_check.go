package main

import "github.com/spf13/cobra"

// newCheckCmd is built in its own change (live probes).
func newCheckCmd(env *appEnv) *cobra.Command {
	return &cobra.Command{Use: "check", Short: "Probe the provider (not built yet)", Hidden: true,
		RunE: func(*cobra.Command, []string) error { return usageErr("check is not built yet") }}
}
