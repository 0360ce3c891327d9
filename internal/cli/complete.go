package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// Shell completion (cobra's `completion bash|zsh|fish|powershell` writes the script; the
// script asks the program through the hidden __complete command). Everything offered comes
// from the program's own tables: the catalogue's codes, the probes, the sandbox's faults and
// the flow graph's nodes and choices, so a new entry completes without a change here.

const noFiles = cobra.ShellCompDirectiveNoFileComp

// addCompletions registers what each command's arguments and flags complete to.
func addCompletions(root *cobra.Command, env *appEnv) {
	codes := func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		cat, err := env.catalogue()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return starting(cat.Names(), toComplete), noFiles
	}
	fixed := func(values ...string) cobra.CompletionFunc {
		return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return starting(values, toComplete), noFiles
		}
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "explain":
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, noFiles
				}
				return codes(cmd, args, toComplete)
			}
		case "search":
			c.ValidArgsFunction = codes
		case "check":
			_ = c.RegisterFlagCompletionFunc("probe", fixed(probe.IDs()...))
		case "sandbox":
			_ = c.RegisterFlagCompletionFunc("fault", fixed(sandbox.Faults()...))
		case "diagnose":
			_ = c.RegisterFlagCompletionFunc("endpoint", fixed("/api/user", "/api/user/details"))
		case "walk":
			c.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				answers, _ := cmd.Flags().GetString("answers")
				return nextAnswers(env, append(strings.Split(answers, ","), args...), toComplete)
			}
			_ = c.RegisterFlagCompletionFunc("answers", func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				return nextAnswers(env, nil, toComplete)
			})
			_ = c.RegisterFlagCompletionFunc("input", func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				out := make([]string, len(flow.CheckNames))
				for i, n := range flow.CheckNames {
					out[i] = n + "."
				}
				return starting(out, toComplete), noFiles | cobra.ShellCompDirectiveNoSpace
			})
			_ = c.RegisterFlagCompletionFunc("report", fixed("md", "json"))
		case "flow":
			c.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
				g, _, err := env.loadGraph()
				if err != nil || len(args) > 0 {
					return nil, noFiles
				}
				var ids []string
				for _, n := range g.Nodes {
					if strings.HasPrefix(strings.ToLower(n.ID), strings.ToLower(toComplete)) {
						ids = append(ids, n.ID+"\t"+oneLine(nodeLabel(n)))
					}
				}
				return ids, noFiles
			}
		}
	}
	for _, c := range append([]*cobra.Command{root}, root.Commands()...) {
		if c.Flags().Lookup("auth-style") != nil {
			_ = c.RegisterFlagCompletionFunc("auth-style", fixed("body", "basic"))
		}
	}
}

// nextAnswers replays the answers given so far (empty ones dropped) and offers the choice ids
// of the question the walk stops at, each with its label. toComplete may itself hold
// comma-separated answers: the ones before its last comma are replayed too, and the choices
// are offered after them.
func nextAnswers(env *appEnv, given []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	g, _, err := env.loadGraph()
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	var answers []string
	for _, list := range given {
		for _, a := range strings.Split(list, ",") {
			if a = strings.TrimSpace(a); a != "" {
				answers = append(answers, a)
			}
		}
	}
	prefix := ""
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		prefix = toComplete[:i+1]
		for _, a := range strings.Split(toComplete[:i], ",") {
			if a = strings.TrimSpace(a); a != "" {
				answers = append(answers, a)
			}
		}
	}
	s, err := flow.Replay(g, answers, flow.ReplayOptions{ProbeSkip: "completion runs no live check"})
	n := g.Pending(s)
	if err != nil || n == nil {
		return nil, noFiles
	}
	out := make([]string, 0, len(n.Choices))
	for _, c := range n.Choices {
		if strings.HasPrefix(prefix+c.ID, toComplete) {
			out = append(out, prefix+c.ID+"\t"+oneLine(c.Label))
		}
	}
	return out, noFiles
}

// starting keeps the values that start with what was typed (case-insensitively, as codes
// match); the shells filter too, but not all of them, and a short answer is quicker to draw.
func starting(values []string, typed string) []string {
	var out []string
	for _, v := range values {
		if strings.HasPrefix(strings.ToLower(v), strings.ToLower(typed)) {
			out = append(out, v)
		}
	}
	return out
}

// nodeLabel is what a node is called in an outline: its title, or what it asks.
func nodeLabel(n *flow.Node) string {
	if n.Title != "" {
		return n.Title
	}
	return n.Text
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
