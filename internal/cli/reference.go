package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
	"github.com/mubarokah/mubarokah-doctor/ui"
)

// version is set at link time for releases (-ldflags "-X main.version=v1.2.3"); otherwise
// the module version or VCS revision from the build info is shown.
var version = ""

func newExplainCmd(env *appEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "explain CODE",
		Short: "Show an error entry: causes, resolution checklist, prevention",
		Long: `Show everything the reference knows about one error: its title and severity, where it
appears, its causes grouped by context, the resolution checklist, prevention tips and
related entries. CODE matches case-insensitively and by alias (e.g. 401, token_expired).`,
		Example: "  mubarokah-doctor explain invalid_grant\n  mubarokah-doctor explain 401 --json",
		Args:    exactlyOne("CODE", "an error code such as invalid_grant or 401"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cat, err := env.catalogue()
			if err != nil {
				return err
			}
			e, ok := cat.Lookup(args[0])
			if !ok {
				return unknownCode(cat, args[0])
			}
			if asJSON {
				return writeJSON(env.stdout, e)
			}
			p := ui.NewPrinter(env.stdout, env.environ)
			p.Print(ui.RenderEntry(e, p.Width, p.Text))
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the entry as one JSON object")
	return cmd
}

// unknownCode is the exit-2 answer to a code the catalogue does not have.
func unknownCode(cat *knowledge.Catalogue, code string) error {
	msg := fmt.Sprintf("no entry for %q.", echoArg(code))
	if s := cat.Suggest(code, 3); len(s) > 0 {
		msg += " Did you mean: " + strings.Join(s, ", ") + "?"
	}
	msg += " Run 'mubarokah-doctor list' for every code, or 'mubarokah-doctor search TEXT'."
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

func newSearchCmd(env *appEnv) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search TEXT...",
		Short: "Find entries by code, title, cause, step, HTTP status or server message",
		Example: "  mubarokah-doctor search refresh token revoked\n" +
			"  mubarokah-doctor search 403\n  mubarokah-doctor search \"Client authentication failed\"",
		Args: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(strings.Join(args, "")) == "" {
				return usageErr("search needs words to look for, such as 'refresh token revoked', 401 or invalid_grant")
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
				p := ui.NewPrinter(env.stdout, env.environ)
				p.Print(ui.RenderSearch(results, p.Width, p.Text))
			}
			if len(results) == 0 {
				fmt.Fprintln(env.stderr, env.safeMessage(fmt.Sprintf("nothing matches %q. Try fewer words, an HTTP status (401), "+
					"or a code (invalid_grant).", echoArg(q)), args))
				return silentExit(exitProblem)
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the results as JSON")
	return cmd
}

func newVersionCmd(env *appEnv) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(env.stdout, "mubarokah-doctor", buildVersion())
		},
	}
}

func buildVersion() string {
	if version != "" {
		return version
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " (" + s.Value[:12] + ")"
		}
	}
	return strings.TrimSpace(v + " " + info.GoVersion)
}

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
