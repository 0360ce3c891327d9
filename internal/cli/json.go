package cli

import (
	"encoding/json"
	"io"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
)

// writeJSON writes v indented, ending with a newline, with C1 controls escaped as
// encoding/json does not (see redact.JSONSafe). Output that may quote a secret goes through
// appEnv.printJSON instead.
func writeJSON(w io.Writer, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, redact.JSONSafe(string(data))+"\n")
	return err
}

// exactlyOne is cobra.ExactArgs with a message that says what is wanted.
func exactlyOne(name, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usageErr("%s needs exactly one %s (%s); got %d arguments", cmd.Name(), name, what, len(args))
		}
		return nil
	}
}
