package knowledge

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// What a translation must carry over from English unchanged: code spans (protocol terms,
// commands, paths, header names) and placeholders ({name}, {{.Name}}, %s).
var (
	codeSpanRe    = regexp.MustCompile("`[^`\n]+`")
	placeholderRe = regexp.MustCompile(`\{\{[^}]*\}\}|\{[A-Za-z_][A-Za-z0-9_.]*\}|%[-+#0]*[0-9]*(?:\.[0-9]+)?[vsdqxXtfgeT]`)
)

// SameMarks says how tr, a translation of en, fails to keep en's code spans and
// placeholders; nil when it keeps them. Every code span of en appears unchanged in tr; tr
// may put in code style a term en writes bare (`client_id` for client_id) but no other;
// placeholders are the same, as many times each.
func SameMarks(en, tr string) error {
	var problems []string
	enSpans, trSpans := codeSpanRe.FindAllString(en, -1), codeSpanRe.FindAllString(tr, -1)
	for _, s := range uniq(enSpans) {
		if !slices.Contains(trSpans, s) {
			problems = append(problems, fmt.Sprintf("the English code span %s is missing (code spans stay exactly as in English)", s))
		}
	}
	for _, s := range uniq(trSpans) {
		if !slices.Contains(enSpans, s) && !strings.Contains(en, strings.Trim(s, "`")) {
			problems = append(problems, fmt.Sprintf("the code span %s is not in the English", s))
		}
	}
	enPh, trPh := placeholderRe.FindAllString(en, -1), placeholderRe.FindAllString(tr, -1)
	slices.Sort(enPh)
	slices.Sort(trPh)
	if !slices.Equal(enPh, trPh) {
		problems = append(problems, fmt.Sprintf("placeholders differ: English has [%s], the translation [%s]",
			strings.Join(enPh, " "), strings.Join(trPh, " ")))
	}
	if len(problems) == 0 {
		return nil
	}
	return fmt.Errorf("%s", strings.Join(problems, "; "))
}

func uniq(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}
