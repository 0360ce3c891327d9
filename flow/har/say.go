package har

import (
	"strings"
	"sync"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// A trace's sentences (a step's summary, what the cross-step checks found, the notes) are
// written in English as the file is read, and kept so: --json and a saved session hold them
// as they are. SayIn puts one into a person's language when it is shown, by its shape, the
// values it quotes (times, paths, server words, ids) left as they are.

// sayings are the English of flow/har's own sentences and their Indonesian. In the English,
// %d is a number, %w one word (a time, an id), %s any text kept as it is, and %S text that
// is one of these sentences itself, said again in turn.
var sayings = [][2]string{
	// A step's summary (observe.go).
	{"cancelled by the browser before an answer (it moved on to another page)",
		"dibatalkan browser sebelum ada respons (browser sudah pindah ke halaman lain)"},
	{"the request failed before any HTTP answer (blocked, refused or cut off)",
		"request gagal sebelum ada respons HTTP (diblokir, ditolak, atau terputus)"},
	{"no answer: %S", "tidak ada respons: %S"},
	{"HTTP %d to %S instead of JSON", "HTTP %d ke %S, bukan JSON"},
	{"HTTP %d with an HTML page instead of JSON", "HTTP %d berisi halaman HTML, bukan JSON"},
	{"HTTP %d: tokens issued (%S)", "HTTP %d: token diterbitkan (%S)"},
	{"HTTP %d to %S", "HTTP %d ke %S"},
	{"elsewhere", "tempat lain"},
	{"grant type not recorded", "grant type tidak terekam"},
	{"(no Location recorded)", "(Location tidak terekam)"},
	{"no redirect_uri", "tanpa redirect_uri"},
	{"state of %d characters", "state %d karakter"},
	{"no state", "tanpa state"},
	{"the provider sent the app error=%w: %s", "penyedia mengirim error=%w ke aplikasi: %s"},
	{"the provider sent the app error=%w", "penyedia mengirim error=%w ke aplikasi"},
	{"the callback carries neither a code nor an error", "callback tidak membawa kode maupun error"},
	{"a code was sent to the app; the recording does not show the app opening it",
		"kode dikirim ke aplikasi; rekaman tidak menunjukkan aplikasi membukanya"},
	{"a code was delivered; the page moved on before the app's answer was recorded",
		"kode sudah sampai; halaman sudah pindah sebelum respons aplikasi terekam"},
	{"the app did not answer its callback: %S", "aplikasi tidak menjawab callback-nya: %S"},
	{"no HTTP answer", "tidak ada respons HTTP"},
	{"the app answered its callback with %s", "aplikasi menjawab callback-nya dengan %s"},
	{"the app redirected to %w with error=%w", "aplikasi me-redirect ke %w dengan error=%w"},
	{"a code was delivered; the app answered HTTP %d to %s",
		"kode sudah sampai; aplikasi menjawab HTTP %d ke %s"},
	{"a code was delivered; the app answered HTTP %d", "kode sudah sampai; aplikasi menjawab HTTP %d"},

	// What the cross-step checks found (cross.go) is read by lang.Sentence, as a diagnosis
	// quoting it is.

	// The notes that count something (trace.go); the others are translated whole.
	{"%d entries could not be read and were left out", "%d entri tidak bisa dibaca dan dilewati"},
	{"only the first %d entries were read; %d more were left out",
		"hanya %d entri pertama yang dibaca; %d lainnya dilewati"},
	{"%d error answers have no body in the file (left out by the browser's export): the error's words are missing",
		"%d respons error tidak punya body di file ini (dibuang oleh ekspor browser): kata-kata error-nya tidak ada"},
}

// SayIn is one of a trace's sentences in l. A summary of several parts ("redirect_uri …,
// scope …; HTTP 302 to …") is said part by part; a part of no known shape (a server's
// words, a path) stays as it is.
func SayIn(l lang.Lang, s string) string {
	if l != lang.Indonesian || s == "" {
		return s
	}
	if t := l.T(s); t != s {
		return t
	}
	if t, ok := sayOne(l, s); ok {
		return t
	}
	if parts := strings.Split(s, "; "); len(parts) > 1 {
		for i, p := range parts {
			parts[i] = sayList(l, p)
		}
		return strings.Join(parts, "; ")
	}
	return sayList(l, s)
}

// sayList says each item of "a, b, c" that has a shape; the whole when one does not split.
func sayList(l lang.Lang, s string) string {
	if t, ok := sayOne(l, s); ok {
		return t
	}
	items := strings.Split(s, ", ")
	for i, it := range items {
		if t, ok := sayOne(l, it); ok {
			items[i] = t
		}
	}
	return strings.Join(items, ", ")
}

// sayShapes reads sayings back; a particular of text takes as much as it can.
var sayShapes = sync.OnceValue(func() *lang.Shapes {
	return lang.ShapesOf(lang.Verbs{'d': `(\d+)`, 'w': `(\S+)`, 's': `(.+)`, 'S': `(.+)`}, sayings)
})

// sayOne is s in l when it is one sentence of a trace's, whole.
func sayOne(l lang.Lang, s string) (string, bool) {
	t := sayShapes()
	i, verbs, args, ok := t.Match(s)
	if !ok {
		return l.Sentence(s)
	}
	return t.Fill(sayings[i][1], verbs, args, func(v byte, arg string) string {
		if v == 'S' {
			if t, ok := sayOne(l, arg); ok {
				return t
			}
		}
		return arg
	}), true
}
