package cli

import (
	"strings"

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
