package lang_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/internal/lang/internal/msgfile"
)

// used is every string the program passes to Lang.T or Lang.Tf as a literal, with where.
func used(t *testing.T) map[string]string {
	t.Helper()
	root, _ := filepath.Abs("../..")
	out := map[string]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (n == "testdata" || strings.HasPrefix(n, ".") || n == "conformance" || n == "tools") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, 0)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			// flow/evidence's words for what was read reach T through evidence.Describe.
			if vs, ok := n.(*ast.ValueSpec); ok && len(vs.Names) == 1 && vs.Names[0].Name == "sourceWords" && len(vs.Values) == 1 {
				if cl, ok := vs.Values[0].(*ast.CompositeLit); ok {
					for _, el := range cl.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							if s, ok := literal(kv.Value); ok {
								rel, _ := filepath.Rel(root, fset.Position(kv.Pos()).Filename)
								out[s] = rel + ":" + strconv.Itoa(fset.Position(kv.Pos()).Line)
							}
						}
					}
				}
				return true
			}
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			// ui's key bindings: bind(keys, help words, ...) words go to the help line.
			// internal/cli's usage errors: usageErr(format, ...) is said through Tf.
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "usageErr" {
				if s, ok := literal(call.Args[0]); ok && s != "%s" && s != "%v" && s != "%s: %v" {
					rel, _ := filepath.Rel(root, fset.Position(call.Pos()).Filename)
					out[s] = rel + ":" + strconv.Itoa(fset.Position(call.Pos()).Line)
				}
				return true
			}
			// N inside package lang itself.
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "N" && f.Name.Name == "lang" {
				if s, ok := literal(call.Args[0]); ok {
					rel, _ := filepath.Rel(root, fset.Position(call.Pos()).Filename)
					out[s] = rel + ":" + strconv.Itoa(fset.Position(call.Pos()).Line)
				}
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); ok && id.Name == "bind" && len(call.Args) >= 2 {
				if s, ok := literal(call.Args[1]); ok {
					rel, _ := filepath.Rel(root, fset.Position(call.Pos()).Filename)
					out[s] = rel + ":" + strconv.Itoa(fset.Position(call.Pos()).Line)
				}
				return true
			}
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || !slices.Contains([]string{"T", "Tf", "t", "tf", "N"}, sel.Sel.Name) {
				return true
			}
			if s, ok := literal(call.Args[0]); ok {
				rel, _ := filepath.Rel(root, fset.Position(call.Pos()).Filename)
				out[s] = rel + ":" + strconv.Itoa(fset.Position(call.Pos()).Line)
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// literal evaluates a string literal or a sum of them (and of the package's constants
// spelled out, such as lang.EnvVar).
func literal(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.BinaryExpr:
		a, ok1 := literal(x.X)
		b, ok2 := literal(x.Y)
		return a + b, ok1 && ok2 && x.Op == token.ADD
	case *ast.SelectorExpr:
		if id, ok := x.X.(*ast.Ident); ok && id.Name == "lang" && x.Sel.Name == "EnvVar" {
			return lang.EnvVar, true
		}
	}
	return "", false
}

var verbs = regexp.MustCompile(`%[-+#0 ]*[0-9*]*(?:\.[0-9*]+)?[a-zA-Z%]`)
var spans = regexp.MustCompile("`[^`]+`")

// Every string of the program shown through Lang has its Indonesian, which keeps the
// English's fmt verbs in order and its code spans, and the message file holds nothing the
// program no longer says.
func TestEveryStringHasIndonesian(t *testing.T) {
	pairs, err := msgfile.Parse(readFile(t), "active.id.yaml")
	if err != nil {
		t.Fatalf("active.id.yaml is not a go-i18n message file: %v", err)
	}
	msgs := map[string]string{}
	for _, p := range pairs {
		msgs[p[0]] = p[1]
	}
	u := used(t)
	if len(u) < 20 {
		t.Fatalf("only %d strings found through Lang.T/Tf: the scan is broken", len(u))
	}
	var keys []string
	for k := range u {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, en := range keys {
		id, ok := msgs[en]
		if !ok || strings.TrimSpace(id) == "" {
			t.Errorf("%s: %q has no Indonesian in internal/lang/active.id.yaml", u[en], en)
			continue
		}
		if got := lang.Indonesian.T(en); got != id {
			t.Errorf("%s: %q looks up %q, the file says %q", u[en], en, got, id)
		}
		if a, b := verbs.FindAllString(en, -1), verbs.FindAllString(id, -1); !slices.Equal(a, b) {
			t.Errorf("%s: %q: verbs %v, Indonesian %v (same verbs, same order)", u[en], en, a, b)
		}
		for _, s := range spans.FindAllString(en, -1) {
			if !strings.Contains(id, s) {
				t.Errorf("%s: %q: the code span %s is missing from the Indonesian", u[en], en, s)
			}
		}
		if strings.HasSuffix(en, " ") != strings.HasSuffix(id, " ") || strings.HasSuffix(en, "\n") != strings.HasSuffix(id, "\n") {
			t.Errorf("%s: %q: the Indonesian %q does not end as the English does (a space or newline the code relies on)", u[en], en, id)
		}
	}
	for en := range msgs {
		if _, ok := u[en]; !ok {
			t.Errorf("internal/lang/active.id.yaml: %q is not said by the program any more", en)
		}
	}
}

func readFile(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("active.id.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// The compiled table is the message file: when this fails, run go generate ./internal/lang.
func TestCompiledMessagesAreCurrent(t *testing.T) {
	pairs, err := msgfile.Parse(readFile(t), "active.id.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := lang.Compiled(); !reflect.DeepEqual(got, pairs) {
		t.Fatalf("internal/lang/messages_gen.go (%d strings) differs from active.id.yaml (%d): run go generate ./internal/lang", len(got), len(pairs))
	}
}

func TestEnglishIsTheMessageID(t *testing.T) {
	for _, s := range []string{"Likely causes", "no such string anywhere %d"} {
		if got := lang.English.T(s); got != s {
			t.Errorf("English T(%q) = %q", s, got)
		}
	}
	if got := lang.Indonesian.T("no such string anywhere"); got != "no such string anywhere" {
		t.Errorf("a string without a translation falls back to English, got %q", got)
	}
	if got := lang.Indonesian.Tf("%d of %d", 1, 2); got == "" {
		t.Error("Tf")
	}
}

func TestChoose(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		flag string
		env  func(string) string
		want lang.Lang
		err  bool
	}{
		{"", env(), lang.English, false},
		{"id", env(), lang.Indonesian, false},
		{"en", env(lang.EnvVar, "id"), lang.English, false},
		{"", env(lang.EnvVar, "id", "LANG", "en_US.UTF-8"), lang.Indonesian, false},
		{"", env(lang.EnvVar, "en", "LANG", "id_ID.UTF-8"), lang.English, false},
		{"", env("LANG", "id_ID.UTF-8"), lang.Indonesian, false},
		{"", env("LC_ALL", "en_US.UTF-8", "LANG", "id_ID.UTF-8"), lang.English, false},
		{"", env("LC_MESSAGES", "id_ID", "LANG", "C"), lang.Indonesian, false},
		{"", env("LANG", "fr_FR.UTF-8"), lang.English, false},
		{"fr", env(), lang.English, true},
		{"", env(lang.EnvVar, "klingon"), lang.English, true},
	} {
		got, err := lang.Choose(tc.flag, tc.env)
		if got != tc.want || (err != nil) != tc.err {
			t.Errorf("Choose(%q) = %s, %v; want %s, error %v", tc.flag, got, err, tc.want, tc.err)
		}
	}
}

// BenchmarkParseMessages is what reading the message file with go-i18n costs, what the
// first Indonesian string of every run would pay without the compiled table.
func BenchmarkParseMessages(b *testing.B) {
	data := readFile(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := msgfile.Parse(data, "active.id.yaml"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLookup is one string after that.
func BenchmarkLookup(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = lang.Indonesian.T("Likely causes")
	}
}
