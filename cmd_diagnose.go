package main

import "github.com/spf13/cobra"

// newDiagnoseCmd is built in its own change (evidence parsers and the matcher).
func newDiagnoseCmd(env *appEnv) *cobra.Command {
	return &cobra.Command{Use: "diagnose", Short: "Diagnose pasted evidence (not built yet)", Hidden: true,
		RunE: func(*cobra.Command, []string) error { return usageErr("diagnose is not built yet") }}
}
