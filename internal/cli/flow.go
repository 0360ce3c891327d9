package cli

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

func newFlowCmd(env *appEnv) *cobra.Command {
	var asJSON, mermaid, markdown bool
	cmd := &cobra.Command{
		Use:   "flow [NODE]",
		Short: env.lang.T("Show the troubleshooting flow: every step, question and choice id"),
		Long: env.lang.T(`Show the wizard's troubleshooting flow, the provider's General Troubleshooting Flow with
the questions below it. Node ids follow the provider's diagram (A, B, C1 ... Fix, Test,
Solved, Escalate); choice ids are what 'mubarokah-doctor walk' takes.

--json prints the graph as data; --mermaid draws it as a Mermaid flowchart; --markdown
writes the page docs/flow.md holds: the flowchart and the answers that reach each cause.
With a NODE id, only that node is shown.`),
		Example: "  mubarokah-doctor flow\n  mubarokah-doctor flow C2\n  mubarokah-doctor flow --json\n  mubarokah-doctor flow --mermaid > flow.mmd\n  mubarokah-doctor flow --markdown > docs/flow.md",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErr("flow takes at most one node id (such as C2); got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if n := btoi(asJSON) + btoi(mermaid) + btoi(markdown); n > 1 || n == 1 && len(args) == 1 {
				return usageErr("choose one of --json, --mermaid, --markdown and a node id")
			}
			g, err := graph(env)
			if err != nil {
				return err
			}
			if len(args) == 1 {
				n, ok := g.Node(args[0])
				if !ok {
					return usageErr("the flow has no node %q; 'mubarokah-doctor flow' lists them (ids such as A, C2, c2_grant)", echoArg(args[0]))
				}
				env.printer(env.stdout).Node(n)
				return nil
			}
			switch {
			case asJSON:
				data, err := g.JSON()
				if err != nil {
					return err
				}
				_, err = fmt.Fprintf(env.stdout, "%s\n", data)
				return err
			case mermaid:
				_, err := io.WriteString(env.stdout, g.Mermaid())
				return err
			case markdown:
				_, err := io.WriteString(env.stdout, g.Doc())
				return err
			}
			env.printer(env.stdout).Outline(g)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.lang.T("print the graph as JSON: nodes with id, kind, text, next or choices, results"))
	cmd.Flags().BoolVar(&mermaid, "mermaid", false, env.lang.T("print the graph as a Mermaid flowchart"))
	cmd.Flags().BoolVar(&markdown, "markdown", false, env.lang.T("print docs/flow.md: the flowchart and the answers that reach each cause"))
	return cmd
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
