package main

import "github.com/spf13/cobra"

func newExplainCmd(env *appEnv) *cobra.Command {
	return &cobra.Command{Use: "explain CODE", Args: cobra.ExactArgs(1), RunE: func(*cobra.Command, []string) error { return nil }}
}
func newListCmd(env *appEnv) *cobra.Command   { return &cobra.Command{Use: "list"} }
func newSearchCmd(env *appEnv) *cobra.Command { return &cobra.Command{Use: "search"} }
func newVersionCmd(env *appEnv) *cobra.Command {
	return &cobra.Command{Use: "version"}
}
