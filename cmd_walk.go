package main

import "github.com/spf13/cobra"

// newWalkCmd and newFlowCmd are built with the flow graph.
func newWalkCmd(env *appEnv) *cobra.Command {
	return &cobra.Command{Use: "walk", Short: "Replay the wizard (not built yet)", Hidden: true,
		RunE: func(*cobra.Command, []string) error { return usageErr("walk is not built yet") }}
}

func newFlowCmd(env *appEnv) *cobra.Command {
	return &cobra.Command{Use: "flow", Short: "Export the flow graph (not built yet)", Hidden: true,
		RunE: func(*cobra.Command, []string) error { return usageErr("flow is not built yet") }}
}
