package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

// uiSource is the package's own code, parsed (tests left out), and type-checked as far as
// it can be without its imports: every import is an empty stand-in, so the types of
// charm's and flow's values are unknown, but a selection of a field of one of our own
// types (sh.keys.Nav.Up, w.keys.paste.Read) is resolved to the field itself.
type uiSource struct {
	fset  *token.FileSet
	files map[string]*ast.File
	info  *types.Info
}

func parseUI(t *testing.T) uiSource {
	t.Helper()
	src := uiSource{fset: token.NewFileSet(), files: map[string]*ast.File{}}
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(src.fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		src.files[name] = f
		files = append(files, f)
	}
	if len(files) < 10 {
		t.Fatalf("only %d files of package ui found: the test runs in the wrong place", len(files))
	}
	src.info = &types.Info{Selections: map[*ast.SelectorExpr]*types.Selection{}, Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: standIns{}, Error: func(error) {}}
	_, _ = conf.Check("ui", src.fset, files, src.info)
	return src
}

// standIns imports every package as an empty one of the right name.
type standIns struct{}

func (standIns) Import(p string) (*types.Package, error) {
	name := path.Base(p)
	if regexp.MustCompile(`^v\d+$`).MatchString(name) {
		name = path.Base(path.Dir(p))
	}
	pkg := types.NewPackage(p, name)
	pkg.MarkComplete()
	return pkg, nil
}

// keymapFunc reports whether a function may make bindings: the keymap constructors.
func keymapFunc(name string) bool {
	return name == "DefaultKeyMap" || name == "bind" || (strings.HasPrefix(name, "new") && strings.HasSuffix(name, "Keys"))
}

func isPkgCall(e ast.Expr, pkg, fn string) bool {
	sel, ok := e.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	id, ok := sel.X.(*ast.Ident)
	return ok && id.Name == pkg && sel.Sel.Name == fn
}

// keyLike is what a key press is compared with when it is compared by hand: tea.KeyEnter
// and its kind, or a rune literal ('s', '1').
func keyLike(e ast.Expr) bool {
	if lit, ok := e.(*ast.BasicLit); ok {
		return lit.Kind == token.CHAR
	}
	if sel, ok := e.(*ast.SelectorExpr); ok {
		id, ok := sel.X.(*ast.Ident)
		return ok && id.Name == "tea" && strings.HasPrefix(sel.Sel.Name, "Key")
	}
	return false
}

// pressed is the code or the name of a key press: k.Code, msg.String().
func pressed(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.SelectorExpr:
		return e.Sel.Name == "Code"
	case *ast.CallExpr:
		sel, ok := e.Fun.(*ast.SelectorExpr)
		return ok && sel.Sel.Name == "String" && len(e.Args) == 0
	}
	return false
}

// The keymap is the one source of keys and help: bindings are made only in the keymap
// constructors, never relabelled on the fly, and no key is compared by hand beside them.
func TestKeysComeFromTheKeymapOnly(t *testing.T) {
	src := parseUI(t)
	for name, f := range src.files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				at := func() string { return src.fset.Position(n.Pos()).String() + " in " + fn.Name.Name }
				switch n := n.(type) {
				case *ast.CallExpr:
					if isPkgCall(n.Fun, "key", "NewBinding") && !keymapFunc(fn.Name.Name) {
						t.Errorf("%s: a binding made outside the keymap constructors", at())
					}
					if sel, ok := n.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "SetHelp" || sel.Sel.Name == "SetKeys") {
						t.Errorf("%s: %s changes a binding; a label that changes with the state is a second binding the state enables", at(), sel.Sel.Name)
					}
				case *ast.BinaryExpr:
					against := func(e ast.Expr) bool {
						switch n.Op {
						case token.EQL, token.NEQ:
							return keyLike(e) || isStringLit(e)
						case token.SUB, token.ADD:
							return keyLike(e) // k.Code - '1': a digit decoded by hand
						}
						return false
					}
					if (pressed(n.X) && against(n.Y)) || (pressed(n.Y) && against(n.X)) {
						t.Errorf("%s: a key compared by hand; match a binding with key.Matches", at())
					}
				case *ast.SwitchStmt:
					if n.Tag != nil && pressed(n.Tag) {
						t.Errorf("%s: a switch on a key's code or name; match bindings with key.Matches", at())
					}
				}
				return true
			})
		}
		_ = name
	}
}

func isStringLit(e ast.Expr) bool {
	lit, ok := e.(*ast.BasicLit)
	return ok && lit.Kind == token.STRING
}

// Every binding of every keymap is matched somewhere: a binding the help shows but no key
// reaches, or one left behind when its code went, cannot come back.
func TestEveryBindingIsMatched(t *testing.T) {
	src := parseUI(t)
	// The bindings: fields of type key.Binding of the package's struct types.
	fields := map[types.Object]string{}
	for _, f := range src.files {
		ast.Inspect(f, func(n ast.Node) bool {
			ts, ok := n.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok {
				return true
			}
			for _, fl := range st.Fields.List {
				if !isPkgCall(fl.Type, "key", "Binding") {
					continue
				}
				for _, id := range fl.Names {
					fields[src.info.Defs[id]] = ts.Name.Name + "." + id.Name
				}
			}
			return true
		})
	}
	if len(fields) < 30 {
		t.Fatalf("only %d bindings found: the test no longer sees the keymaps", len(fields))
	}
	matched := map[types.Object]bool{}
	for _, f := range src.files {
		// A shared binding a screen's keymap takes over (resultKeys.Related is
		// km.Links.Related) is matched through that copy, which is checked in its turn.
		for _, d := range f.Decls {
			if fn, ok := d.(*ast.FuncDecl); ok && keymapFunc(fn.Name.Name) && fn.Body != nil {
				ast.Inspect(fn.Body, func(n ast.Node) bool {
					if sel, ok := n.(*ast.SelectorExpr); ok {
						if s := src.info.Selections[sel]; s != nil {
							matched[s.Obj()] = true
						}
					}
					return true
				})
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || !isPkgCall(call.Fun, "key", "Matches") {
				return true
			}
			for _, arg := range call.Args[1:] {
				if sel, ok := arg.(*ast.SelectorExpr); ok {
					if s := src.info.Selections[sel]; s != nil {
						matched[s.Obj()] = true
					}
				}
			}
			return true
		})
	}
	var dead []string
	for obj, name := range fields {
		if obj == nil {
			t.Errorf("%s: its field was not type-checked", name)
			continue
		}
		if !matched[obj] {
			dead = append(dead, name)
		}
	}
	slices.Sort(dead)
	for _, d := range dead {
		t.Errorf("%s is never matched with key.Matches: a dead binding", d)
	}
}

// helpStates are screens in the states a person meets, for the help's checks.
func helpStates(t *testing.T) map[string]Model {
	t.Helper()
	f := &fakeProber{}
	f.set(probe.IDClientAuth, probe.Result{Name: "Client authentication", Status: probe.Fail, Summary: "refused", Obs: invalidClientObs()})
	live := testModel(t, 100, 30, withLive(t, f))
	plain := testModel(t, 100, 30, withGraph(t))
	states := map[string]Model{}
	for name, path := range map[string]string{
		"home": "", "question": "1", "paste": "2", "form": "1 1 2", "history": "1 1 1 2 h",
		"result": "1 1 1 2 2", "ticked": "1 1 1 2 2 space", "solved": "1 2 1 enter enter 1",
		"escalated": "1 2 1 enter enter 3", "browser": "4 j", "filtering": "4 / t o k", "jumping": "4 j j enter r",
		"entry": "4 j j enter", "settings": "5", "editing": "5 enter", "checks": "3", "all keys": "?",
	} {
		states[name] = send(t, plain, keys(path)...)
	}
	states["pasted"] = send(t, plain, press("2"), tea.PasteMsg{Content: `{"error":"invalid_grant"}`})
	for name, path := range map[string]string{
		"probe": "1 1 1 1", "asking": "1 1 1 2 1 enter", "fix": "1 1 1 1 enter enter", "report": "1 1 1 1 enter w",
		"naming": "1 1 1 1 enter w s", "checked": "3 enter", "checked failure": "3 enter j",
	} {
		states[name] = send(t, live, keys(path)...)
	}
	running, _ := send(t, live, keys("1 1 1 1")...).Update(press("enter"))
	states["running"] = running.(Model)
	retesting, _ := send(t, live, keys("1 1 1 1 enter enter")...).Update(press("t"))
	states["re-testing"] = retesting.(Model)
	checking, _ := send(t, live, press("3")).Update(press("enter"))
	states["checks running"] = checking.(Model)
	return states
}

// In every state, the help offers each key for one thing only, and the short help line
// offers nothing the full help does not list.
func TestHelpOffersEachKeyOnce(t *testing.T) {
	for name, m := range helpStates(t) {
		s := m.current()
		owner := map[string]string{}
		var full []string
		for _, col := range s.FullHelp() {
			for _, b := range col {
				if !b.Enabled() {
					continue
				}
				what := b.Help().Key + " " + b.Help().Desc
				full = append(full, what)
				for _, k := range b.Keys() {
					if prev, ok := owner[k]; ok && prev != what {
						t.Errorf("%s: %q is offered as %q and as %q", name, k, prev, what)
					}
					owner[k] = what
				}
			}
		}
		for _, b := range s.ShortHelp() {
			if what := b.Help().Key + " " + b.Help().Desc; b.Enabled() && !slices.Contains(full, what) {
				t.Errorf("%s: the help line offers %q, the full help does not", name, what)
			}
		}
	}
}

// The help tells the truth: in every state, every key the help line offers is one the
// screen acts on, checked by pressing it: something changes (what the screen shows, in
// text or style; the session; a command to run). Moving keys are left out (up at the top
// moves nothing, and rightly shows), as are the root's own (quit, help).
func TestHelpOffersOnlyWhatWorks(t *testing.T) {
	km := DefaultKeyMap()
	skip := []key.Binding{km.Global.Quit, km.Global.ForceQuit, km.Global.Help, km.Nav.Up, km.Nav.Down, km.Scroll.PageUp, km.Scroll.PageDown}
	for name, m := range helpStates(t) {
		for _, b := range m.current().ShortHelp() {
			if !b.Enabled() || key.Matches(press(b.Keys()[0]), skip...) {
				continue
			}
			k := press(b.Keys()[0])
			nm, cmd := m.Update(k)
			if cmd == nil && nm.(Model).View().Content == m.View().Content && sessionOf(nm.(Model)) == sessionOf(m) {
				t.Errorf("%s: the help offers %q (%s) but pressing it changes nothing", name, b.Help().Key, b.Help().Desc)
			}
		}
	}
}

func sessionOf(m Model) string { return sessionKey(screenOf[wizard](m, screenWizard).state) }
