package main

import "github.com/spf13/cobra"

// addWizardFlags adds the flags of the interactive wizard to the root command.
func addWizardFlags(root *cobra.Command, env *appEnv) {}

// runWizard opens the TUI on a terminal; elsewhere it prints help.
func runWizard(cmd *cobra.Command, env *appEnv) error {
	return cmd.Help()
}
