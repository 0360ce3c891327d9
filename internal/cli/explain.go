package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

func newExplainCmd(env *appEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "explain CODE",
		Short: env.lang.T("Show an error entry: causes, resolution checklist, prevention"),
		Long: env.lang.T(`Show everything the reference knows about one error: its title and severity, where it
appears, its causes grouped by context, the resolution checklist, prevention tips and
related entries. CODE matches case-insensitively and by alias (e.g. 401, token_expired).`),
		Example: "  mubarokah-doctor explain invalid_grant\n  mubarokah-doctor explain 401 --json",
		Args:    exactlyOne("CODE", env.lang.T("an error code such as invalid_grant or 401")),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := env.catalogue()
			if err != nil {
				return err
			}
			e, ok := cat.Lookup(args[0])
			if !ok {
				return unknownCode(env, cat, args[0])
			}
			if asJSON {
				return writeJSON(env.stdout, e)
			}
			env.printer(env.stdout).Entry(e)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, env.lang.T("print the entry as one JSON object"))
	return cmd
}

// unknownCode is the exit-2 answer to a code the catalogue does not have.
func unknownCode(env *appEnv, cat *knowledge.Catalogue, code string) error {
	msg := env.lang.Tf("no entry for %q.", echoArg(code))
	if s := cat.Suggest(code, 3); len(s) > 0 {
		msg += env.lang.Tf(" Did you mean: %s?", strings.Join(s, ", "))
	}
	msg += env.lang.T(" Run 'mubarokah-doctor list' for every code, or 'mubarokah-doctor search TEXT'.")
	return &exitError{code: exitUsage, msg: msg}
}

// echoArg is a user's argument as it may be quoted back in a message: a token or secret
// pasted where a code was expected is masked, and a long argument is cut, so an error
// message neither gives a secret away nor floods the terminal.
func echoArg(s string) string {
	s = evidence.Scrub(redact.PrintableLine(s))
	if r := []rune(s); len(r) > 60 {
		return fmt.Sprintf("%s…(%d chars)", string(r[:40]), len(r))
	}
	return s
}
