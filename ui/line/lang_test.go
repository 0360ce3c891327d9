package line

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

var (
	idOnce sync.Once
	idG    *flow.Graph
	idErr  error
)

// graphID is the flow and catalogue in Bahasa Indonesia, as the CLI loads them for --lang id.
func graphID(t testing.TB) *flow.Graph {
	t.Helper()
	idOnce.Do(func() {
		cat, err := knowledge.BuiltinIn(lang.Indonesian.Code())
		if err != nil {
			idErr = err
			return
		}
		idG, idErr = flow.BuiltinIn(cat, lang.Indonesian.Code())
	})
	if idErr != nil {
		t.Fatal(idErr)
	}
	return idG
}

// runLineID is runLine in Bahasa Indonesia.
func runLineID(t testing.TB, input string) string {
	t.Helper()
	t.Chdir(t.TempDir())
	g := graphID(t)
	d := config.Default()
	var out bytes.Buffer
	err := Run(context.Background(), Options{Catalogue: g.Catalogue(), Graph: g, Config: &d, Prober: &fakeProber{},
		Now: func() time.Time { return testNow }, In: strings.NewReader(input), Out: &out, Lang: lang.Indonesian})
	if err != nil {
		t.Fatalf("the session ended with %v", err)
	}
	if bad := controls(out.String()); len(bad) > 0 {
		t.Fatalf("control characters in the output: %v", bad)
	}
	return out.String()
}

// English sentences of the line mode's own that must not be left in an Indonesian session.
var englishLeft = []string{"Home. What would you like to do?", "Choose 1 to", "Step ", "Cause 1 of",
	"Checklist:", "Checklist step", "Severity:", "Cause id:", "What next?", "The input ended", "Support can replay"}

// TestIndonesianPipedAnswersReachEverySeedEntry walks, by piped numbers, to every result of
// the seed's seven entries with the session in Bahasa Indonesia: the questions and choices
// are the Indonesian flow's, the entry and its causes and checklist the Indonesian
// catalogue's, and the words around them the line mode's own in Indonesian. The numbers
// and choice ids typed are the same as in English.
func TestIndonesianPipedAnswersReachEverySeedEntry(t *testing.T) {
	g, en := graphID(t), graph(t)
	reached := map[string]int{}
	for node, ids := range seedResults(t) {
		t.Run(node, func(t *testing.T) {
			typed, res := answersTo(t, g, config.Default(), ids)
			if res.ID != node {
				t.Fatalf("the answers %v lead to %s in Indonesian, not %s", ids, res.ID, node)
			}
			out := runLineID(t, lines(typed...))
			e, _ := g.Catalogue().Entry(res.Entry)
			enEntry, _ := en.Catalogue().Entry(res.Entry)
			if e.Title == enEntry.Title {
				t.Fatalf("the Indonesian catalogue gives %s the English title %q", e.Code, e.Title)
			}
			want := []string{
				"Langkah 2 (B).",
				"(" + res.ID + ")",
				"Error: " + e.Code + ". " + strings.TrimSuffix(e.Title, ".") + ".",
				"Tingkat keparahan: " + lang.Indonesian.T(string(e.Severity)),
				"Daftar periksa: 0 dari ",
				"Langkah 1 daftar periksa, belum selesai: ",
				"Penyebab 1 dari ",
				"Id penyebab: " + res.Causes[0] + ".",
				"Apa selanjutnya?",
				"Input sudah habis, jadi sesi berakhir di sini.",
				"mubarokah-doctor walk --answers ",
			}
			for _, c := range e.Causes {
				if c.ID == res.Causes[0] {
					want = append(want, "Penyebab 1 dari ") // ranked first: its text in Indonesian
					want = append(want, ": "+c.Text)
				}
			}
			if res.Text != "" {
				want = append(want, res.Text)
			}
			// Each question asked on the way, in Indonesian, with its choices.
			st, _ := g.Next(g.Start(), flow.Skip("answering questions instead"))
			for _, id := range ids {
				n := g.Offered(st)
				for n.Kind != flow.KindQuestion {
					st, _ = g.Next(st, flow.Skip("x"))
					n = g.Offered(st)
				}
				want = append(want, n.Text, n.Choices[0].Label)
				st, _ = g.Next(st, flow.Answer(id))
			}
			for _, w := range want {
				if !strings.Contains(out, w) {
					t.Fatalf("typed %q: the output lacks %q:\n%s", typed, w, out)
				}
			}
			for _, w := range englishLeft {
				if strings.Contains(out, w) {
					t.Fatalf("the Indonesian session still says %q in English:\n%s", w, out)
				}
			}
			reached[res.Entry]++
		})
	}
	for _, code := range seedEntries {
		if reached[code] == 0 {
			t.Errorf("no Indonesian walk reached the seed entry %s", code)
		}
	}
}

// TestIndonesianRepromptsAndHelp: a wrong answer is named and re-asked, h is the help and
// q asks before losing the walk, all in Indonesian; the keys typed are the English ones.
func TestIndonesianRepromptsAndHelp(t *testing.T) {
	out := runLineID(t, lines("1", "9", "apa", "", "h", "4xx", "q", "2"))
	for _, w := range []string{
		"Pilih 1 sampai 4 (b untuk kembali, h untuk bantuan):",
		"9 bukan salah satu pilihan: ketik angka dari 1 sampai 4.",
		`"apa" bukan pilihan: ketik angka dari 1 sampai 4 (atau h untuk bantuan).`,
		"Belum ada yang diketik: ketik angka dari 1 sampai 4 lalu tekan Enter.",
		"Ketik nomor pilihan lalu tekan Enter. Anda juga bisa mengetik:",
		"  b untuk mundur satu langkah dan menjawabnya lagi,",
		"Jawaban Anda belum disimpan dalam laporan.",
		"Keluar tanpa menyimpan.",
		"Sampai jumpa.",
	} {
		if !strings.Contains(out, w) {
			t.Fatalf("the output lacks %q:\n%s", w, out)
		}
	}
}

// TestIndonesianReportAndReference: the report read out and the reference speak
// Indonesian: the report's own headings (flow writes them in the catalogue's language), the
// table read as "Nomor: ..." pairs, a checklist box as words; an Indonesian word finds an
// entry, and the entry reads with Indonesian labels and places in words.
func TestIndonesianReportAndReference(t *testing.T) {
	out := runLineID(t, lines("1", "4xx", "token", "401", "skip", "expired", "r", "2", "home",
		"4", "invalid_grant", "", "6"))
	for _, w := range []string{
		"Laporan dimulai di sini.",
		"Nomor: 2; Node: B; Pertanyaan: ",
		"Belum selesai: ",
		"Laporan berakhir di sini.",
		"Simpan laporan ke file?",
		"Error: invalid_grant.",
		"Muncul di: endpoint token (POST /oauth/token).",
		"Langkah penyelesaian: ",
		"Pencegahan: ",
	} {
		if !strings.Contains(out, w) {
			t.Fatalf("the output lacks %q:\n%s", w, out)
		}
	}
	for _, w := range []string{"Not done: ", "Number: ", "Appears at", "The report starts here"} {
		if strings.Contains(out, w) {
			t.Fatalf("the Indonesian session still says %q:\n%s", w, out)
		}
	}
}

// TestSettingsSwitchesTheLanguage: Settings offers the other language, as the wizard's
// does; after the switch the session's own words, the flow's questions and the catalogue's
// entries are in it. Switching back returns to English.
func TestSettingsSwitchesTheLanguage(t *testing.T) {
	n := len(config.Settings())
	lng, home := fmt.Sprint(n+1), fmt.Sprint(n+2)
	idCat := graphID(t).Catalogue()
	grant, _ := idCat.Entry("invalid_grant")
	out, err := runLine(t, lines("5", lng, home, "1", "4xx", "b", "b",
		"4", "invalid_grant", "", "5", lng, home, "6"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := graphID(t).Node("C")
	for _, w := range []string{
		"Language: English. Choose this to switch to Bahasa Indonesia.",
		"Sesi ini sekarang memakai Bahasa Indonesia.",
		"Beranda. Apa yang ingin Anda lakukan?",
		c.Text, // the walk's question, from the Indonesian flow
		"Kembali ke menu beranda.",
		"Error: invalid_grant. " + strings.TrimSuffix(grant.Title, ".") + ".",
		"Bahasa: Bahasa Indonesia. Pilih ini untuk beralih ke English.",
		"The session now speaks English.",
		"Goodbye.",
	} {
		if !strings.Contains(out, w) {
			t.Fatalf("the output lacks %q:\n%s", w, out)
		}
	}
	if bad := controls(out); len(bad) > 0 {
		t.Fatalf("control characters in the output: %v", bad)
	}
}
