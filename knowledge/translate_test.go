package knowledge_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The shipped translation loads against the English and the compiled copy says what the
// YAML says; when this fails, fix what it names in assets/catalogue/id and run
// `go generate ./knowledge`.
func TestIndonesianCatalogueLoadsAndIsCompiled(t *testing.T) {
	en := mustLoad(t)
	texts, err := knowledge.LoadTranslation(assets.CatalogueTree, "catalogue/id", en)
	if err != nil {
		t.Fatalf("assets/catalogue/id does not load:\n%v", err)
	}
	if got := knowledge.BuiltinIndonesian(); !reflect.DeepEqual(got, texts) {
		t.Fatalf("knowledge/translate_gen.go (%d entries) differs from assets/catalogue/id (%d): run go generate ./knowledge", len(got), len(texts))
	}
	id, err := knowledge.BuiltinIn(knowledge.LangIndonesian)
	if err != nil {
		t.Fatal(err)
	}
	if id.Lang() != "id" || len(id.Entries) != len(en.Entries) {
		t.Fatalf("BuiltinIn(id): lang %s, %d entries, want id and %d", id.Lang(), len(id.Entries), len(en.Entries))
	}
}

// translationOf writes a complete translation of e in which every text is the English
// with prefix in front: code spans and placeholders kept, so it loads.
func translationOf(e *knowledge.Entry, prefix string) map[string]any {
	m := map[string]any{"code": e.Code, "title": prefix + e.Title, "summary": prefix + e.Summary}
	if e.SeverityNote != "" {
		m["severity_note"] = prefix + e.SeverityNote
	}
	if len(e.Contexts) > 0 {
		ctx := map[string]string{}
		for k, v := range e.Contexts {
			ctx[k] = prefix + v
		}
		m["contexts"] = ctx
	}
	says, causes, steps := map[string]string{}, map[string]string{}, map[string]string{}
	for _, c := range e.Causes {
		causes[c.ID] = prefix + c.Text
		for _, s := range c.Signals {
			if s.Says != "" {
				says[s.Says] = prefix + s.Says
			}
		}
	}
	for _, s := range e.Signals {
		if s.Says != "" {
			says[s.Says] = prefix + s.Says
		}
	}
	for _, s := range e.Steps {
		steps[s.ID] = prefix + s.Text
	}
	var prev []string
	for _, p := range e.Prevention {
		prev = append(prev, prefix+p)
	}
	if len(says) > 0 {
		m["says"] = says
	}
	m["causes"], m["steps"], m["prevention"] = causes, steps, prev
	return m
}

func translatedFS(t *testing.T, en *knowledge.Catalogue, edit func(code string, m map[string]any)) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, e := range en.Entries {
		m := translationOf(e, "[id] ")
		if edit != nil {
			edit(e.Code, m)
		}
		if m == nil {
			continue
		}
		data, err := yaml.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		fsys["id/"+e.Code+".yaml"] = &fstest.MapFile{Data: data}
	}
	return fsys
}

func TestTranslationOverlaysTextAndKeepsIDs(t *testing.T) {
	en := mustLoad(t)
	texts, err := knowledge.LoadTranslation(translatedFS(t, en, nil), "id", en)
	if err != nil {
		t.Fatalf("a complete translation does not load:\n%v", err)
	}
	id, err := en.Translated("id", texts)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := id.Entry("invalid_grant")
	orig, _ := en.Entry("invalid_grant")
	if e.Title != "[id] "+orig.Title || e.Code != orig.Code || e.Severity != orig.Severity {
		t.Errorf("translated entry: title %q code %q severity %q", e.Title, e.Code, e.Severity)
	}
	for i, c := range e.Causes {
		if c.ID != orig.Causes[i].ID || c.Text != "[id] "+orig.Causes[i].Text {
			t.Errorf("cause %d: %s %q", i, c.ID, c.Text)
		}
	}
	if orig.Title == e.Title {
		t.Error("translating changed the English entry")
	}
	// A diagnosis gives the same entry and causes in both languages, its reasons in the
	// translation's words.
	o := knowledge.Observation{Error: "invalid_grant", Hint: "Authorization code has expired", Status: 400}
	de, _ := en.Match(o).Best()
	di, _ := id.Match(o).Best()
	if de.Entry == nil || di.Entry == nil || de.Entry.Code != di.Entry.Code || len(di.Causes) == 0 ||
		de.Causes[0].Cause.ID != di.Causes[0].Cause.ID {
		t.Fatalf("diagnoses differ: %+v / %+v", de, di)
	}
	for _, s := range di.Causes[0].Signals {
		if strings.Contains(s, "server's hint") && !strings.HasPrefix(s, "[id] ") {
			t.Errorf("a reason from the catalogue is not translated: %q", s)
		}
	}
}

func TestSearchFindsEitherLanguage(t *testing.T) {
	en := mustLoad(t)
	fsys := translatedFS(t, en, func(code string, m map[string]any) {
		if code == "state_mismatch" {
			m["title"] = "Nilai `state` pada callback tidak cocok dengan yang disimpan aplikasi"
			m["title"] = "Nilai state pada callback tidak cocok dengan yang disimpan aplikasi"
		}
	})
	texts, err := knowledge.LoadTranslation(fsys, "id", en)
	if err != nil {
		t.Fatal(err)
	}
	id, err := en.Translated("id", texts)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"disimpan aplikasi", "tidak cocok disimpan"} {
		if r := id.Search(q); len(r) == 0 || r[0].Entry.Code != "state_mismatch" {
			t.Errorf("Indonesian catalogue, search %q: want state_mismatch first, got %v", q, codes(r))
		}
	}
	// The English words of the entry still find it in the Indonesian catalogue.
	if r := id.Search("callback's state does not match"); len(r) == 0 || r[0].Entry.Code != "state_mismatch" {
		t.Errorf("Indonesian catalogue, English query: want state_mismatch first, got %v", codes(r))
	}
}

func codes(rs []knowledge.SearchResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Entry.Code)
	}
	return out
}

// Every rule of the format is a load error that names the file and line.
func TestTranslationErrorsNameFileAndLine(t *testing.T) {
	en := mustLoad(t)
	sm, _ := en.Entry("state_mismatch")
	cases := []struct {
		name string
		edit func(m map[string]any)
		want string
	}{
		{"empty title", func(m map[string]any) { m["title"] = " " }, "id/state_mismatch.yaml:%d: title is empty"},
		{"missing cause", func(m map[string]any) { delete(m["causes"].(map[string]string), sm.Causes[0].ID) },
			"causes \"" + sm.Causes[0].ID + "\" is not translated"},
		{"unknown step", func(m map[string]any) { m["steps"].(map[string]string)["no_such_step"] = "x" },
			"steps: \"no_such_step\" is not in the English entry"},
		{"code span changed", func(m map[string]any) {
			m["causes"].(map[string]string)[sm.Causes[0].ID] = "Cookie sesi tidak kembali: `SameSite=Lax`."
		}, "the English code span `SameSite=Strict` is missing"},
		{"span invented", func(m map[string]any) { m["title"] = "Nilai `nonce` tidak cocok" }, "the code span `nonce` is not in the English"},
		{"unknown field", func(m map[string]any) { m["tittle"] = "x" }, "unknown field \"tittle\""},
		{"prevention count", func(m map[string]any) { m["prevention"] = []string{"satu"} }, "prevention has 1 tips"},
		{"wrong code", func(m map[string]any) { m["code"] = "invalid_grant" }, "does not match the file name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fsys := translatedFS(t, en, func(code string, m map[string]any) {
				if code == "state_mismatch" {
					tc.edit(m)
				}
			})
			_, err := knowledge.LoadTranslation(fsys, "id", en)
			if err == nil {
				t.Fatal("loaded")
			}
			msg := err.Error()
			if !strings.Contains(msg, "id/state_mismatch.yaml:") {
				t.Errorf("error does not name the file and line:\n%s", msg)
			}
			want := tc.want
			if strings.Contains(want, "%d") {
				want = strings.SplitN(want, "%d", 2)[1]
			}
			if !strings.Contains(msg, want) {
				t.Errorf("error does not say %q:\n%s", want, msg)
			}
			if strings.Count(msg, "\n") > 3 {
				t.Errorf("one mistake, many errors:\n%s", msg)
			}
		})
	}
	t.Run("missing file", func(t *testing.T) {
		fsys := translatedFS(t, en, nil)
		delete(fsys, "id/tls_failure.yaml")
		_, err := knowledge.LoadTranslation(fsys, "id", en)
		if err == nil || !strings.Contains(err.Error(), "catalogue/tls_failure.yaml:1: entry tls_failure has no translation (id/tls_failure.yaml is missing)") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("unknown entry", func(t *testing.T) {
		fsys := translatedFS(t, en, nil)
		fsys["id/no_such.yaml"] = &fstest.MapFile{Data: []byte("code: no_such\ntitle: x\n")}
		_, err := knowledge.LoadTranslation(fsys, "id", en)
		if err == nil || !strings.Contains(err.Error(), "id/no_such.yaml:1: code \"no_such\" is not an entry") {
			t.Errorf("got %v", err)
		}
	})
}

func TestSameMarks(t *testing.T) {
	for _, tc := range []struct {
		en, tr string
		ok     bool
	}{
		{"Send `client_id` in the body.", "Kirim `client_id` di body.", true},
		{"Send client_id in the body.", "Kirim `client_id` di body.", true},
		{"Send `client_id`.", "Kirim client_id.", false},
		{"%d causes for %s", "%d penyebab untuk %s", true},
		{"%d causes for %s", "%s penyebab", false},
		{"Hello {name}", "Halo {nama}", false},
		{"{{.Count}} steps", "{{.Count}} langkah", true},
		{"100% sure", "100% yakin", true},
	} {
		err := knowledge.SameMarks(tc.en, tc.tr)
		if (err == nil) != tc.ok {
			t.Errorf("SameMarks(%q, %q) = %v, want ok=%v", tc.en, tc.tr, err, tc.ok)
		}
	}
	_ = fmt.Sprint
}

// BenchmarkBuiltinIn is the catalogue's start-up in each language: the Indonesian one is the
// English entries copied with the compiled translation laid over them.
func BenchmarkBuiltinIn(b *testing.B) {
	for _, l := range knowledge.Languages() {
		b.Run(l, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := knowledge.BuiltinIn(l); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
