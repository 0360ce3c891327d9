package cli

import (
	"github.com/spf13/cobra"
)

func newListCmd(env *appEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: env.lang.T("List every error entry: code, severity, where it appears, title"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cat, err := env.catalogue()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(env.stdout, cat.Entries)
			}
			env.printer(env.stdout).List(cat.Entries)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.lang.T("print an array of entry objects"))
	return cmd
}
