package config

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/joho/godotenv"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/inputfile"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// Inputs are the places Load reads, first to last.
type Inputs struct {
	// Flags holds the flags given on the command line, by setting key ("client-id"); only
	// flags the person actually set belong here.
	Flags map[string]string
	// Getenv reads the environment; nil means none.
	Getenv func(string) string
	// Dir is where the .env file is looked for; "" means no .env file.
	Dir string
	// Lang is the language of the problems Load reports, and the Config's Lang.
	Lang lang.Lang
}

// DotEnvName is the file Load reads in Inputs.Dir.
const DotEnvName = ".env"

// Load builds a Config from flags, then the environment, then a .env file in in.Dir, then
// defaults. The .env file is read as data: the process environment is not changed.
//
// The Config is always usable, so a settings screen can show it; the error, when not nil,
// is Problems listing each value that could not be used (the default was kept for it).
func Load(in Inputs) (Config, error) {
	c := Default()
	l := in.Lang
	c.Lang = l
	var probs Problems

	dot, dotPath, err := readDotEnv(in.Dir, l)
	var refused *inputfile.Error
	switch {
	case errors.As(err, &refused):
		probs = append(probs, Problem{Key: DotEnvName, Source: Source{Kind: FromDotEnv, Name: dotPath}, Lang: l,
			Msg: l.Tf("%s, so it was not read", refused.Problem), Want: l.T("a regular file of a few KEY=value lines, under 1 MiB")})
	case err != nil:
		probs = append(probs, Problem{Key: DotEnvName, Source: Source{Kind: FromDotEnv, Name: dotPath}, Lang: l,
			Msg: l.T("cannot be read: ") + err.Error(), Want: l.T("KEY=value lines, e.g. MUBAROKAH_CLIENT_ID=…")})
	}
	for _, s := range settings {
		v, from, ok := pick(s, in, dot, dotPath)
		if !ok {
			continue
		}
		if err := s.set(&c, v); err != nil {
			probs = append(probs, Problem{Key: s.Key, Source: from, Value: display(s, v), Msg: l.T(err.Error()), Want: s.WantIn(l), Lang: l})
			continue
		}
		c.SetSource(s.Key, from)
	}
	for k := range in.Flags {
		if _, ok := lookup(k); !ok {
			probs = append(probs, Problem{Key: k, Source: Source{Kind: FromFlag, Name: k}, Msg: l.T("is not a setting"), Lang: l})
		}
	}
	if len(probs) > 0 {
		return c, probs
	}
	return c, nil
}

// pick finds the first place that sets s.
func pick(s Setting, in Inputs, dot map[string]string, dotPath string) (string, Source, bool) {
	if v, ok := in.Flags[s.Key]; ok {
		return v, Source{Kind: FromFlag, Name: s.Key}, true
	}
	if in.Getenv != nil {
		if v := in.Getenv(s.Env); v != "" {
			return v, Source{Kind: FromEnv, Name: s.Env}, true
		}
	}
	if v, ok := dot[s.Env]; ok && v != "" {
		return v, Source{Kind: FromDotEnv, Name: dotPath}, true
	}
	return "", Source{}, false
}

// MaxDotEnv is the largest .env read: a .env holds a few settings, and a bigger one is
// something else named .env, refused with its size rather than read in part.
const MaxDotEnv = 1 << 20

// readDotEnv parses dir/.env if there is one. A missing file is no problem; a directory, a
// named pipe (which would block until a writer came) or a device is refused, as is a file
// over MaxDotEnv.
func readDotEnv(dir string, l lang.Lang) (map[string]string, string, error) {
	if dir == "" {
		return nil, "", nil
	}
	p := filepath.Join(dir, DotEnvName)
	b, err := inputfile.Read(p, MaxDotEnv)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, p, nil
	}
	if err != nil {
		return nil, p, err
	}
	m, err := godotenv.UnmarshalBytes(b)
	if err != nil {
		return nil, p, dotEnvError(b, err, l)
	}
	return m, p, nil
}

// dotEnvError says which line of a .env is broken and how, without quoting the text: the
// parser's own message runs on to the value, which is often the client secret, and a line
// that is nothing but a pasted secret would be quoted whole.
func dotEnvError(b []byte, err error, l lang.Lang) error {
	kind := dotEnvKind(err, l)
	for i, line := range strings.Split(string(b), "\n") {
		if _, e := godotenv.Unmarshal(line + "\n"); e != nil {
			name, _, hasEq := strings.Cut(strings.TrimPrefix(strings.TrimSpace(line), "export "), "=")
			if hasEq && isVarName(name) {
				return fmt.Errorf(l.T("line %d (%s): %s"), i+1, name, kind)
			}
			return fmt.Errorf(l.T("line %d: %s"), i+1, kind)
		}
	}
	return errors.New(kind)
}

// dotEnvKind says what godotenv found wrong, in words, keeping only the one character it
// names: the rest of its message quotes the file.
func dotEnvKind(err error, l lang.Lang) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "unterminated quoted value"):
		return l.T("unterminated quoted value (a quote opened and not closed)")
	case strings.HasPrefix(msg, "unexpected character "):
		c, _, _ := strings.Cut(strings.TrimPrefix(msg, "unexpected character "), " ")
		if r, uerr := strconv.Unquote(c); uerr == nil && len([]rune(r)) == 1 {
			return l.Tf("unexpected character %q in a variable name; each line is NAME=value", r)
		}
	}
	return l.T("not a NAME=value line")
}

// isVarName reports whether s can be a variable's name, so a message may repeat it.
func isVarName(s string) bool {
	if s == "" || len(s) > 64 || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c == '.' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// display is how a value may appear in a message: masked when the setting is a secret, and
// with any secret a URL carries masked.
func display(s Setting, v string) string {
	if s.Secret {
		return redact.Mask(v)
	}
	return redact.URL(v)
}

// Problem is one value that is missing, malformed or risky.
type Problem struct {
	Key     string // the setting
	Source  Source
	Value   string // as shown: masked for secrets
	Msg     string // what is wrong, as a predicate: "has a trailing space"
	Want    string // what a good value looks like
	Warning bool   // usable, but probably not what was meant
	// Lang is the language Error reads in; Msg and Want are already in it.
	Lang lang.Lang
}

// Error reads as one sentence: which value, where from, what is wrong, what would be right.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.Key)
	if p.Value != "" {
		fmt.Fprintf(&b, " %q", p.Value)
	}
	if p.Source.Kind != "" {
		b.WriteString(p.Lang.Tf(" (from %s)", p.Source.In(p.Lang)))
	}
	b.WriteString(" " + p.Msg)
	if p.Want != "" {
		b.WriteString(p.Lang.T("; want ") + p.Want)
	}
	return b.String()
}

// Problems is a list of problems; as an error it reads one per line.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i := range ps {
		lines[i] = ps[i].Error()
	}
	return strings.Join(lines, "\n")
}
