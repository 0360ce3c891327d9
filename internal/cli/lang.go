package cli

import (
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// chooseLang settles the language before the commands are built, so their help is in it
// too: --lang from the arguments (cobra parses flags only after the commands exist), then
// MUBAROKAH_DOCTOR_LANG, then the locale, then English. A language nobody speaks here is a
// usage error, said in English since no language was settled.
func (e *appEnv) chooseLang(args []string) error {
	flag := ""
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			flag = v
		} else if a == "--lang" && i+1 < len(args) {
			flag = args[i+1]
		}
	}
	l, err := lang.Choose(flag, e.getenv)
	e.lang = l
	if err != nil {
		return &exitError{code: exitUsage, msg: err.Error()}
	}
	return nil
}

// addLangFlag declares --lang on every command (chooseLang has read it already): cobra
// then accepts it anywhere, completes it and lists it in help.
func addLangFlag(root *cobra.Command, env *appEnv) {
	var ignored string
	root.PersistentFlags().StringVar(&ignored, "lang", "",
		env.lang.T("language of what is shown: id (Bahasa Indonesia) or en (English); default "+lang.EnvVar+", then the locale"))
	_ = root.RegisterFlagCompletionFunc("lang", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"id\tBahasa Indonesia", "en\tEnglish"}, cobra.ShellCompDirectiveNoFileComp
	})
}

// sayCobraIn puts what cobra writes by itself (the help and completion commands, -h and
// -v) into l. English is left to cobra, word for word. The shells' long instructions
// under completion stay cobra's English.
func sayCobraIn(root *cobra.Command, l lang.Lang) {
	if l == lang.English || l == "" {
		return
	}
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		switch p := c.Parent(); {
		case p == root && c.Name() == "help":
			c.Short = l.T("Help about any command")
			c.Long = l.Tf("Help provides help for any command in the application.\nSimply type %s help [path to command] for full details.", root.Name())
		case p == root && c.Name() == "completion":
			c.Short = l.T("Generate the autocompletion script for the specified shell")
			c.Long = l.Tf("Generate the autocompletion script for %s for the specified shell.\nSee each sub-command's help for details on how to use the generated script.\n", root.Name())
		case p != nil && p.Parent() == root && p.Name() == "completion":
			c.Short = l.Tf("Generate the autocompletion script for %s", c.Name())
			if f := c.Flags().Lookup("no-descriptions"); f != nil {
				f.Usage = l.T("disable completion descriptions")
			}
		}
		// A command with flags of its own gets its -h now, in l (cobra would add it in
		// English); one without keeps its listing free of [--flags] and takes the root's.
		if c.Flags().HasFlags() && c.Flags().Lookup("help") == nil {
			c.Flags().BoolP("help", "h", false, l.Tf("help for %s", c.DisplayName()))
		}
		for _, s := range c.Commands() {
			walk(s)
		}
	}
	root.PersistentFlags().BoolP("help", "h", false, l.T("help for this command"))
	walk(root)
	root.Flags().BoolP("version", "v", false, l.Tf("version for %s", root.Name()))
}

// headingsIn is w with fang's help section titles (USAGE, COMMANDS, FLAGS, EXAMPLES, which
// fang writes in English capitals) said in l; English is w itself. Only help and cobra's
// completion scripts are written through the command's writer (the commands write to
// env.stdout), and the scripts hold none of these words.
func headingsIn(l lang.Lang, w io.Writer) io.Writer {
	if l == lang.English || l == "" {
		return w
	}
	en := []string{lang.N("USAGE"), lang.N("COMMANDS"), lang.N("FLAGS"), lang.N("EXAMPLES")}
	return headingWriter{w: w, re: regexp.MustCompile(`\b(` + strings.Join(en, "|") + `)\b`), to: l.T}
}

type headingWriter struct {
	w  io.Writer
	re *regexp.Regexp
	to func(string) string
}

func (h headingWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(h.w, h.re.ReplaceAllStringFunc(string(p), h.to)); err != nil {
		return 0, err
	}
	return len(p), nil
}

// cobraSays are cobra's and pflag's own usage errors by their shape, with their Indonesian
// (values quoted as they were given). The first keeps what cobra writes after it on its line.
var cobraSays = [][2]string{
	{"unknown command %q for %q%s", "perintah %q tidak dikenal untuk %q%s"},
	{"unknown flag: %s", "flag tidak dikenal: %s"},
	{"unknown shorthand flag: %s in %s", "flag singkat tidak dikenal: %s di %s"},
	{"flag needs an argument: %s", "flag memerlukan argumen: %s"},
	{"invalid argument %q for %q flag: %s", "argumen %q tidak valid untuk flag %q: %s"},
	{"accepts at most %d arg(s), received %d", "menerima paling banyak %d argumen, diberikan %d"},
	{"accepts %d arg(s), received %d", "menerima %d argumen, diberikan %d"},
}

var cobraShapes = sync.OnceValue(func() *lang.Shapes {
	return lang.ShapesOf(lang.Verbs{'q': `(".*")`, 's': `(.*)`, 'd': `(\d+)`}, cobraSays)
})

// cobraErrIn is one of cobra's usage errors in l; English, or a message of another shape,
// as cobra wrote it. A suggestion cobra adds ("Did you mean this?") keeps its names.
func cobraErrIn(l lang.Lang, msg string) string {
	if l != lang.Indonesian {
		return msg
	}
	first, rest, _ := strings.Cut(msg, "\n")
	t := cobraShapes()
	if i, verbs, args, ok := t.Match(first); ok {
		first = t.Fill(cobraSays[i][1], verbs, args, func(_ byte, arg string) string { return arg })
		rest = strings.Replace(rest, "Did you mean this?", "Maksud Anda ini?", 1)
		if rest != "" {
			return first + "\n" + rest
		}
		return first
	}
	return msg
}
