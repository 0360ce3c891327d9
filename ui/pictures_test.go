package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
)

// The README's pictures are the real screens: these goldens keep them in colour (a dark
// terminal, 100x30, escape codes and all), and scripts/pictures.sh turns each into an SVG
// under docs/pictures with charmbracelet/freeze. Regenerate with
// `go test ./ui -run TestPictures -update`, then run scripts/pictures.sh.
var pictures = []struct {
	name, keys string
	want       string // what the screen must show, so a picture never shows the wrong screen
}{
	{"home", "", "What would you like to do?"},
	{"question", "1", "What type of error is it?"},
	{"result", "1 1 2 1 1 1 space", "invalid_grant"},
	{"browser", "4 j", "invalid_grant"},
	{"diagnose", "", "What was read"}, // the printer, not the wizard: see diagnosePicture
}

func TestPictures(t *testing.T) {
	builtin := withBuiltin(t)
	for _, p := range pictures {
		t.Run(p.name, func(t *testing.T) {
			var screen string
			if p.name == "diagnose" {
				screen = diagnosePicture(t)
			} else {
				m := testModel(t, 100, 30, builtin)
				m = send(t, m, keys(p.keys)...)
				screen = m.View().Content
			}
			if !strings.Contains(ansi.Strip(screen), p.want) || !strings.Contains(screen, "\x1b[") {
				t.Fatalf("the %s picture does not show %q in colour:\n%s", p.name, p.want, ansi.Strip(screen))
			}
			golden.RequireEqual(t, screen)
		})
	}
}

// diagnosePicture is `mubarokah-doctor diagnose` on a dark 100-column terminal: the paste of
// a curl -v answer from /api/user/details with a token short of a scope.
func diagnosePicture(t *testing.T) string {
	var pc printCase
	for _, c := range printCases(t) {
		if c.name == "diagnosis" {
			pc = c
		}
	}
	env := []string{"TERM=xterm-256color", "COLORTERM=truecolor", "COLORFGBG=15;0"}
	return render(Output{TTY: true, Cols: 100, Environ: env, Getenv: envOf(env...)}, pc)
}

// docs/pictures is made from the goldens; like docs/flow.md it must not fall behind them.
// freeze is not run here (it is a tool of its own module): the SVGs' sources are pinned by
// their hashes.
func TestPicturesAreCurrent(t *testing.T) {
	sums, err := os.ReadFile(filepath.Join("..", "docs", "pictures", "SOURCES.sha256"))
	if err != nil {
		t.Fatalf("%v: run scripts/pictures.sh", err)
	}
	want := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(sums)), "\n") {
		sum, name, ok := strings.Cut(line, "  ")
		if ok {
			want[filepath.Base(name)] = sum
		}
	}
	for _, p := range pictures {
		name := p.name + ".golden"
		data, err := os.ReadFile(filepath.Join("testdata", "TestPictures", name))
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.Sum256(data)
		if got := hex.EncodeToString(h[:]); want[name] != got {
			t.Errorf("docs/pictures/%s.svg is not made from the current %s: run scripts/pictures.sh", p.name, name)
		}
		if _, err := os.Stat(filepath.Join("..", "docs", "pictures", p.name+".svg")); err != nil {
			t.Errorf("%v: run scripts/pictures.sh", err)
		}
	}
	if len(want) != len(pictures) {
		t.Errorf("SOURCES.sha256 names %d pictures, the test %d: run scripts/pictures.sh", len(want), len(pictures))
	}
}
