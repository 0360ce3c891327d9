package ui

import (
	"context"
	"fmt"
	"image/color"
	"io"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/spf13/cobra"
)

// ExecOptions say how the program presents itself around its commands.
type ExecOptions struct {
	// Version is what --version and the version command print after the program's name.
	Version string
	// Describe words an error for stderr, already scrubbed: msg "" prints nothing (the
	// command has said what it had to), hint follows msg on a line of its own.
	Describe func(error) (msg, hint string)
	// Plain runs the commands without fang: on a dumb terminal or in accessible mode its
	// help and errors would first ask the terminal for its background colour (an escape
	// sequence a screen reader speaks, and a wait of seconds for an answer that never comes).
	Plain bool
	// Stderr receives the error in plain mode.
	Stderr io.Writer
}

// Execute runs the root command the way Charm's tools run theirs (fang): styled help, a
// --version flag, shell completions and a hidden man command, in this program's colours. It
// returns the command's error as it is, so the caller keeps its exit codes; the error is
// written by o.Describe's words, styled only on a terminal.
func Execute(ctx context.Context, root *cobra.Command, o ExecOptions) error {
	root.SetVersionTemplate("{{.Name}} {{.Version}}\n")
	if o.Plain {
		return executePlain(ctx, root, o)
	}
	return fang.Execute(ctx, root,
		fang.WithVersion(o.Version),
		fang.WithColorSchemeFunc(ColorScheme),
		fang.WithErrorHandler(func(w io.Writer, st fang.Styles, err error) {
			msg, hint := o.Describe(err)
			if msg == "" {
				return
			}
			// w drops every escape code when stderr is no terminal or NO_COLOR asks.
			name := lipgloss.NewStyle().Bold(true).Foreground(st.ErrorHeader.GetBackground())
			_, _ = fmt.Fprintln(w, name.Render(root.Name()+":")+" "+msg)
			if hint != "" {
				_, _ = fmt.Fprintln(w, st.FlagDefault.Render(hint))
			}
		}),
	)
}

// ColorScheme is fang's colour scheme for help and errors, made from the wizard's palette
// (theme.go) so help reads in the program's colours, not a third set.
func ColorScheme(ld lipgloss.LightDarkFunc) fang.ColorScheme {
	// The theme builds its styles for a dark or a light background; ld says which.
	dark := ld(color.White, color.Black) == color.Black
	s := newStyles(dark, false)
	text, muted, accent := s.Text.GetForeground(), s.Muted.GetForeground(), s.Code.GetForeground()
	return fang.ColorScheme{
		Base:           text,
		Title:          accent,
		Description:    text,
		Program:        accent,
		Command:        accent,
		Flag:           s.Pass.GetForeground(),
		FlagDefault:    muted,
		DimmedArgument: muted,
		Comment:        muted,
		Argument:       text,
		QuotedString:   s.Secret.GetForeground(),
		Help:           text,
		Dash:           muted,
		ErrorHeader:    [2]color.Color{text, s.Fail.GetForeground()},
		ErrorDetails:   s.Fail.GetForeground(),
	}
}

// executePlain is Execute without fang: cobra's own help and a --version flag, errors as
// plain lines.
func executePlain(ctx context.Context, root *cobra.Command, o ExecOptions) error {
	root.Version = o.Version
	root.SilenceErrors, root.SilenceUsage = true, true
	err := root.ExecuteContext(ctx)
	if err != nil && o.Stderr != nil {
		if msg, hint := o.Describe(err); msg != "" {
			_, _ = fmt.Fprintln(o.Stderr, root.Name()+": "+msg)
			if hint != "" {
				_, _ = fmt.Fprintln(o.Stderr, hint)
			}
		}
	}
	return err
}
