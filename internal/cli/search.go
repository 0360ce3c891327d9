package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

func newSearchCmd(env *appEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search TEXT...",
		Short: env.lang.T("Find entries by code, title, cause, step, HTTP status or server message"),
		Example: "  mubarokah-doctor search refresh token revoked\n" +
			"  mubarokah-doctor search 403\n  mubarokah-doctor search \"Client authentication failed\"",
		Args: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(strings.Join(args, "")) == "" {
				return usageErr("%s", env.lang.T("search needs words to look for, such as 'refresh token revoked', 401 or invalid_grant"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := env.catalogue()
			if err != nil {
				return err
			}
			q := strings.Join(args, " ")
			results := cat.Search(q)
			if asJSON {
				type hit struct {
					Code    string   `json:"code"`
					Title   string   `json:"title"`
					Score   float64  `json:"score"`
					Matched []string `json:"matched"`
				}
				out := make([]hit, 0, len(results))
				for _, r := range results {
					out = append(out, hit{r.Entry.Code, r.Entry.Title, r.Score, r.Matched})
				}
				if err := writeJSON(env.stdout, out); err != nil {
					return err
				}
			} else if len(results) > 0 {
				env.printer(env.stdout).Search(results)
			}
			if len(results) == 0 {
				fmt.Fprintln(env.stderr, env.safeMessage(env.lang.Tf("nothing matches %q. Try fewer words, an HTTP status (401), "+
					"or a code (invalid_grant).", echoArg(q)), args))
				return silentExit(exitProblem)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.lang.T("print the results as JSON"))
	return cmd
}
