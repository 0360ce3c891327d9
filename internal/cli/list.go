package cli

import (
	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/ui"
)

func newListCmd(env *appEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every error entry: code, severity, where it appears, title",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cat, err := env.catalogue()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(env.stdout, cat.Entries)
			}
			p := ui.NewPrinter(env.stdout, env.environ)
			width := 0 // a pipe gets whole lines
			if p.TTY {
				width = p.Width
			}
			p.Print(ui.RenderList(cat.Entries, width, p.Text))
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print an array of entry objects")
	return cmd
}
