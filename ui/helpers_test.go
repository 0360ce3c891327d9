package ui

import (
	"fmt"
	"image/color"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

var (
	catOnce sync.Once
	catVal  *knowledge.Catalogue
	catErr  error
)

// testCatalogue is a small catalogue of our own in testdata/catalogue, so screen tests and
// snapshots stay put while the real catalogue grows.
func testCatalogue(t testing.TB) *knowledge.Catalogue {
	t.Helper()
	catOnce.Do(func() { catVal, catErr = knowledge.Load(os.DirFS("testdata"), "catalogue") })
	if catErr != nil {
		t.Fatalf("the test catalogue does not load: %v", catErr)
	}
	return catVal
}

var fixedNow = time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)

// testModel is the program at a given size on a dark background, as a person would see it
// once the terminal answered its first questions.
func testModel(t testing.TB, w, h int, mut ...func(*Options)) Model {
	t.Helper()
	cfg := config.Default()
	// Tests never reach the network: a fake prober unless a test brings its own.
	o := Options{Catalogue: testCatalogue(t), Config: &cfg, Prober: &fakeProber{}, Now: func() time.Time { return fixedNow }}
	for _, f := range mut {
		f(&o)
	}
	m := New(o)
	m = send(t, m, tea.BackgroundColorMsg{Color: color.Black}, tea.WindowSizeMsg{Width: w, Height: h})
	return m
}

// press builds the key message a terminal sends for a key name such as "enter", "ctrl+c",
// "space" or a single character.
func press(name string) tea.KeyPressMsg {
	switch name {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	if ctrl, ok := strings.CutPrefix(name, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: []rune(ctrl)[0], Mod: tea.ModCtrl}
	}
	if alt, ok := strings.CutPrefix(name, "alt+"); ok && alt == "enter" {
		return tea.KeyPressMsg{Code: tea.KeyEnter, Mod: tea.ModAlt}
	}
	r := []rune(name)[0]
	return tea.KeyPressMsg{Code: r, Text: name}
}

// keys turns "a b enter" into key presses; typeText turns text into one press per rune.
func keys(names string) []tea.Msg {
	var out []tea.Msg
	for _, n := range strings.Fields(names) {
		out = append(out, press(n))
	}
	return out
}

func typeText(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		if r == ' ' {
			out = append(out, press("space"))
			continue
		}
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

// quitSeen records whether a command asked the program to quit during send.
type quitSeen struct{ quit bool }

// send feeds messages to the model the way the program would: each returned command is run
// (with a deadline, so timers and ticks are dropped) and the messages it yields are fed
// back, until nothing is left.
func send(t testing.TB, m Model, msgs ...tea.Msg) Model {
	t.Helper()
	m, _ = sendQ(t, m, msgs...)
	return m
}

func sendQ(t testing.TB, m Model, msgs ...tea.Msg) (Model, bool) {
	t.Helper()
	q := &quitSeen{}
	for _, in := range msgs {
		// Each input is settled (its commands run and their messages fed back) before the
		// next one, as a person waits for the screen before pressing the next key.
		queue := []tea.Msg{in}
		for steps := 0; len(queue) > 0; steps++ {
			if steps > 10000 {
				t.Fatal("send: messages keep coming; a command loops")
			}
			msg := queue[0]
			queue = queue[1:]
			nm, cmd := m.Update(msg)
			m = nm.(Model)
			for _, out := range runCmd(cmd, time.Now().Add(2*time.Second)) {
				switch out.(type) {
				case tea.QuitMsg:
					q.quit = true
				case spinner.TickMsg:
					// animation; never needed for a test's answer
				default:
					queue = append(queue, out)
				}
			}
		}
	}
	return m, q.quit
}

// runCmd runs a command and expands batches (in parallel) and sequences (in order).
func runCmd(cmd tea.Cmd, deadline time.Time) []tea.Msg {
	if cmd == nil {
		return nil
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(time.Until(deadline)):
		return nil
	}
	switch msg := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var mu sync.Mutex
		var wg sync.WaitGroup
		var out []tea.Msg
		for _, c := range msg {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := runCmd(c, deadline)
				mu.Lock()
				out = append(out, r...)
				mu.Unlock()
			}()
		}
		wg.Wait()
		return out
	}
	// tea.Sequence's message is unexported; it is a []tea.Cmd underneath.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		var out []tea.Msg
		for i := 0; i < v.Len(); i++ {
			c, _ := v.Index(i).Interface().(tea.Cmd)
			out = append(out, runCmd(c, deadline)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// screenText is the view without escape codes, as a person reads it.
func screenText(m Model) string {
	return ansi.Strip(m.View().Content)
}

func mustContain(t testing.TB, screen string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(screen, w) {
			t.Fatalf("screen lacks %q:\n%s", w, screen)
		}
	}
}

func mustNotContain(t testing.TB, screen string, bad ...string) {
	t.Helper()
	for _, w := range bad {
		if strings.Contains(screen, w) {
			t.Fatalf("screen shows %q but must not:\n%s", w, screen)
		}
	}
}

// timeoutSoon is the deadline for commands a test runs by hand.
func timeoutSoon() time.Time { return time.Now().Add(2 * time.Second) }

// screenOf is the screen id as the model holds it now, for tests that look inside one.
func screenOf[T screen](m Model, id screenID) T {
	s, ok := m.screens[m.line(id)].(T)
	if !ok {
		panic(fmt.Sprintf("screen %s is a %T", id, m.screens[m.line(id)]))
	}
	return s
}
