package main

import (
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The layers of the program, from the top: main -> internal/cli -> ui -> flow -> knowledge,
// with assets a leaf. A package may import only what its row below names, so a new edge
// against the layers (flow reaching for the terminal, knowledge for the flow engine) fails
// here, and so does a new package until someone decides where it sits. The imports are read
// from the source with go/parser, every file whatever its build tags: nothing to install,
// nothing to skip.

const module = "github.com/mubarokah/mubarokah-doctor"

// layer is one package's row: the module packages and the third-party modules its non-test
// files may import.
type layer struct {
	imports []string // module packages, relative to the module root
	third   []string // import path prefixes outside the standard library
	// tests are module packages this package's tests may import besides its row: an
	// external test that holds two layers against each other (probe ids in the flow graph).
	tests []string
	// optional rows belong to packages another branch adds; every other row must be found.
	optional bool
}

var layers = map[string]layer{
	"assets":             {},
	"internal/yamlx":     {third: []string{"go.yaml.in/yaml/"}},
	"internal/gosrc":     {},
	"internal/inputfile": {},
	// The language chosen and the program's own strings in it (issue 13). It runs on a
	// compiled table; go-i18n reads the message file at go generate and in tests.
	"internal/lang":                      {tests: []string{"knowledge", "internal/lang/internal/msgfile"}},
	"internal/lang/internal/msgfile":     {third: []string{"github.com/nicksnyder/go-i18n/", "golang.org/x/text/", "go.yaml.in/yaml/"}},
	"internal/lang/internal/genmessages": {imports: []string{"internal/gosrc", "internal/lang/internal/msgfile"}},
	"flow/redact":                        {},
	"knowledge":                          {imports: []string{"internal/yamlx"}, third: []string{"go.yaml.in/yaml/", "github.com/sahilm/fuzzy"}},
	// The 10k-entry catalogue the search benchmarks share; test files import it only.
	"knowledge/knowledgetest": {imports: []string{"knowledge"}, optional: true},
	"flow/config":             {imports: []string{"flow/redact", "internal/inputfile", "knowledge", "internal/lang"}, third: []string{"github.com/joho/godotenv"}},
	"flow/evidence":           {imports: []string{"flow/redact", "internal/inputfile", "knowledge", "internal/lang"}, third: []string{"github.com/golang-jwt/jwt/"}},
	"flow/check":              {imports: []string{"flow/evidence", "flow/redact", "knowledge", "internal/lang"}},
	"flow/har":                {imports: []string{"flow/check", "flow/evidence", "flow/redact", "knowledge", "internal/lang"}, tests: []string{"flow/har/hartest"}},
	// A HAR with secrets planted everywhere, for the tests of every reader of one.
	"flow/har/hartest": {},
	"flow": {imports: []string{"flow/check", "flow/config", "flow/evidence", "flow/har", "flow/redact", "knowledge", "internal/yamlx", "internal/lang"},
		third: []string{"go.yaml.in/yaml/"}, tests: []string{"flow/har/hartest"}},
	// The network: the one package that talks OAuth to a server.
	"flow/probe": {imports: []string{"flow/check", "flow/config", "flow/evidence", "flow/redact", "knowledge", "internal/lang"},
		third: []string{"github.com/golang-jwt/jwt/", "golang.org/x/oauth2", "golang.org/x/net/"},
		tests: []string{"flow"}},
	"sandbox": {imports: []string{"internal/lang"}, third: []string{"github.com/golang-jwt/jwt/"}},
	// The terminal: the one package with Charm's libraries (cobra only for fang's wrapper).
	"ui": {imports: []string{"flow", "flow/check", "flow/config", "flow/evidence", "flow/har", "flow/probe", "flow/redact", "knowledge", "internal/lang"},
		third: []string{"charm.land/", "github.com/charmbracelet/", "golang.org/x/term", "github.com/spf13/cobra"},
		tests: []string{"flow/har/hartest"}},
	// The wizard in accessible mode: plain lines, no Charm library.
	"ui/line": {imports: []string{"flow", "flow/check", "flow/config", "flow/evidence", "flow/probe", "flow/redact", "knowledge", "internal/lang"},
		third: []string{"golang.org/x/term", "golang.org/x/sys/unix", "github.com/muesli/cancelreader"}},
	"internal/cli": {imports: []string{"ui", "ui/line", "flow", "flow/check", "flow/config", "flow/evidence", "flow/har", "flow/probe", "flow/redact",
		"knowledge", "sandbox", "internal/inputfile", "internal/watch", "internal/lang"},
		third: []string{"github.com/spf13/cobra", "github.com/spf13/pflag", "golang.org/x/term"}, tests: []string{"flow/har/hartest"}},
	// A log followed as it grows: records, folding, rotation; diagnosis is the caller's.
	"internal/watch": {imports: []string{"flow/evidence", "flow/redact", "knowledge", "internal/lang"}},
	".":              {imports: []string{"internal/cli"}},
	// go generate's programs compile the YAML into Go.
	"knowledge/internal/gencatalogue": {imports: []string{"assets", "internal/gosrc", "knowledge"}},
	"knowledge/internal/gentranslate": {imports: []string{"assets", "internal/gosrc", "knowledge"}},
	"flow/internal/gentranslate":      {imports: []string{"assets", "internal/gosrc", "knowledge", "flow"}},
	"flow/internal/gengraph":          {imports: []string{"assets", "internal/gosrc", "knowledge", "flow", "flow/probe"}},
}

// pending are edges the layers forbid that a branch in flight removes. Each must still exist:
// the test says when one can go.
var pending = map[[2]string]string{}

// pure are the engine and the knowledge: what they reach must run without a network
// library, a terminal or a server.
var pure = []string{"flow", "knowledge"}

// never is what the packages reachable from the pure ones must not import, module packages
// and third-party prefixes alike.
var never = []string{"flow/probe", "sandbox", "ui", "internal/cli",
	"charm.land/", "github.com/charmbracelet/", "github.com/spf13/", "golang.org/x/oauth2", "golang.org/x/net/", "net/http/httptrace"}

// onlyIn are standard-library packages one package alone may import.
var onlyIn = map[string]string{"net/http/httptrace": "flow/probe"}

// testOnly are module packages any test may import besides its package's row: fixtures and
// the shared benchmark catalogue. Tests of packages the pure ones do not reach may also start
// a sandbox to talk to.
var testOnly = []string{"assets", "knowledge/knowledgetest"}

// terminalTest are third-party prefixes only the tests of the terminal layers import (screen
// goldens, a pty, cobra's helpers).
var terminalTest = []string{"charm.land/", "github.com/charmbracelet/", "github.com/creack/pty", "github.com/spf13/"}

// pkgImports is what one directory's files import, by file kind.
type pkgImports struct {
	src, test map[string][]string // import path -> files that import it
}

// readImports parses every Go file under root, skipping testdata, dot and underscore
// directories and nested modules, and returns the imports of each package by its path
// relative to root ("." for the root).
func readImports(root string) (map[string]*pkgImports, error) {
	pkgs := map[string]*pkgImports{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			name := d.Name()
			if rel != "." && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); rel != "." && err == nil {
				return filepath.SkipDir // its own module: conformance/, tools/
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		dir := path.Dir(rel)
		pk := pkgs[dir]
		if pk == nil {
			pk = &pkgImports{src: map[string][]string{}, test: map[string][]string{}}
			pkgs[dir] = pk
		}
		into := pk.src
		if strings.HasSuffix(p, "_test.go") {
			into = pk.test
		}
		for _, is := range f.Imports {
			ip, err := strconv.Unquote(is.Path.Value)
			if err != nil {
				return fmt.Errorf("%s: %v", p, err)
			}
			into[ip] = append(into[ip], path.Base(rel))
		}
		return nil
	})
	return pkgs, err
}

// local is an import path relative to the module, or "" for one outside it.
func local(ip string) string {
	switch {
	case ip == module:
		return "."
	case strings.HasPrefix(ip, module+"/"):
		return strings.TrimPrefix(ip, module+"/")
	}
	return ""
}

func stdlib(ip string) bool { return !strings.Contains(strings.Split(ip, "/")[0], ".") }

func hasPrefix(ip string, prefixes []string) bool {
	for _, p := range prefixes {
		if ip == p || strings.HasPrefix(ip, p) || strings.HasPrefix(ip, p+"/") {
			return true
		}
	}
	return false
}

// checkLayers returns every import against the table, the pending edges that no longer
// exist, and table rows no package answers: one sentence each, sorted.
func checkLayers(pkgs map[string]*pkgImports, table map[string]layer, pend map[[2]string]string) []string {
	var bad []string
	used := map[[2]string]bool{}
	add := func(format string, args ...any) { bad = append(bad, fmt.Sprintf(format, args...)) }
	for name, row := range table {
		if _, ok := pkgs[name]; !ok && !row.optional {
			add("package %s is in the table but was not found: an empty walk cannot pass", name)
		}
	}
	closure := reach(pkgs, pure, pend)
	for name, pk := range pkgs {
		row, ok := table[name]
		if !ok {
			add("package %s is not in the layer table: add it with what it may import", name)
			continue
		}
		for ip, files := range pk.src {
			l := local(ip)
			if l != "" && pend[[2]string{name, l}] != "" {
				used[[2]string{name, l}] = true
				continue
			}
			switch {
			case l != "" && !slices.Contains(row.imports, l):
				add("%s imports %s (%s): not in its row", name, l, files[0])
			case l == "" && !stdlib(ip) && !hasPrefix(ip, row.third):
				add("%s imports %s (%s): that module is not in its row", name, ip, files[0])
			case onlyIn[ip] != "" && onlyIn[ip] != name:
				add("%s imports %s (%s): only %s may", name, ip, files[0], onlyIn[ip])
			}
			if closure[name] && hasPrefix(orLocal(ip), never) {
				add("%s imports %s (%s), and %s is reached from %s", name, ip, files[0], name, strings.Join(pure, " or "))
			}
		}
		for ip, files := range pk.test {
			l := local(ip)
			switch {
			case l == "" && !stdlib(ip) && hasPrefix(ip, terminalTest) && !slices.Contains([]string{"ui", "internal/cli", "."}, name):
				add("a test of %s imports %s (%s): only the terminal layers' tests may", name, ip, files[0])
			case l == "" || l == name || slices.Contains(row.imports, l) || slices.Contains(row.tests, l) || slices.Contains(testOnly, l):
			case pend[[2]string{name, l}] != "":
				used[[2]string{name, l}] = true
			case l == "sandbox" && !closure[name]:
			default:
				add("a test of %s imports %s (%s): not in its row", name, l, files[0])
			}
		}
	}
	for name, pk := range pkgs {
		if name == "knowledge/knowledgetest" {
			continue
		}
		if files, ok := pk.src[module+"/knowledge/knowledgetest"]; ok {
			add("%s imports knowledge/knowledgetest (%s): only test files may", name, files[0])
		}
	}
	for edge, why := range pend {
		if !used[edge] {
			add("the pending edge %s -> %s (%s) is gone: delete it from pending", edge[0], edge[1], why)
		}
	}
	sort.Strings(bad)
	return bad
}

func orLocal(ip string) string {
	if l := local(ip); l != "" {
		return l
	}
	return ip
}

// reach is the set of module packages the roots import, directly or not, themselves
// included (non-test files only). A pending edge is taken as gone already: it is reported
// where it is, not again for everything behind it.
func reach(pkgs map[string]*pkgImports, roots []string, pend map[[2]string]string) map[string]bool {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		if pk := pkgs[name]; pk != nil {
			for ip := range pk.src {
				if l := local(ip); l != "" && pend[[2]string{name, l}] == "" {
					visit(l)
				}
			}
		}
	}
	for _, r := range roots {
		visit(r)
	}
	return seen
}

func TestLayers(t *testing.T) {
	pkgs, err := readImports(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, problem := range checkLayers(pkgs, layers, pending) {
		t.Error(problem)
	}
}

// TestLayersCatchesABadEdge plants edges against the layers in the real tree and expects each
// to be named: a checker that cannot fail proves nothing.
func TestLayersCatchesABadEdge(t *testing.T) {
	tests := []struct {
		name     string
		pkg, imp string
		test     bool
		want     string
	}{
		{"flow reaches the network", "flow", module + "/flow/probe", false, "flow imports flow/probe"},
		{"knowledge reaches up", "knowledge", module + "/flow", false, "knowledge imports flow"},
		{"the engine reaches the terminal", "flow/check", module + "/ui", false, "flow/check imports ui"},
		{"assets is a leaf", "assets", module + "/knowledge", false, "assets imports knowledge"},
		{"charm outside ui", "flow/evidence", "charm.land/lipgloss/v2", false, "flow/evidence imports charm.land/lipgloss/v2"},
		{"httptrace outside probe", "flow/evidence", "net/http/httptrace", false, "only flow/probe may"},
		{"a pure package's test starts a sandbox", "knowledge", module + "/sandbox", true, "a test of knowledge imports sandbox"},
		{"a pty in an engine test", "flow", "github.com/creack/pty", true, "a test of flow imports github.com/creack/pty"},
		{"an unknown package", "newpkg", "fmt", false, "package newpkg is not in the layer table"},
		{"a test helper in a product file", "ui", module + "/knowledge/knowledgetest", false, "ui imports knowledge/knowledgetest"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pkgs, err := readImports(".")
			if err != nil {
				t.Fatal(err)
			}
			if pkgs[tt.pkg] == nil {
				pkgs[tt.pkg] = &pkgImports{src: map[string][]string{}, test: map[string][]string{}}
			}
			into := pkgs[tt.pkg].src
			if tt.test {
				into = pkgs[tt.pkg].test
			}
			into[tt.imp] = append(into[tt.imp], "planted.go")
			// The pending exception would hide the first case: plant without it.
			problems := checkLayers(pkgs, layers, nil)
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("planted %s -> %s, want a problem with %q; got:\n%s", tt.pkg, tt.imp, tt.want, strings.Join(problems, "\n"))
			}
		})
	}
	t.Run("a missing package", func(t *testing.T) {
		pkgs, err := readImports(".")
		if err != nil {
			t.Fatal(err)
		}
		delete(pkgs, "flow/check")
		if problems := checkLayers(pkgs, layers, pending); !slices.ContainsFunc(problems, func(p string) bool {
			return strings.Contains(p, "flow/check is in the table but was not found")
		}) {
			t.Errorf("a table package missing from the walk was not named:\n%s", strings.Join(problems, "\n"))
		}
	})
	t.Run("a pending edge that is gone", func(t *testing.T) {
		pend := map[[2]string]string{{"knowledge", "ui"}: "never was"}
		pkgs, err := readImports(".")
		if err != nil {
			t.Fatal(err)
		}
		if problems := checkLayers(pkgs, layers, pend); !slices.ContainsFunc(problems, func(p string) bool {
			return strings.Contains(p, "pending edge knowledge -> ui (never was) is gone")
		}) {
			t.Errorf("an unused exception was not named:\n%s", strings.Join(problems, "\n"))
		}
	})
}
