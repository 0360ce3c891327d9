package evidence

import (
	"os"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/assets"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// bigPaste is a megabyte of application log with a curl -v answer at its end: what a person
// pastes when they copy the whole log.
func bigPaste(b *testing.B) string {
	tail, err := os.ReadFile("../../assets/samples/passport8-refresh-revoked-curl-v.txt")
	if err != nil {
		b.Fatal(err)
	}
	line := `[2026-03-02 10:15:32] production.INFO: GET /dashboard {"user":42,"ip":"198.51.100.7","ms":12} https://yourapp.com/home?page=2` + "\n"
	var sb strings.Builder
	for sb.Len()+len(line)+len(tail) < MaxInput {
		sb.WriteString(line)
	}
	sb.Write(tail)
	return sb.String()
}

func typicalPaste(b *testing.B) string {
	t, err := os.ReadFile("../../assets/samples/passport8-refresh-revoked-curl-v.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(t)
}

func benchParse(b *testing.B, text string, cat *knowledge.Catalogue) {
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		o, err := Parse(text, testNow)
		if err != nil {
			b.Fatal(err)
		}
		if cat != nil {
			if _, ok := cat.Match(o).Best(); !ok {
				b.Fatal("nothing matched")
			}
		}
	}
}

func loadCatalogue(b *testing.B) *knowledge.Catalogue {
	cat, err := knowledge.Load(assets.Catalogue, "catalogue")
	if err != nil {
		b.Fatal(err)
	}
	return cat
}

func BenchmarkParseTypical(b *testing.B)      { benchParse(b, typicalPaste(b), nil) }
func BenchmarkParse1MiB(b *testing.B)         { benchParse(b, bigPaste(b), nil) }
func BenchmarkParseMatchTypical(b *testing.B) { benchParse(b, typicalPaste(b), loadCatalogue(b)) }
func BenchmarkParseMatch1MiB(b *testing.B)    { benchParse(b, bigPaste(b), loadCatalogue(b)) }

// logPaste is a Laravel log record with its stack trace, copied from a public issue: the
// shape most real pastes take.
func logPaste(b *testing.B) string {
	t, err := os.ReadFile("../../testdata/realworld/cases/passport-a-guard-not-verified-730.txt")
	if err != nil {
		b.Fatal(err)
	}
	return string(t)
}

// bigLog is a megabyte of error records with traces, each of them read by the free-text
// reader, the exception finder and the transport signs.
func bigLog(b *testing.B) string {
	rec := logPaste(b)
	var sb strings.Builder
	for sb.Len()+len(rec) < MaxInput {
		sb.WriteString(rec)
		sb.WriteByte('\n')
	}
	return sb.String()
}

func BenchmarkParseMatchLog(b *testing.B)     { benchParse(b, logPaste(b), loadCatalogue(b)) }
func BenchmarkParseMatchLog1MiB(b *testing.B) { benchParse(b, bigLog(b), loadCatalogue(b)) }
